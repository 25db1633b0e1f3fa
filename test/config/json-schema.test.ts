/**
 * Keeps schema/privilege-guard.schema.json in sync with the zod schema. Regenerate it with
 * `npm run schema` (which runs this file with UPDATE_SCHEMA=1).
 */
import { readFileSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import {
  CONFIG_SCHEMA_ID,
  configJsonSchema,
  configJsonSchemaText,
} from "../../src/config/json-schema.js";
import { parseConfig } from "../../src/config/parse.js";

const SCHEMA_FILE = new URL("../../schema/privilege-guard.schema.json", import.meta.url);
const DOCS_FILE = new URL("../../docs/configuration.md", import.meta.url);

if (process.env.UPDATE_SCHEMA === "1") writeFileSync(SCHEMA_FILE, configJsonSchemaText());

function published(): unknown {
  return JSON.parse(readFileSync(SCHEMA_FILE, "utf8"));
}

/** The ```yaml blocks of docs/configuration.md: every one is a complete, valid config. */
function documentedConfigs(): string[] {
  const docs = readFileSync(DOCS_FILE, "utf8");
  return [...docs.matchAll(/^```yaml\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? "");
}

describe("the published JSON Schema", () => {
  it("is the one generated from the zod schema (run `npm run schema` when this fails)", () => {
    expect(published()).toEqual(configJsonSchema());
  });

  it("has the stable $id that docs/configuration.md gives editors and SchemaStore", () => {
    const schema = published() as { $id: string; $schema: string };
    expect(schema.$id).toBe(CONFIG_SCHEMA_ID);
    expect(schema.$id).toMatch(/^https:\/\/[^#]+\.schema\.json$/);
    expect(readFileSync(DOCS_FILE, "utf8")).toContain(`$schema=${CONFIG_SCHEMA_ID}`);
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
  });

  const ajv = new Ajv2020({ allErrors: true, strict: true });
  const validate = ajv.compile(published() as object);

  it("accepts every config documented in docs/configuration.md, as the App does", () => {
    const configs = documentedConfigs();
    expect(configs.length).toBeGreaterThan(2);
    for (const text of configs) {
      expect(parseConfig(text).errors).toEqual([]);
      expect(validate(parse(text) ?? {})).toBe(true);
    }
  });

  it("rejects what the App rejects: unknown keys, missing reasons, wrong values", () => {
    const rejected = [
      { levle: "baseline" },
      { paths: { includes: ["**"] } },
      { exceptions: [{ rule: "privileged" }] },
      { exceptions: [{ rule: "privileged", reason: "  " }] },
      { failOn: "severe" },
      { allowAnnotationExceptions: "yes" },
    ];
    for (const value of rejected) {
      expect(validate(value)).toBe(false);
      expect(parseConfig(JSON.stringify(value)).errors).not.toEqual([]);
    }
  });
});
