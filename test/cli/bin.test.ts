import { execFile } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "@jest/globals";

const ROOT = resolve(import.meta.dirname, "../..");
const PKG = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as {
  version: string;
  bin: Record<string, string>;
};
/** The bundle `npm run build` writes (scripts/bundle-cli.js). */
const BIN = resolve(ROOT, "lib/bin/privilege-guard.js");
/** The same command unbundled, as tsc builds it. */
const UNBUNDLED = resolve(ROOT, "lib/cli/main.js");

function run(
  args: string[],
  script = BIN,
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((done) => {
    execFile(
      process.execPath,
      [script, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH } },
      (error, stdout, stderr) => {
        done({ code: error ? Number(error.code) : 0, stdout, stderr });
      },
    );
  });
}

describe("the built bin (npm test builds lib/ before jest)", () => {
  it("is declared in package.json and starts with a shebang", () => {
    expect(PKG.bin).toEqual({ "privilege-guard": "lib/bin/privilege-guard.js" });
    expect(existsSync(BIN)).toBe(true);
    expect(readFileSync(BIN, "utf8").startsWith("#!/usr/bin/env node\n")).toBe(true);
  });

  it("scans the examples as a child process, with exit code 1", async () => {
    const result = await run(["scan", "--format", "json", "examples"]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(json.findings.length).toBeGreaterThan(0);
    expect(json.problems).toEqual([expect.objectContaining({ path: "examples/invalid.yaml" })]);
  });

  it("exits 0 on a clean file and 2 on a usage error, without a stack trace", async () => {
    expect(await run(["scan", "examples/hardened-deployment.yaml"])).toMatchObject({ code: 0 });
    const bad = await run(["scan", "--level", "nope"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr.split("\n")).toHaveLength(2);
    expect(bad.stderr).not.toContain("    at ");
  });

  it("prints the package's version", async () => {
    expect(await run(["--version"])).toEqual({ code: 0, stdout: `${PKG.version}\n`, stderr: "" });
  });

  it("says what the unbundled command says, in every command that reads files", async () => {
    const cases = [
      ["scan", "--format", "json", "examples"],
      ["scan", "--format", "sarif", "--level", "restricted", "examples/helm"],
      ["fix", "--dry-run", "examples"],
      ["rules", "--format", "json"],
      ["explain", "privileged"],
    ];
    for (const args of cases) {
      const [bundled, unbundled] = await Promise.all([run(args), run(args, UNBUNDLED)]);
      expect([args, bundled]).toEqual([args, unbundled]);
    }
  });
});
