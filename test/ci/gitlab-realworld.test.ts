/**
 * GitLab Runner's own pipeline (test/fixtures/realworld/gitlab-ci, see SOURCES.md): a root
 * `.gitlab-ci.yml` that includes `.gitlab/ci/*.gitlab-ci.yml` files, whose build jobs extend the
 * `.docker` template (Docker-in-Docker) of `_common.gitlab-ci.yml`, together with templates of
 * `_rules.gitlab-ci.yml`, which is not at hand.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { diff, scan } from "../../src/catalogue/index.js";
import { composeVariable } from "../support/compose-case.js";

const read = (name: string) =>
  readFileSync(new URL(`../fixtures/realworld/gitlab-ci/${name}`, import.meta.url), "utf8");

const ROOT = { path: ".gitlab-ci.yml", text: read("gitlab-runner.gitlab-ci.yml") };
const COMMON = {
  path: ".gitlab/ci/_common.gitlab-ci.yml",
  text: read("gitlab-runner._common.gitlab-ci.yml"),
};
const BUILD = {
  path: ".gitlab/ci/build.gitlab-ci.yml",
  text: read("gitlab-runner.build.gitlab-ci.yml"),
};

/** The Docker-in-Docker service the template names, a GitLab variable in its tag. */
const DIND = `docker:${composeVariable("DOCKER_VERSION")}-dind`;

/** The `.docker` template as `_common.gitlab-ci.yml` writes it. */
const DOCKER_TEMPLATE = COMMON.text.slice(
  COMMON.text.indexOf(".docker:\n"),
  COMMON.text.indexOf(".go-cache:\n"),
);

describe("GitLab Runner's pipeline, split over included files", () => {
  it("reports each build job that extends the Docker-in-Docker template, on its extends", () => {
    const results = scan([ROOT, COMMON, BUILD]);
    expect(results.map((r) => [r.path, r.kind, r.problems])).toEqual([
      [ROOT.path, "gitlab-ci", []],
      [COMMON.path, "gitlab-ci", []],
      [BUILD.path, "gitlab-ci", []],
    ]);
    const build = results[2]?.findings ?? [];
    expect(build.map((f) => [f.line, f.ruleId, f.fix])).toEqual(
      [5, 32, 51, 60, 69, 78, 87, 104].map((line) => [line, "container-privileged", undefined]),
    );
    expect(build[0]?.message).toContain(
      `job \`helper images\`, service \`${DIND}\` (from \`.docker\` in \`.gitlab/ci/_common.gitlab-ci.yml\` through \`extends\`)`,
    );
    expect(build[0]?.identity).toBe(
      `.gitlab-ci.yml>job:helper images>services[${DIND}]>--privileged>container-privileged`,
    );
    // The template is judged through the jobs that extend it, not where it is written.
    expect(results[0]?.findings).toEqual([]);
    expect(results[1]?.findings).toEqual([]);
  });

  it("moving the template from _common into build.gitlab-ci.yml introduces nothing", () => {
    const result = diff([
      { path: ROOT.path, base: ROOT.text, head: ROOT.text },
      { path: COMMON.path, base: COMMON.text, head: COMMON.text.replace(DOCKER_TEMPLATE, "") },
      { path: BUILD.path, base: BUILD.text, head: `${BUILD.text}\n${DOCKER_TEMPLATE}` },
    ]);
    expect(DOCKER_TEMPLATE).toContain(DIND);
    expect(result.introduced).toEqual([]);
    expect(result.resolved).toEqual([]);
    expect(result.existing).toHaveLength(8);
  });

  it("a change to build.gitlab-ci.yml alone, the rest read as context, reports what it adds", () => {
    const job = "\nnew images:\n  extends:\n    - .docker\n  script:\n    - make images\n";
    const result = diff([{ path: BUILD.path, base: BUILD.text, head: `${BUILD.text}${job}` }], {
      context: [ROOT, COMMON],
    });
    // On the job's `extends:` list, the fourth line of what it appends.
    expect(result.introduced.map((f) => [f.path, f.line, f.ruleId])).toEqual([
      [BUILD.path, BUILD.text.split("\n").length + 3, "container-privileged"],
    ]);
  });
});
