import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { deployment } from "./git-fixture.js";
import { runCli } from "./run-cli.js";
import { tree } from "./temp-tree.js";

const CONFIG = 'paths:\n  exclude: ["debug/**"]\n';

/** A repository (a `.git` folder is what marks its work tree) with a config and two manifests. */
function repository(): string {
  return tree({
    ".git/HEAD": "ref: refs/heads/main\n",
    ".github/privilege-guard.yml": CONFIG,
    "deploy/app.yaml": deployment("app", { web: true }),
    "debug/toolbox.yaml": deployment("toolbox", { shell: true }),
  });
}

describe("scan of a path in another project", () => {
  it("reads that project's config and reports its paths as a scan from inside it does", async () => {
    const repo = repository();
    const elsewhere = tree({ "notes.txt": "unrelated\n" });
    const inside = await runCli(["scan", "--format", "compact", "."], { cwd: repo });
    const outside = await runCli(["scan", "--format", "compact", repo], { cwd: elsewhere });
    expect(inside.stdout).toMatch(/^deploy\/app\.yaml:\d+:\d+: critical privileged:/mu);
    expect(inside.stdout).not.toContain("debug/");
    expect(outside).toEqual(inside);
    expect(outside.code).toBe(1);
  });

  it("takes a folder under that repository, and a single file, relative to its root", async () => {
    const repo = repository();
    const elsewhere = tree({});
    const folder = await runCli(["scan", "--format", "compact", join(repo, "deploy")], {
      cwd: elsewhere,
    });
    expect(folder.stdout).toMatch(/^deploy\/app\.yaml:/mu);
    const file = await runCli(["scan", "--format", "compact", join(repo, "deploy/app.yaml")], {
      cwd: elsewhere,
    });
    expect(file.stdout).toBe(folder.stdout);
    // The config of that repository still applies to a file named outright.
    const excluded = await runCli(["scan", join(repo, "debug/toolbox.yaml")], { cwd: elsewhere });
    expect(excluded.stderr).toBe(
      "privilege-guard: skipped debug/toolbox.yaml: not included by the config or no file kind reads it\n",
    );
  });

  it("scans a folder outside any repository as its own root", async () => {
    const folder = tree({ "deploy/app.yaml": deployment("app", { web: true }) });
    const elsewhere = repository();
    const run = await runCli(["scan", "--format", "compact", folder], { cwd: elsewhere });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^deploy\/app\.yaml:\d+:\d+: critical privileged:/mu);
    expect(run.stdout).toContain("1 file scanned");
  });

  it("refuses paths in two projects, naming them, rather than reading one with the other's config", async () => {
    const a = repository();
    const b = repository();
    const run = await runCli(["scan", a, b], { cwd: tree({}) });
    expect(run.code).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain("different projects");
    expect(run.stderr).toContain(a);
    expect(run.stderr).toContain(b);
  });

  it("keeps the working directory's project for paths inside it, as before", async () => {
    const repo = repository();
    const run = await runCli(["scan", "--format", "compact", "deploy"], {
      cwd: join(repo, "debug"),
    });
    // `deploy` relative to debug/ does not exist: the path is named, not guessed.
    expect(run.stderr).toContain("path not found: deploy");
    const up = await runCli(["scan", "--format", "compact", "../deploy"], {
      cwd: join(repo, "debug"),
    });
    expect(up.stdout).toMatch(/^deploy\/app\.yaml:/mu);
  });
});
