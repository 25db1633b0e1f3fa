/** The CLI on dev containers: found in `.devcontainer/` by the engine's kind, scanned and diffed. */
import { afterEach, describe, expect, it } from "@jest/globals";
import { GIT_ENV, GitFixture } from "./git-fixture.js";
import { runCli } from "./run-cli.js";

const fixtures: GitFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.dispose();
});

const BASE = `{
  // Builds the project's images.
  "name": "builder",
  "image": "mcr.microsoft.com/devcontainers/base:bookworm",
  "features": {
    "ghcr.io/devcontainers/features/docker-in-docker:2": {},
  },
}
`;

interface Json {
  findings: { ruleId: string; path: string; line: number; fix?: { text: string } }[];
  problems: unknown[];
}

describe("privilege-guard on dev containers", () => {
  it("scan reads .devcontainer/devcontainer.json; diff reports only what a branch adds", async () => {
    const r = new GitFixture();
    fixtures.push(r);
    r.write(".devcontainer/devcontainer.json", BASE);
    r.write("devcontainer.json", '{ "privileged": true }\n');
    r.commit("base");

    const scan = await runCli(["scan", "--format", "json", "."], { cwd: r.root, env: GIT_ENV });
    expect(scan.code).toBe(1);
    const scanned = JSON.parse(scan.stdout) as Json;
    expect(scanned.problems).toEqual([]);
    expect(scanned.findings.map((f) => [f.path, f.line, f.ruleId])).toEqual([
      [".devcontainer/devcontainer.json", 6, "container-privileged"],
    ]);

    r.git("checkout", "-q", "-b", "feature");
    r.write(
      ".devcontainer/devcontainer.json",
      BASE.replace('  "features"', '  "runArgs": ["--init", "--pid=host"],\n  "features"'),
    );
    r.commit("feature");
    const run = await runCli(["diff", "--base", "main", "--head", "feature", "--format", "json"], {
      cwd: r.root,
      env: GIT_ENV,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as Json;
    expect(json.findings.map((f) => [f.path, f.line, f.ruleId])).toEqual([
      [".devcontainer/devcontainer.json", 5, "container-host-namespaces"],
    ]);
    expect(json.findings[0]?.fix?.text).toBe('  "runArgs": ["--init"],\n');
  });
});
