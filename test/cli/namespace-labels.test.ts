/**
 * Weakened Pod Security enforcement through the CLI: `diff --base main` on a real git repository
 * reports a Namespace whose enforce label a branch lowers or removes, and nothing for one it
 * raises; `scan` reports only what needs no base; `rules` lists the rules with their file kind.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { GIT_ENV, GitFixture } from "./git-fixture.js";
import { runCli } from "./run-cli.js";

interface Json {
  findings: { ruleId: string; path: string; line: number; message: string; severity: string }[];
  existing?: number;
}

const fixtures: GitFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.dispose();
});

const namespace = (name: string, level: string | null) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n  labels:\n    team: ${name}\n${
    level ? `    pod-security.kubernetes.io/enforce: ${level}\n` : ""
  }`;

/** `main` with the namespaces at `levels`, then `feature` with them at `next`. */
function branches(levels: Record<string, string | null>, next: Record<string, string | null>) {
  const repo = new GitFixture();
  fixtures.push(repo);
  for (const [name, level] of Object.entries(levels))
    repo.write(`ns/${name}.yaml`, namespace(name, level));
  repo.commit("namespaces");
  repo.git("checkout", "-q", "-b", "feature");
  for (const [name, level] of Object.entries(next))
    repo.write(`ns/${name}.yaml`, namespace(name, level));
  repo.commit("change levels");
  return repo;
}

async function cli(repo: GitFixture, args: string[]): Promise<{ code: number; json: Json }> {
  const run = await runCli([...args, "--format", "json"], { cwd: repo.root, env: GIT_ENV });
  expect(run.stderr).toBe("");
  return { code: run.code, json: JSON.parse(run.stdout) as Json };
}

describe("Namespace labels in the CLI", () => {
  it("diff reports a lowered and a removed enforce label, not a raised one, and fails", async () => {
    const repo = branches(
      { lowered: "restricted", removed: "baseline", raised: "baseline" },
      { lowered: "baseline", removed: null, raised: "restricted" },
    );
    const { code, json } = await cli(repo, ["diff", "--base", "main", "--head", "feature"]);
    expect(code).toBe(1);
    expect(json.findings.map((f) => [f.path, f.line, f.ruleId, f.severity])).toEqual([
      ["ns/lowered.yaml", 7, "pod-security-enforce-lowered", "medium"],
      ["ns/removed.yaml", 5, "pod-security-enforce-lowered", "high"],
    ]);
    expect(json.findings[0]?.message).toContain("The base side had `restricted`.");
  });

  it("diff passes a branch that only raises the level, and --fail-on decides for a lowered one", async () => {
    const raised = branches({ a: "baseline" }, { a: "restricted" });
    expect(await cli(raised, ["diff", "--base", "main", "--head", "feature"])).toEqual({
      code: 0,
      json: expect.objectContaining({ findings: [] }),
    });
    const lowered = branches({ a: "restricted" }, { a: "baseline" });
    const run = await cli(lowered, [
      "diff",
      "--base",
      "main",
      "--head",
      "feature",
      "--fail-on",
      "high",
    ]);
    expect(run.code).toBe(0);
    expect(run.json.findings.map((f) => f.ruleId)).toEqual(["pod-security-enforce-lowered"]);
  });

  it("scan reports enforce: privileged and never a lowering, which needs a base", async () => {
    const repo = branches({ a: "restricted", b: "baseline" }, { a: "baseline", b: "privileged" });
    const { code, json } = await cli(repo, ["scan", "ns"]);
    expect(code).toBe(1);
    expect(json.findings.map((f) => [f.path, f.ruleId])).toEqual([
      ["ns/b.yaml", "pod-security-enforce-privileged"],
    ]);
  });

  it("rules lists the pod-security rules with their file kind", async () => {
    const run = await runCli(["rules"], { cwd: process.cwd() });
    expect(run.code).toBe(0);
    for (const id of [
      "pod-security-enforce-privileged",
      "pod-security-enforce-lowered",
      "pod-security-enforce-version",
      "pod-security-exemption",
      "pod-security-audit-warn-below-enforce",
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^${id} +\\S+ +— +kubernetes `, "m"));
    }
  });
});
