/**
 * Every output format of `scan` and `diff` is rendered from the one evaluation: the same findings
 * and the same exit code whatever the format.
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterEach, describe, expect, it } from "@jest/globals";
import type { Log } from "sarif";
import { FORMATS } from "../../src/cli/formats.js";
import { deployment, GIT_ENV, GitFixture } from "./git-fixture.js";
import { runCli } from "./run-cli.js";

const REPO_ROOT = resolve(import.meta.dirname, "../..");

const fixtures: GitFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.dispose();
});

describe("output formats", () => {
  it.each(FORMATS)("scan --format %s exits as the verdict says", async (format) => {
    const json = await runCli(["scan", "--no-config", "--format", "json", "examples"], {
      cwd: REPO_ROOT,
    });
    const run = await runCli(["scan", "--no-config", "--format", format, "examples"], {
      cwd: REPO_ROOT,
    });
    expect(run.code).toBe(json.code);
    expect(run.code).toBe(1);
    const findings = (JSON.parse(json.stdout) as { findings: { path: string }[] }).findings;
    // Each format names every file with a finding.
    for (const path of new Set(findings.map((f) => f.path))) expect(run.stdout).toContain(path);
  });

  it("compact, github and junit of a diff report only what the change introduces", async () => {
    const repo = new GitFixture();
    fixtures.push(repo);
    repo.write("k8s/old.yaml", deployment("old", { app: true })).commit("base");
    repo.git("checkout", "-q", "-b", "feature");
    repo.write("k8s/new.yaml", deployment("new", { web: true })).commit("change");
    const run = (format: string) =>
      runCli(["diff", "--no-config", "--base", "main", "--format", format], {
        cwd: repo.root,
        env: GIT_ENV,
      });
    const compact = await run("compact");
    expect(compact.code).toBe(1);
    expect(compact.stdout).toMatch(/^k8s\/new\.yaml:\d+:\d+: critical privileged: /);
    expect(compact.stdout).not.toContain("k8s/old.yaml");
    const github = await run("github");
    expect(github.stdout).toMatch(/^::error file=k8s\/new\.yaml,line=\d+,/);
    expect(github.stdout).not.toContain("k8s/old.yaml");
    const junit = await run("junit");
    expect(junit.stdout).toContain('file="k8s/new.yaml"');
    expect(junit.stdout).not.toContain("k8s/old.yaml");
  });

  it("names the project's page in SARIF: package.json's homepage, on its repository", async () => {
    const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, "package.json"), "utf8")) as {
      homepage: string;
      repository: { url: string };
    };
    const run = await runCli(["scan", "--no-config", "--format", "sarif", "examples"], {
      cwd: REPO_ROOT,
    });
    const uri = (JSON.parse(run.stdout) as Log).runs[0]?.tool.driver.informationUri;
    expect(uri).toBe(pkg.homepage);
    const repository = pkg.repository.url.replace(/^git\+/, "").replace(/\.git$/, "");
    expect(uri?.startsWith(`${repository}#`) || uri === repository).toBe(true);
    expect(repository).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+$/);
  });
});
