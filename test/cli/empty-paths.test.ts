/**
 * An empty or wrong path is not a silent success: a folder holding no file to scan is named on
 * stderr by scan and diff (and fails with --strict), and a diff in a shallow clone that lacks the merge base or the
 * base branch says how to fetch the history. The shallow clones are made by git itself.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "@jest/globals";
import { DEFAULT_KINDS } from "../../src/catalogue/index.js";
import { deployment, GIT_ENV, GitFixture } from "./git-fixture.js";
import { runCli } from "./run-cli.js";
import { tempDir, tree } from "./temp-tree.js";

const fixtures: GitFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.dispose();
});

const ids = DEFAULT_KINDS.map((k) => k.id);
const KINDS = `${ids.slice(0, -1).join(", ")} or ${ids.at(-1)}`;

describe("scan of a folder without a file to scan", () => {
  const files = {
    "docs/README.md": "# docs\n",
    "docs/notes.txt": "nothing here\n",
    "k8s/app.yaml": deployment("app", { app: false }),
  };

  it("says so on stderr, naming the engine's file kinds, and still exits as the verdict says", async () => {
    expect(ids).toEqual(expect.arrayContaining(["kubernetes", "compose", "github-actions"]));
    const root = tree(files);
    const run = await runCli(["scan", "docs", "k8s"], { cwd: root });
    expect(run.stderr).toBe(`privilege-guard: no ${KINDS} files found under docs\n`);
    expect(run.code).toBe(0);
  });

  it("exits 2 with --strict, after printing the report", async () => {
    const root = tree(files);
    const run = await runCli(["scan", "--strict", "--format", "compact", "docs", "k8s"], {
      cwd: root,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("found under docs");
    expect(run.stdout).toMatch(/1 file scanned; passes/);
    expect((await runCli(["scan", "--strict", "k8s"], { cwd: root })).code).toBe(0);
  });

  it("says that the config's paths may have left the files out when they narrow them", async () => {
    const root = tree({
      ...files,
      ".github/privilege-guard.yml": "paths:\n  exclude: ['k8s/**']\n",
    });
    const run = await runCli(["scan", "--strict", "k8s"], { cwd: root });
    expect(run.stderr).toBe(
      `privilege-guard: no ${KINDS} files found under k8s that the paths of .github/privilege-guard.yml include\n`,
    );
    expect(run.code).toBe(2);
  });

  it("keeps a folder name with a line break on one line of stderr", async () => {
    const root = tree({ "a\n::error::x/README.md": "# docs\n" });
    const run = await runCli(["scan", "a\n::error::x"], { cwd: root });
    expect(run.stderr).toBe(`privilege-guard: no ${KINDS} files found under a\\n::error::x\n`);
  });
});

describe("diff of a path without a file to scan", () => {
  /** main holds a manifest and notes; the working tree changes a note only. */
  function repository(): GitFixture {
    const repo = new GitFixture();
    fixtures.push(repo);
    repo.write("k8s/app.yaml", deployment("app", { app: false }));
    repo.write("docs/notes.txt", "notes\n").commit("first");
    repo.write("docs/notes.txt", "more notes\n");
    return repo;
  }

  it("says so on stderr for a wrong or empty path, and exits 2 with --strict", async () => {
    const repo = repository();
    const run = await runCli(["diff", "--base", "main", "docs", "k8s", "k8z"], {
      cwd: repo.root,
      env: GIT_ENV,
    });
    expect(run.stderr).toBe(
      `privilege-guard: no ${KINDS} files found under docs\nprivilege-guard: no ${KINDS} files found under k8z\n`,
    );
    expect(run.code).toBe(0);
    const strict = await runCli(
      ["diff", "--base", "main", "--strict", "--format", "compact", "k8z"],
      {
        cwd: repo.root,
        env: GIT_ENV,
      },
    );
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain("found under k8z");
    expect(strict.stdout).toMatch(/passes/);
  });

  it("passes --strict for a path that holds a file to scan, changed or not, and a file given", async () => {
    const repo = repository();
    for (const paths of [["k8s"], ["k8s/app.yaml"], []]) {
      const run = await runCli(["diff", "--base", "main", "--strict", ...paths], {
        cwd: repo.root,
        env: GIT_ENV,
      });
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
    // A manifest changed in the working tree counts, as does one at the head commit only.
    repo.write("k8s/debug.yaml", deployment("debug", { shell: true }));
    const changed = await runCli(["diff", "--base", "main", "--strict", "k8s"], {
      cwd: repo.root,
      env: GIT_ENV,
    });
    expect(changed.code).toBe(1);
    expect(changed.stderr).toBe("");
  });

  it("looks at the head commit when one is given, and says which config left files out", async () => {
    const repo = repository();
    repo.write("extra/x.yaml", deployment("x", { x: false }));
    const atCommit = await runCli(
      ["diff", "--base", "main", "--head", "HEAD", "--strict", "extra"],
      {
        cwd: repo.root,
        env: GIT_ENV,
      },
    );
    expect(atCommit.stderr).toBe(`privilege-guard: no ${KINDS} files found under extra\n`);
    expect(atCommit.code).toBe(2);
    const inTree = await runCli(["diff", "--base", "main", "--strict", "extra"], {
      cwd: repo.root,
      env: GIT_ENV,
    });
    expect(inTree.stderr).toBe("");
    const config = repository();
    config.write(".github/privilege-guard.yml", "paths:\n  exclude: ['k8s/**']\n").commit("config");
    const excluded = await runCli(["diff", "--base", "main", "--strict", "k8s"], {
      cwd: config.root,
      env: GIT_ENV,
    });
    expect(excluded.stderr).toBe(
      `privilege-guard: no ${KINDS} files found under k8s that the paths of .github/privilege-guard.yml at main include\n`,
    );
    expect(excluded.code).toBe(2);
  });

  it("counts a path whose files the change removes, and names nothing without a path", async () => {
    const repo = repository();
    repo.remove("k8s/app.yaml").commit("no manifests");
    for (const paths of [["k8s"], []]) {
      const run = await runCli(
        ["diff", "--base", "main~1", "--head", "HEAD", "--strict", ...paths],
        {
          cwd: repo.root,
          env: GIT_ENV,
        },
      );
      expect(run.stderr).toBe("");
      expect(run.code).toBe(0);
    }
  });
});

