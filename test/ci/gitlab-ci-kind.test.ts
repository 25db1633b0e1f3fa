/** GitLab CI configurations: scripts and Docker-in-Docker services, judged by the container rules. */
import { describe, expect, it } from "@jest/globals";
import { diff, scan } from "../../src/catalogue/index.js";
import { isDockerInDocker } from "../../src/ci/docker-in-docker.js";
import { runKindTests } from "../support/kind-tester.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;
const CI = ".gitlab-ci.yml";

runKindTests("gitlab-ci", {
  valid: [
    {
      name: "echo, registry variables, kaniko and a plain docker service",
      path: CI,
      code: lines(
        "build:",
        "  image: gcr.io/kaniko-project/executor:debug",
        "  services: [postgres:16, docker:27-cli]",
        "  script:",
        '    - echo "docker run --privileged $CI_REGISTRY_IMAGE"',
        "    - docker run --rm -v $CI_PROJECT_DIR:/src $CI_REGISTRY_IMAGE make test",
      ),
    },
    {
      name: "the last template listed wins, and a template's script nobody inherits does not run",
      path: CI,
      code: lines(
        ".host:",
        "  script: docker run --pid=host agent",
        ".plain:",
        "  script: make",
        "test:",
        "  extends: [.host, .plain]",
        "deploy:",
        "  extends: .host",
        "  script: make deploy",
      ),
    },
  ],
  invalid: [
    {
      name: "a job's own services replace its template's (extends merges no list): only its Docker-in-Docker counts",
      path: CI,
      code: lines(
        ".docker:",
        "  services:",
        "    - docker:27-dind",
        "build:",
        "  extends: .docker",
        "  services:",
        "    - name: registry.example.com/library/docker:dind",
        "      alias: docker",
        "  script: docker build .",
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 7,
          column: 13,
          endColumn: 52,
          identity:
            ".gitlab-ci.yml>job:build>services[registry.example.com/library/docker:dind]>--privileged>container-privileged",
          says: ["(Docker-in-Docker runs only privileged)"],
          fixed: null,
        },
      ],
    },
    {
      name: "a Docker-in-Docker service inherited through extends, on the job's extends: value",
      path: CI,
      code: lines(
        ".dind:",
        "  services: [docker:27-dind]",
        "build:",
        "  extends: .dind",
        "  script: docker build .",
        "lint:",
        "  script: make lint",
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 4,
          column: 12,
          endColumn: 16,
          identity:
            ".gitlab-ci.yml>job:build>services[docker:27-dind]>--privileged>container-privileged",
          says: ["job `build`, service `docker:27-dind` (from `.dind` through `extends`)"],
          fixed: null,
        },
      ],
    },
    {
      name: "scripts through two levels of extends, the last listed first; a hidden job nothing extends is read as written",
      path: CI,
      code: lines(
        ".base:",
        "  script: docker run --privileged tools:1 make",
        ".quiet:",
        "  script: make",
        ".mid:",
        "  extends: .base",
        "test:",
        "  extends: [.quiet, .mid]",
        ".unused:",
        "  script: docker run --pid=host x",
      ),
      findings: [
        {
          ruleId: "container-privileged",
          line: 8,
          column: 12,
          endColumn: 25,
          identity: ".gitlab-ci.yml>job:test>script>docker run#0>--privileged>container-privileged",
          says: ["job `test`, `script` (from `.base` through `extends`)"],
          fixed: null,
        },
        {
          ruleId: "container-host-namespaces",
          line: 10,
          column: 22,
          endColumn: 31,
          fixed: lines(
            ".base:",
            "  script: docker run --privileged tools:1 make",
            ".quiet:",
            "  script: make",
            ".mid:",
            "  extends: .base",
            "test:",
            "  extends: [.quiet, .mid]",
            ".unused:",
            "  script: docker run x",
          ),
        },
      ],
    },
    {
      name: "script lines: plain, block literal with continuations, through a merge key",
      path: CI,
      code: lines(
        ".setup: &setup",
        "  before_script:",
        "    - docker run -d --pid=host agent",
        "test:",
        "  <<: *setup",
        "  script:",
        "    - |",
        "      docker run \\",
        "        --net=host \\",
        "        --cap-add SYS_PTRACE $CI_REGISTRY_IMAGE",
      ),
      findings: [
        {
          ruleId: "container-host-namespaces",
          line: 3,
          column: 21,
          endColumn: 30,
          fixed: lines(
            ".setup: &setup",
            "  before_script:",
            "    - docker run -d agent",
            "test:",
            "  <<: *setup",
            "  script:",
            "    - |",
            "      docker run \\",
            "        --net=host \\",
            "        --cap-add SYS_PTRACE $CI_REGISTRY_IMAGE",
          ),
        },
        {
          ruleId: "container-host-namespaces",
          line: 5,
          column: 3,
          endColumn: 12,
          identity:
            ".gitlab-ci.yml>job:test>before_script>docker run#0>--pid>container-host-namespaces",
          fixed: null,
        },
        {
          ruleId: "container-host-namespaces",
          line: 9,
          column: 9,
          endColumn: 18,
          identity:
            ".gitlab-ci.yml>job:test>script>docker run#0>--network>container-host-namespaces",
          fixed: lines(
            ".setup: &setup",
            "  before_script:",
            "    - docker run -d --pid=host agent",
            "test:",
            "  <<: *setup",
            "  script:",
            "    - |",
            "      docker run \\",
            "        --cap-add SYS_PTRACE $CI_REGISTRY_IMAGE",
          ),
        },
        {
          ruleId: "container-capabilities",
          line: 10,
          column: 9,
          endColumn: 28,
          fixed: lines(
            ".setup: &setup",
            "  before_script:",
            "    - docker run -d --pid=host agent",
            "test:",
            "  <<: *setup",
            "  script:",
            "    - |",
            "      docker run \\",
            "        --net=host \\",
            "        $CI_REGISTRY_IMAGE",
          ),
        },
      ],
    },
  ],
});

