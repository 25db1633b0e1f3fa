/**
 * `privilege-guard fix` on copies of real manifests: the fixes are written in place (or printed as
 * a diff that git applies to the same result), the files still parse, the fixed settings are gone,
 * and what is left is reported with scan's exit code.
 */
import { execFileSync } from "node:child_process";
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { parseAllDocuments } from "yaml";
import { GIT_ENV } from "./git-fixture.js";
import { runCli } from "./run-cli.js";

const MANIFESTS = resolve(import.meta.dirname, "../fixtures/realworld/manifests");
const CHARTS = resolve(import.meta.dirname, "../fixtures/realworld/charts");

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A folder with copies of the real manifests under `k8s/`. */
function copies(...names: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "pg-fix-"));
  dirs.push(root);
  mkdirSync(join(root, "k8s"));
  for (const name of names) copyFileSync(join(MANIFESTS, name), join(root, "k8s", name));
  return root;
}

interface Json {
  findings: { ruleId: string; identity: string; fix?: unknown }[];
  accepted: { finding: { ruleId: string } }[];
  problems: unknown[];
}

async function scanJson(root: string, ...args: string[]): Promise<Json> {
  const run = await runCli(["scan", "--no-config", "--format", "json", ...args, "k8s"], {
    cwd: root,
  });
  return JSON.parse(run.stdout) as Json;
}

const NAMES = ["ip-masq-agent.yaml", "kube-flannel.yml", "rook-toolbox.yaml", "metallb-frr.yaml"];

