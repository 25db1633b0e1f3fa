/**
 * GitLab CI across files: a root `.gitlab-ci.yml`, its local includes, `extends:` and
 * `!reference` reaching templates in other files, as GitLab merges them
 * (https://docs.gitlab.com/ci/yaml/includes/). The shapes follow public projects' pipelines: a
 * hidden `.docker` template holding Docker-in-Docker and a registry login in an included file,
 * jobs in the root extending it.
 */
import { describe, expect, it } from "@jest/globals";
import { diff, scan } from "../../src/catalogue/index.js";
import { matchInclude } from "../../src/ci/gitlab-includes.js";
import { runKindTests } from "../support/kind-tester.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const CI = ".gitlab-ci.yml";

/** `ci/templates.yml`: the privileged template a root pipeline extends. */
const TEMPLATES = {
  path: "ci/templates.yml",
  text: lines(
    ".docker-job:",
    "  image: docker:24",
    "  services:",
    "    - docker:24-dind",
    "  variables:",
    '    DOCKER_TLS_CERTDIR: "/certs"',
    "  before_script:",
    '    - docker login -u "$CI_REGISTRY_USER" -p "$CI_REGISTRY_PASSWORD" "$CI_REGISTRY"',
    "  script:",
    "    - docker run --privileged --rm golang:1.22 go test ./...",
    "    - docker build -t $CI_REGISTRY_IMAGE .",
  ),
};

const ROOT = lines(
  "include:",
  "  - local: ci/templates.yml",
  "stages: [build, test]",
  "build:",
  "  stage: build",
  "  extends: .docker-job",
  "test:",
  "  stage: test",
  "  script: make test",
);

runKindTests("gitlab-ci", {
  valid: [
    {
      name: "a template in a file that is not at hand lends nothing",
      path: CI,
      code: ROOT.replace("ci/templates.yml", "ci/missing.yml"),
      context: [TEMPLATES],
    },
    {
      name: "a file the root does not include lends nothing, though it is at hand",
      path: CI,
      code: lines("build:", "  extends: .docker-job"),
      context: [TEMPLATES],
    },
    {
      name: "an extends cycle across files ends, and lends nothing",
      path: CI,
      code: lines("include: ci/a.yml", "build:", "  extends: .a"),
      context: [
        { path: "ci/a.yml", text: lines("include: ci/b.yml", ".a:", "  extends: .b") },
        {
          path: "ci/b.yml",
          text: lines(
            "include: ci/a.yml",
            ".b:",
            "  extends: .a",
            "  services: [docker:dind]",
            ".c:",
            "  script:",
            "    - !reference [.c, script]",
          ),
        },
      ],
    },
    {
      name: "a wildcard `*` does not cross folders",
      path: CI,
      code: lines("include:", "  - local: 'ci/*.yml'", "build:", "  extends: .docker-job"),
      context: [{ path: "ci/nested/templates.yml", text: TEMPLATES.text }],
    },
    {
      name: "remote, project and template includes are not the repository's files",
      path: CI,
      code: lines(
        "include:",
        "  - https://example.com/ci/templates.yml",
        "  - remote: https://example.com/ci/templates.yml",
        "  - project: group/ci",
        "    file: ci/templates.yml",
        "  - template: Jobs/Build.gitlab-ci.yml",
        "build:",
        "  extends: .docker-job",
      ),
      context: [TEMPLATES],
    },
  ],
  invalid: [
    {
      name: "a change to an included template alone: the root's job that extends it, reported where the template writes it",
      path: TEMPLATES.path,
      code: TEMPLATES.text,
      context: [{ path: CI, text: ROOT }],
      findings: [
        {
          ruleId: "container-privileged",
          line: 4,
          column: 7,
          endColumn: 20,
          identity:
            ".gitlab-ci.yml>job:build>services[docker:24-dind]>--privileged>container-privileged",
          says: ["job `build` in `.gitlab-ci.yml`, service `docker:24-dind` (from `.docker-job`"],
          fixed: null,
        },
        {
          ruleId: "container-privileged",
          line: 10,
          column: 18,
          endColumn: 29,
          identity:
            ".gitlab-ci.yml>job:build>script>docker run#0>--privileged>container-privileged",
          // The fix edits the template where the flag is written.
          fixed: TEMPLATES.text.replace("docker run --privileged --rm", "docker run --rm"),
        },
      ],
    },
    {
      name: "a job extending a template of an included file: its Docker-in-Docker and script on the job's extends line",
      path: CI,
      code: ROOT,
      context: [TEMPLATES],
      findings: [
        {
          ruleId: "container-privileged",
          line: 6,
          column: 12,
          endColumn: 22,
          identity:
            ".gitlab-ci.yml>job:build>services[docker:24-dind]>--privileged>container-privileged",
          says: [
            "service `docker:24-dind` (from `.docker-job` in `ci/templates.yml` through `extends`)",
          ],
          fixed: null,
        },
        {
          ruleId: "container-privileged",
          line: 6,
          column: 12,
          endColumn: 22,
          identity:
            ".gitlab-ci.yml>job:build>script>docker run#0>--privileged>container-privileged",
          says: [
            "job `build`, `script` (from `.docker-job` in `ci/templates.yml` through `extends`)",
          ],
          fixed: null,
        },
      ],
    },
    {
      name: "a `!reference` to a template's script in an included file, on the tag",
      path: CI,
      code: lines(
        "include: '/ci/setup.yml'",
        "test:",
        "  script:",
        "    - !reference [.setup, script]",
        "    - make test",
      ),
      context: [
        {
          path: "ci/setup.yml",
          text: lines(
            ".setup:",
            "  script:",
            "    - docker run --rm --privileged multiarch/qemu-user-static --reset -p yes",
          ),
        },
      ],
      findings: [
        {
          ruleId: "container-privileged",
          line: 4,
          column: 18,
          endColumn: 33,
          identity: ".gitlab-ci.yml>job:test>script>docker run#0>--privileged>container-privileged",
          says: ["(through `!reference [.setup, script]` in `ci/setup.yml`)"],
          fixed: null,
        },
      ],
    },
    {
      name: "a `!reference` within the file, on the tag, and one that refers to itself reads nothing more",
      path: CI,
      code: lines(
        ".setup:",
        "  script:",
        "    - docker run --rm --privileged tonistiigi/binfmt --install all",
        "build:",
        "  script:",
        "    - !reference [.setup, script]",
        "    - !reference [build, script]",
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 6,
          column: 18,
          endColumn: 33,
          identity:
            ".gitlab-ci.yml>job:build>script>docker run#0>--privileged>container-privileged",
          says: ["job `build`, `script`"],
          fixed: null,
        },
      ],
    },
    {
      name: "a wildcard include and a nested include: a job of the included file is identified by the root",
      path: "ci/jobs/push.yml",
      code: lines("push:", "  extends: .base", "  script:", "    - docker run --pid=host agent"),
      context: [
        { path: CI, text: lines("include:", "  - local: ci/**.yml") },
        { path: "ci/base.yml", text: lines("include: ci/dind.yml", ".base:", "  extends: .dind") },
        { path: "ci/dind.yml", text: lines(".dind:", "  services: [docker:dind]") },
      ],
      findings: [
        {
          ruleId: "container-privileged",
          line: 2,
          column: 12,
          endColumn: 16,
          identity:
            ".gitlab-ci.yml>job:push>services[docker:dind]>--privileged>container-privileged",
          says: ["from `.dind` in `ci/dind.yml` through `extends`"],
          fixed: null,
        },
        {
          ruleId: "container-host-namespaces",
          line: 4,
          column: 18,
          endColumn: 27,
          identity: ".gitlab-ci.yml>job:push>script>docker run#0>--pid>container-host-namespaces",
          fixed: lines("push:", "  extends: .base", "  script:", "    - docker run agent"),
        },
      ],
    },
  ],
});