describe("gitlab-ci", () => {
  it("tells Docker-in-Docker images from others", () => {
    for (const image of [
      "docker:dind",
      "docker:27.3-dind",
      "docker:dind-rootless",
      "mirror.io/library/docker:27-dind",
    ])
      expect([image, isDockerInDocker(image)]).toEqual([image, true]);
    for (const image of [
      "docker:27",
      "docker:27-cli",
      "dind:latest",
      "docker",
      "example/docker-dind:1",
    ])
      expect([image, isDockerInDocker(image)]).toEqual([image, false]);
  });

  it("reads locally included files by content, and leaves Kubernetes objects with scripts alone", () => {
    const results = scan([
      { path: "ci/jobs.yml", text: lines("test:", "  script:", "    - docker run --privileged x") },
      {
        path: "tekton/task.yaml",
        text: lines(
          "apiVersion: tekton.dev/v1",
          "kind: Task",
          "spec:",
          "  steps:",
          "    - script: echo",
        ),
      },
    ]);
    expect(results.map((r) => [r.kind, r.findings.length])).toEqual([
      ["gitlab-ci", 1],
      ["kubernetes", 0],
    ]);
  });

  it("moving a job's services and script into a template it extends introduces nothing", () => {
    const base = lines(
      "build:",
      "  services: [docker:27-dind]",
      "  script:",
      "    - docker run --privileged builder:1",
    );
    const head = lines(
      ".docker:",
      "  services: [docker:27-dind]",
      "  script:",
      "    - docker run --privileged builder:1",
      "build:",
      "  extends: .docker",
    );
    const result = diff([{ path: CI, base, head }]);
    expect(result.introduced).toEqual([]);
    expect(result.existing.map((f) => [f.line, f.ruleId])).toEqual([
      [6, "container-privileged"],
      [6, "container-privileged"],
    ]);
    const added = diff([{ path: CI, base: head, head: `${head}push:\n  extends: .docker\n` }]);
    expect(added.introduced.map((f) => `${f.line} ${f.identity}`)).toEqual([
      "8 .gitlab-ci.yml>job:push>services[docker:27-dind]>--privileged>container-privileged",
      "8 .gitlab-ci.yml>job:push>script>docker run#0>--privileged>container-privileged",
    ]);
  });

  it("reordering jobs and script lines introduces nothing", () => {
    const base = lines(
      "a:",
      "  script:",
      "    - make",
      "    - docker run --pid=host x",
      "b:",
      "  script: [make]",
    );
    const head = lines(
      "b:",
      "  script: [make]",
      "a:",
      "  script:",
      "    - docker run --pid=host x",
      "    - make",
    );
    expect(diff([{ path: CI, base, head }]).introduced).toEqual([]);
  });
});