describe("privilege-guard fix", () => {
  it("writes the verified fixes in place; the files parse and the fixed settings are gone", async () => {
    const root = copies(...NAMES);
    const before = await scanJson(root, "--level", "restricted");
    const run = await runCli(
      ["fix", "--no-config", "--level", "restricted", "--format", "json", "k8s"],
      {
        cwd: root,
      },
    );
    const left = JSON.parse(run.stdout) as Json;
    expect(left).toEqual(await scanJson(root, "--level", "restricted"));
    expect(left.problems).toEqual([]);
    for (const name of NAMES) {
      const text = readFileSync(join(root, "k8s", name), "utf8");
      for (const doc of parseAllDocuments(text)) expect(doc.errors).toEqual([]);
    }
    const fixedLines = run.stderr
      .split("\n")
      .filter((l) => l.startsWith("privilege-guard: fixed k8s/"));
    expect(fixedLines.length).toBeGreaterThan(5);
    const fixedRules = new Set(fixedLines.map((l) => /: ([a-z-]+): /.exec(l)?.[1]));
    const leftIds = new Set(left.findings.map((f) => `${f.ruleId} ${f.identity}`));
    const fixedBefore = before.findings.filter((f) => f.fix && fixedRules.has(f.ruleId));
    expect(fixedBefore.filter((f) => !leftIds.has(`${f.ruleId} ${f.identity}`)).length).toBe(
      fixedLines.length,
    );
    expect(run.stderr).toMatch(
      new RegExp(
        `fixed ${fixedLines.length} of ${before.findings.length} findings in 4 files; scanning again\\n$`,
      ),
    );
    // The exit code is scan's for what is left.
    const rescan = await runCli(["scan", "--no-config", "--level", "restricted", "k8s"], {
      cwd: root,
    });
    expect(run.code).toBe(rescan.code);
  });

  it("--dry-run prints a unified diff that git applies to what fix writes, and changes nothing", async () => {
    const root = copies(...NAMES);
    execFileSync("git", ["init", "-q"], { cwd: root, env: GIT_ENV });
    const original = NAMES.map((n) => readFileSync(join(root, "k8s", n), "utf8"));
    const dry = await runCli(["fix", "--dry-run", "--no-config", "--level", "restricted", "k8s"], {
      cwd: root,
    });
    expect(dry.stdout).toMatch(/^--- a\/k8s\/[^\n]+\n\+\+\+ b\/k8s\/[^\n]+\n@@ /);
    expect(dry.stderr).toMatch(/would fix \d+ of \d+ findings in 4 files; left: /);
    expect(NAMES.map((n) => readFileSync(join(root, "k8s", n), "utf8"))).toEqual(original);

    const patched = copies(...NAMES);
    writeFileSync(join(patched, "fix.patch"), dry.stdout);
    execFileSync("git", ["apply", "fix.patch"], { cwd: patched, env: GIT_ENV });
    const fixed = await runCli(["fix", "--no-config", "--level", "restricted", "k8s"], {
      cwd: root,
    });
    for (const name of NAMES)
      expect(readFileSync(join(patched, "k8s", name), "utf8")).toBe(
        readFileSync(join(root, "k8s", name), "utf8"),
      );
    expect(dry.code).toBe(fixed.code);
  });

  it("reads the config: an accepted exception is not fixed, an excluded file not touched", async () => {
    const root = copies("rook-toolbox.yaml", "ip-masq-agent.yaml");
    mkdirSync(join(root, ".github"));
    writeFileSync(
      join(root, ".github/privilege-guard.yml"),
      [
        "level: restricted",
        "paths:",
        "  exclude: ['k8s/ip-masq-agent.yaml']",
        "exceptions:",
        "  - rule: allow-privilege-escalation",
        "    reason: the toolbox runs setuid tools",
        "",
      ].join("\n"),
    );
    const masq = readFileSync(join(root, "k8s/ip-masq-agent.yaml"), "utf8");
    const run = await runCli(["fix", "--format", "json", "k8s"], { cwd: root });
    expect(run.stderr).not.toContain("allow-privilege-escalation");
    expect(run.stderr).toContain("fixed k8s/rook-toolbox.yaml:");
    expect(readFileSync(join(root, "k8s/ip-masq-agent.yaml"), "utf8")).toBe(masq);
    const left = JSON.parse(run.stdout) as Json;
    expect(left.accepted.map((a) => a.finding.ruleId)).toEqual(["allow-privilege-escalation"]);
    expect(left.findings).toEqual([]);
    expect(run.code).toBe(0);
  });

  it("fixes a Helm chart's values judged through its templates, over several passes", async () => {
    const root = mkdtempSync(join(tmpdir(), "pg-fix-chart-"));
    dirs.push(root);
    cpSync(join(CHARTS, "metallb"), join(root, "metallb"), { recursive: true });
    const args = ["--no-config", "--level", "restricted", "--format", "json", "metallb"];
    const before = JSON.parse((await runCli(["scan", ...args], { cwd: root })).stdout) as Json;
    const run = await runCli(["fix", ...args], { cwd: root });
    const left = JSON.parse(run.stdout) as Json;
    expect(left).toEqual(JSON.parse((await runCli(["scan", ...args], { cwd: root })).stdout));
    expect(left.problems).toEqual([]);
    expect(left.findings.length).toBeLessThan(before.findings.length);
    expect(left.findings.filter((f) => f.fix)).toEqual([]);
    const values = readFileSync(join(root, "metallb/values.yaml"), "utf8");
    expect(values).not.toBe(readFileSync(join(CHARTS, "metallb/values.yaml"), "utf8"));
    for (const doc of parseAllDocuments(values)) expect(doc.errors).toEqual([]);
  });

  it("changes nothing and exits 0 when there is nothing to fix", async () => {
    const root = copies("ingress-nginx-baremetal.yaml");
    const original = readFileSync(join(root, "k8s/ingress-nginx-baremetal.yaml"), "utf8");
    const run = await runCli(["fix", "--no-config", "k8s"], { cwd: root });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("privilege-guard: fixed 0 of 0 findings in 0 files; scanning again\n");
    expect(readFileSync(join(root, "k8s/ingress-nginx-baremetal.yaml"), "utf8")).toBe(original);
  });
});
