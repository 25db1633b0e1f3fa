/**
 * The defaults are written once (`src/config/defaults.ts`) and the schema takes each option's
 * default from there: what the schema fills into an empty file is exactly `defaultConfig()`.
 */
import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../src/config/defaults.js";
import { parseConfig } from "../../src/config/parse.js";
import { configSchema } from "../../src/config/schema.js";

describe("defaultConfig", () => {
  it("is what the schema fills into an empty file, option by option", () => {
    expect(defaultConfig()).toEqual(configSchema.parse({}));
    expect(parseConfig("").config).toEqual(defaultConfig());
    expect(parseConfig(null)).toEqual({ config: defaultConfig(), errors: [], given: [] });
  });

  it("fills nested options the file leaves out from the same defaults", () => {
    const parsed = configSchema.parse({
      paths: {},
      exceptionApproval: { approvers: {} },
      review: {},
    });
    expect(parsed).toEqual(defaultConfig());
  });

  it("gives each caller a copy of its own", () => {
    const first = defaultConfig();
    first.paths.include.push("mutated/**");
    first.exceptionApproval.approvers.teams.push("org/team");
    expect(defaultConfig().paths.include).toEqual(["**"]);
    expect(defaultConfig().exceptionApproval.approvers.teams).toEqual([]);
    expect(configSchema.parse({}).paths.include).toEqual(["**"]);
  });
});