describe("gitlab-ci across files", () => {
  it("matches include wildcards as GitLab does: `*` within a folder, `**` across", () => {
    const paths = ["ci/a.yml", "ci/b.yaml", "ci/x/c.yml", "cia.yml"];
    expect(matchInclude("ci/*.yml", paths)).toEqual(["ci/a.yml"]);
    expect(matchInclude("ci/**.yml", paths)).toEqual(["ci/a.yml", "ci/x/c.yml"]);
    expect(matchInclude("ci/**/*.yml", paths)).toEqual(["ci/x/c.yml"]);
    expect(matchInclude("ci/a.yml", paths)).toEqual(["ci/a.yml"]);
  });

  it("moving a template from the root into an included file introduces nothing", () => {
    const before = lines(
      ".docker-job:",
      "  services:",
      "    - docker:24-dind",
      "  script:",
      "    - docker run --privileged --rm tonistiigi/binfmt --install all",
      "build:",
      "  extends: .docker-job",
    );
    const after = lines(
      "include:",
      "  - local: ci/templates.yml",
      "build:",
      "  extends: .docker-job",
    );
    const both = diff([
      { path: CI, base: before, head: after },
      { path: TEMPLATES.path, base: null, head: TEMPLATES.text },
    ]);
    expect(both.introduced.map((f) => f.identity)).toEqual([]);
    // Scanned together, the template is reported once, through the root's job.
    const scanned = scan([
      { path: CI, text: after },
      { path: TEMPLATES.path, text: TEMPLATES.text },
    ]);
    expect(scanned.map((r) => r.findings.map((f) => [f.line, f.ruleId]))).toEqual([
      [
        [4, "container-privileged"],
        [4, "container-privileged"],
      ],
      [],
    ]);
    expect(both.resolved).toEqual([]);
    // The same with only the root in the change, the included file read as context.
    const one = diff([{ path: CI, base: before, head: after }], { context: [TEMPLATES] });
    expect(one.introduced).toEqual([]);
    expect(one.existing.map((f) => [f.path, f.line, f.ruleId])).toEqual([
      [CI, 4, "container-privileged"],
      [CI, 4, "container-privileged"],
    ]);
  });

  it("a change that makes a job extend the privileged template introduces it on the extends line", () => {
    const before = ROOT.replace("  extends: .docker-job\n", "  script: make build\n");
    const result = diff([{ path: CI, base: before, head: ROOT }], { context: [TEMPLATES] });
    expect(result.introduced.map((f) => [f.path, f.line, f.ruleId])).toEqual([
      [CI, 6, "container-privileged"],
      [CI, 6, "container-privileged"],
    ]);
  });

  it("the including file's keys win over the included file's for the same job", () => {
    const [root] = scan(
      [{ path: CI, text: lines("include: ci/jobs.yml", "build:", "  script: make") }],
      {
        context: [
          { path: "ci/jobs.yml", text: lines("build:", "  script: docker run --privileged x") },
        ],
      },
    );
    expect(root?.findings).toEqual([]);
    const [included] = scan(
      [{ path: "ci/jobs.yml", text: lines("build:", "  script: docker run --privileged x") }],
      { context: [{ path: CI, text: lines("include: ci/jobs.yml", "build:", "  script: make") }] },
    );
    expect(included?.findings).toEqual([]);
  });
});