describe("diff in a shallow clone", () => {
  /** A repository whose main and feature branches share only their first commit. */
  function origin(): GitFixture {
    const repo = new GitFixture();
    fixtures.push(repo);
    repo.write("k8s/app.yaml", deployment("app", { app: false })).commit("first");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("k8s/debug.yaml", deployment("debug", { shell: true })).commit("debug pod");
    repo.git("checkout", "-q", "main");
    repo.write("README.md", "# app\n").commit("readme");
    return repo;
  }

  function shallowClone(repo: GitFixture, ...args: string[]): string {
    const parent = tempDir("pg-shallow-");
    const clone = join(parent, "clone");
    const git = (cwd: string, ...a: string[]) =>
      execFileSync("git", a, { cwd, env: GIT_ENV, stdio: "pipe" });
    git(parent, "clone", "-q", ...args, pathToFileURL(repo.root).href, clone);
    return clone;
  }

  it("says how to fetch the history when the merge base is missing, and works once it is fetched", async () => {
    const clone = shallowClone(origin(), "--depth", "1");
    const git = (...a: string[]) =>
      execFileSync("git", a, { cwd: clone, env: GIT_ENV, stdio: "pipe" });
    git("fetch", "-q", "--depth", "1", "origin", "feature:feature");
    git("checkout", "-q", "feature");
    const run = await runCli(["diff", "--base", "origin/main", "--head", "HEAD"], {
      cwd: clone,
      env: GIT_ENV,
    });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toMatch(/^privilege-guard: no merge base: .* in this shallow clone: /);
    expect(run.stderr).toContain("`git fetch --unshallow origin`");
    expect(run.stderr).toContain("actions/checkout with `fetch-depth: 0`");
    // The advice works.
    git("fetch", "-q", "--unshallow", "origin");
    const fixed = await runCli(["diff", "--base", "origin/main", "--head", "HEAD"], {
      cwd: clone,
      env: GIT_ENV,
    });
    expect(fixed.stderr).toBe("");
    expect(fixed.code).toBe(1);
    expect(fixed.stdout).toContain("k8s/debug.yaml");
  });

  it("says a shallow clone may lack an unknown base branch", async () => {
    const clone = shallowClone(origin(), "--depth", "1");
    const run = await runCli(["diff", "--base", "origin/feature"], { cwd: clone, env: GIT_ENV });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /^privilege-guard: unknown ref: origin\/feature; this is a shallow clone, which may lack it: .*fetch-depth: 0/,
    );
  });

  it("keeps the plain message in a full clone", async () => {
    const repo = origin();
    const run = await runCli(["diff", "--base", "nope"], { cwd: repo.root, env: GIT_ENV });
    expect(run.stderr).toBe("privilege-guard: unknown ref: nope\n");
  });
});
