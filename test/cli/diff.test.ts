import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import { deployment, GIT_ENV, GitFixture } from "./git-fixture.js";
import { runCli } from "./run-cli.js";

interface DiffJson {
  findings: {
    ruleId: string;
    path: string;
    line: number;
    container: string | null;
    message: string;
  }[];
  accepted: unknown[];
  problems: { path: string; code: string; line: number }[];
  existing: number;
  resolved: number;
  files: number;
}

const fixtures: GitFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.dispose();
});

/** A repository with `main` holding `files`, and a `feature` branch checked out from it. */
function repoWith(files: Record<string, string>): GitFixture {
  const repo = new GitFixture();
  fixtures.push(repo);
  for (const [path, text] of Object.entries(files)) repo.write(path, text);
  repo.commit("base");
  repo.git("checkout", "-q", "-b", "feature");
  return repo;
}

async function diffJson(repo: GitFixture, args: string[] = [], cwd = repo.root) {
  const run = await runCli(["diff", "--base", "main", "--format", "json", ...args], {
    cwd,
    env: GIT_ENV,
  });
  expect(run.stderr).toBe("");
  return { code: run.code, json: JSON.parse(run.stdout) as DiffJson };
}

describe("privilege-guard diff", () => {
  it("reports a privileged container in an added file", async () => {
    const repo = repoWith({ "README.md": "# app\n" });
    repo.write("k8s/api.yaml", deployment("api", { api: true }));
    repo.commit("add api");
    const { code, json } = await diffJson(repo, ["--head", "feature"]);
    expect(code).toBe(1);
    expect(json.findings).toHaveLength(1);
    expect(json.findings[0]).toMatchObject({
      ruleId: "privileged",
      path: "k8s/api.yaml",
      line: 14,
    });
    expect(json.existing).toBe(0);
    expect(json.files).toBe(1);
  });

  it("reports only the newly added privileged container of a modified file", async () => {
    const repo = repoWith({ "api.yaml": deployment("api", { api: false }) });
    repo.write("api.yaml", deployment("api", { api: false, debug: true }));
    repo.commit("add a debug sidecar");
    const { code, json } = await diffJson(repo, ["--head", "feature"]);
    expect(code).toBe(1);
    expect(json.findings.map((f) => f.container)).toEqual(["debug"]);
  });

  it("does not report a pre-existing finding, and counts it", async () => {
    const repo = repoWith({ "api.yaml": deployment("api", { api: true }) });
    repo.write("api.yaml", deployment("api", { api: true }).replace("replicas: 2", "replicas: 5"));
    repo.commit("scale up");
    const { code, json } = await diffJson(repo, ["--head", "feature"]);
    expect(code).toBe(0);
    expect(json.findings).toEqual([]);
    expect(json.existing).toBe(1);

    const text = await runCli(["diff", "--base", "main", "--head", "feature"], {
      cwd: repo.root,
      env: GIT_ENV,
    });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("No new findings, 1 pre-existing finding not reported");
  });

  it("reports nothing when a privileged block only moves", async () => {
    const a = deployment("a", { a: true });
    const b = deployment("b", { b: false });
    const repo = repoWith({ "all.yaml": `${a}---\n${b}` });
    // Swap the documents and flow-style the privileged container's security context.
    const moved = a.replace(
      "          securityContext:\n            privileged: true\n",
      "          securityContext: { privileged: true }\n",
    );
    repo.write("all.yaml", `${b}---\n${moved}`);
    repo.commit("reorder");
    const { code, json } = await diffJson(repo, ["--head", "feature"]);
    expect(code).toBe(0);
    expect(json.findings).toEqual([]);
    expect(json.existing).toBe(1);
  });

  it("follows a rename: a fragment's finding moves with its file", async () => {
    const values = "securityContext:\n  privileged: true\n  runAsUser: 1000\n";
    const repo = repoWith({ "charts/agent/values.yaml": values });
    repo.git("mv", "charts/agent", "charts/node-agent");
    repo.commit("rename chart");
    const { code, json } = await diffJson(repo, ["--head", "feature"]);
    expect(code).toBe(0);
    expect(json.findings).toEqual([]);
    expect(json.existing).toBe(1);
    expect(json.files).toBe(1);
  });

  it("treats a removed file as resolving its findings", async () => {
    const repo = repoWith({ "debug.yaml": deployment("debug", { debug: true }) });
    repo.git("rm", "-q", "debug.yaml");
    repo.commit("remove debug");
    const { code, json } = await diffJson(repo, ["--head", "feature"]);
    expect(code).toBe(0);
    expect(json.findings).toEqual([]);
    expect(json.resolved).toBe(1);
  });

  it("limits the review to the PATH filters, relative to the working directory", async () => {
    const repo = repoWith({ "README.md": "# mono\n" });
    repo.write("teams/a/app.yaml", deployment("a", { a: true }));
    repo.write("teams/b/app.yaml", deployment("b", { b: true }));
    repo.commit("two teams");
    const fromRoot = await diffJson(repo, ["--head", "feature", "teams/a"]);
    expect(fromRoot.json.findings.map((f) => f.path)).toEqual(["teams/a/app.yaml"]);
    const fromSubdir = await diffJson(repo, ["--head", "feature", "."], join(repo.root, "teams/b"));
    expect(fromSubdir.json.findings.map((f) => f.path)).toEqual(["teams/b/app.yaml"]);
    const all = await diffJson(repo, ["--head", "feature"], join(repo.root, "teams/b"));
    expect(all.json.findings.map((f) => f.path).sort()).toEqual([
      "teams/a/app.yaml",
      "teams/b/app.yaml",
    ]);
  });

  it("compares the working tree, untracked files included, unless --head is given", async () => {
    const repo = repoWith({
      ".gitignore": "scratch/\n",
      "api.yaml": deployment("api", { api: false }),
    });
    repo.write("api.yaml", deployment("api", { api: false, dbg: true })); // modified, not committed
    repo.write("new/tool.yaml", deployment("tool", { tool: true })); // untracked
    repo.write("scratch/ignored.yaml", deployment("ignored", { x: true })); // ignored
    const tree = await diffJson(repo);
    expect(tree.code).toBe(1);
    expect(tree.json.findings.map((f) => `${f.path}:${f.container}`).sort()).toEqual([
      "api.yaml:dbg",
      "new/tool.yaml:tool",
    ]);
    const head = await diffJson(repo, ["--head", "feature"]);
    expect(head.code).toBe(0);
    expect(head.json.files).toBe(0);
  });

  it("compares with the merge base: what the base branch added since is not the change's", async () => {
    const repo = repoWith({ "README.md": "# app\n" });
    repo.write("web.yaml", deployment("web", { web: false }));
    repo.commit("feature work");
    repo.git("checkout", "-q", "main");
    repo.write("ops.yaml", deployment("ops", { ops: true }));
    repo.commit("main moves on");
    repo.git("checkout", "-q", "feature");
    const { code, json } = await diffJson(repo, ["--head", "feature"]);
    expect(code).toBe(0);
    expect(json.files).toBe(1);
    expect(json.resolved).toBe(0);
  });

  it("shows each introduced finding's fix as a diff in text output", async () => {
    const repo = repoWith({ "README.md": "# app\n" });
    repo.write("api.yaml", deployment("api", { api: true }));
    const run = await runCli(["diff", "--base", "main"], { cwd: repo.root, env: GIT_ENV });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("Changes from main (merge base");
    expect(run.stdout).toContain("to working tree");
    expect(run.stdout).toContain("api.yaml\n  14:13");
    expect(run.stdout).toContain("-            privileged: true");
    expect(run.stdout).toMatch(
      /1 new finding \(1 critical\), 0 pre-existing findings not reported/,
    );
  });

  it("writes SARIF for the introduced findings only", async () => {
    const repo = repoWith({ "old.yaml": deployment("old", { old: true }) });
    repo.write("new.yaml", deployment("new", { fresh: true }));
    const run = await runCli(["diff", "--base", "main", "--format", "sarif"], {
      cwd: repo.root,
      env: GIT_ENV,
    });
    expect(run.code).toBe(1);
    const log = JSON.parse(run.stdout);
    const results = log.runs[0].results as {
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
    }[];
    expect(results.map((r) => r.locations[0]?.physicalLocation.artifactLocation.uri)).toEqual([
      "new.yaml",
    ]);
  });

  it("fails with 1 on a changed file that cannot be parsed", async () => {
    const repo = repoWith({ "README.md": "# app\n" });
    repo.write(
      "broken.yaml",
      "spec:\n  containers:\n    - name: a\n      image: x\n        securityContext:\n          privileged: true\n",
    );
    repo.write("ok.yaml", deployment("ok", { ok: false }));
    const { code, json } = await diffJson(repo);
    expect(code).toBe(1);
    expect(json.problems).toEqual([
      expect.objectContaining({ path: "broken.yaml", code: "parse-error", line: 4 }),
    ]);
    expect(json.findings).toEqual([]);
  });

  describe("errors", () => {
    it("exits 2 outside a git repository", async () => {
      const dir = mkdtempSync(join(tmpdir(), "pg-norepo-"));
      try {
        const run = await runCli(["diff", "--base", "main"], { cwd: dir, env: GIT_ENV });
        expect(run.code).toBe(2);
        expect(run.stderr).toMatch(/^privilege-guard: not a git repository.*\n$/);
        expect(run.stdout).toBe("");
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it("exits 2 on an unknown ref, base or head", async () => {
      const repo = repoWith({ "README.md": "# app\n" });
      const base = await runCli(["diff", "--base", "no-such-branch"], {
        cwd: repo.root,
        env: GIT_ENV,
      });
      expect(base).toMatchObject({
        code: 2,
        stderr: "privilege-guard: unknown ref: no-such-branch\n",
      });
      const head = await runCli(["diff", "--base", "main", "--head", "--upload-pack=x"], {
        cwd: repo.root,
        env: GIT_ENV,
      });
      expect(head).toMatchObject({
        code: 2,
        stderr: "privilege-guard: unknown ref: --upload-pack=x\n",
      });
    });

    it("exits 2 without --base, and for a PATH outside the repository", async () => {
      const repo = repoWith({ "README.md": "# app\n" });
      const missing = await runCli(["diff"], { cwd: repo.root, env: GIT_ENV });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toBe(
        "privilege-guard: error: required option '--base <ref>' not specified\n",
      );
      const outside = await runCli(["diff", "--base", "main", ".."], {
        cwd: repo.root,
        env: GIT_ENV,
      });
      expect(outside).toMatchObject({
        code: 2,
        stderr: "privilege-guard: path is outside the repository: ..\n",
      });
    });
  });
});
