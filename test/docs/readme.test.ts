import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parseConfig } from "../../src/config/index.js";

const readme = readFileSync("README.md", "utf8");

describe("README", () => {
  it("opens with the two set-up commands: run the product, run the tests", () => {
    const first = /```sh\n([\s\S]*?)```/.exec(readme)?.[1] ?? "";
    expect(first).toContain("npm ci && npx privilege-guard scan examples/");
    expect(first).toContain("npm ci && npm test");
    expect(readFileSync(".ci/run", "utf8")).toMatch(/^npm ci\nnpm test$/m);
  });

  it("runs the product command as written (after the install, which builds)", () => {
    const run = spawnSync("npx", ["--no-install", "privilege-guard", "scan", "examples/"], {
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    // The examples hold findings on purpose: exit 1, each file named with its findings.
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/examples\/\S+\.yaml/);
  });

  it("shows a configuration example the App accepts", () => {
    const block = /\n {2}```yaml\n([\s\S]*?)\n {2}```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const yaml = (block ?? "")
      .split("\n")
      .map((l) => l.slice(2))
      .join("\n");
    const { config, errors } = parseConfig(yaml);
    expect(errors).toEqual([]);
    expect(config.exceptions).toHaveLength(1);
  });
});
