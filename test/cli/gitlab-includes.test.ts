/**
 * The CLI's `diff` on a GitLab CI pipeline split over files: a change to `.gitlab-ci.yml` alone
 * that makes a job extend a privileged template living in an unchanged included file.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { GIT_ENV, GitFixture } from "./git-fixture.js";
import { runCli } from "./run-cli.js";

const fixtures: GitFixture[] = [];
afterEach(() => {
  for (const f of fixtures.splice(0)) f.dispose();
});

const lines = (...l: string[]) => `${l.join("\n")}\n`;

const TEMPLATES = lines(
  ".docker-build:",
  "  image: docker:24",
  "  services:",
  "    - docker:24-dind",
  "  before_script:",
  '    - docker login -u "$CI_REGISTRY_USER" -p "$CI_REGISTRY_PASSWORD" "$CI_REGISTRY"',
  "  script:",
  "    - docker build -t $CI_REGISTRY_IMAGE .",
);

interface Json {
  findings: { ruleId: string; path: string; line: number; message: string }[];
  problems: unknown[];
}

describe("privilege-guard diff on GitLab CI includes", () => {
  it("reports the root job that now extends an included template, on its extends line", async () => {
    const r = new GitFixture();
    fixtures.push(r);
    r.write(
      ".gitlab-ci.yml",
      lines("include:", "  - local: /ci/*.yml", "build:", "  script: make"),
    );
    r.write("ci/templates.yml", TEMPLATES);
    r.commit("base");
    r.git("checkout", "-q", "-b", "feature");
    r.write(
      ".gitlab-ci.yml",
      lines("include:", "  - local: /ci/*.yml", "build:", "  extends: .docker-build"),
    );
    r.commit("build images in Docker");
    const run = await runCli(["diff", "--base", "main", "--head", "feature", "--format", "json"], {
      cwd: r.root,
      env: GIT_ENV,
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as Json;
    expect(json.problems).toEqual([]);
    expect(json.findings.map((f) => [f.path, f.line, f.ruleId])).toEqual([
      [".gitlab-ci.yml", 4, "container-privileged"],
    ]);
    expect(json.findings[0]?.message).toContain(
      "service `docker:24-dind` (from `.docker-build` in `ci/templates.yml` through `extends`)",
    );
  });
});
