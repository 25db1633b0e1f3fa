/**
 * Files a change's files refer to, read as context through the side-reading port: a GitLab CI
 * configuration's local includes (and the root that includes a changed file), a Compose file's
 * `extends.file`, when the change does not hold them.
 */
import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../src/config/schema.js";
import { evaluateChange } from "../../src/evaluation/evaluate-change.js";
import {
  MAX_REFERENCED_FILES,
  readReferencedContext,
} from "../../src/evaluation/reference-context.js";
import { repository } from "../support/side-reader.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

const TEMPLATES = lines(
  ".docker-job:",
  "  image: docker:24",
  "  services:",
  "    - docker:24-dind",
  "  script:",
  "    - docker run --privileged --rm tonistiigi/binfmt --install all",
);
const ROOT_BASE = lines("include:", "  - local: ci/templates.yml", "build:", "  script: make");
const ROOT_HEAD = lines(
  "include:",
  "  - local: ci/templates.yml",
  "build:",
  "  extends: .docker-job",
);

describe("files referenced by a change's files, read as context", () => {
  it("a root that now extends a template of an unchanged included file: reported on its extends line", async () => {
    const reader = repository({
      base: { ".gitlab-ci.yml": ROOT_BASE, "ci/templates.yml": TEMPLATES },
      head: { ".gitlab-ci.yml": ROOT_HEAD, "ci/templates.yml": TEMPLATES },
    });
    const entries = [{ path: ".gitlab-ci.yml", status: "modified" as const }];
    const evaluation = await evaluateChange(entries, reader, defaultConfig());
    expect(evaluation.problems).toEqual([]);
    expect(evaluation.reported.map((f) => [f.path, f.line, f.ruleId])).toEqual([
      [".gitlab-ci.yml", 4, "container-privileged"],
      [".gitlab-ci.yml", 4, "container-privileged"],
    ]);
    expect(evaluation.reported[0]?.message).toContain("`ci/templates.yml`");
    expect(reader.reads.map((r) => `${r.side}:${r.path}`)).toEqual([
      "base:.gitlab-ci.yml",
      "head:.gitlab-ci.yml",
      "head:ci/templates.yml",
    ]);
  });

  it("an included file in the change: its root and the root's other includes are read, in rounds", async () => {
    const files = {
      ".gitlab-ci.yml": lines("include:", "  - local: 'ci/*.yml'"),
      "ci/templates.yml": TEMPLATES,
    };
    const reader = repository({
      base: { ...files, "ci/jobs.yml": lines("lint:", "  script: make lint") },
      head: {
        ...files,
        "ci/jobs.yml": lines("lint:", "  script: make lint", "push:", "  extends: .docker-job"),
      },
    });
    const entries = [{ path: "ci/jobs.yml", status: "modified" as const }];
    const evaluation = await evaluateChange(entries, reader, defaultConfig());
    expect(evaluation.reported.map((f) => [f.path, f.line, f.identity])).toEqual([
      [
        "ci/jobs.yml",
        4,
        ".gitlab-ci.yml>job:push>services[docker:24-dind]>--privileged>container-privileged",
      ],
      [
        "ci/jobs.yml",
        4,
        ".gitlab-ci.yml>job:push>script>docker run#0>--privileged>container-privileged",
      ],
    ]);
    expect(reader.listed).toEqual(["head:ci"]);
    expect(reader.reads.map((r) => `${r.side}:${r.path}`)).toEqual([
      "base:ci/jobs.yml",
      "head:ci/jobs.yml",
      "head:.gitlab-ci.yml",
      "head:ci/templates.yml",
    ]);
  });

  it("a change to an included template alone: reported where the template writes it, for the root's job", async () => {
    const reader = repository({
      base: {
        ".gitlab-ci.yml": ROOT_HEAD,
        "ci/templates.yml": TEMPLATES.replace("--privileged ", ""),
      },
      head: { ".gitlab-ci.yml": ROOT_HEAD, "ci/templates.yml": TEMPLATES },
    });
    const entries = [{ path: "ci/templates.yml", status: "modified" as const }];
    const evaluation = await evaluateChange(entries, reader, defaultConfig());
    expect(evaluation.reported.map((f) => [f.path, f.line, f.identity])).toEqual([
      [
        "ci/templates.yml",
        6,
        ".gitlab-ci.yml>job:build>script>docker run#0>--privileged>container-privileged",
      ],
    ]);
    // The Docker-in-Docker service was there before: existing, not new.
    expect(evaluation.existing.map((f) => [f.path, f.line])).toEqual([["ci/templates.yml", 4]]);
  });

  it("a Compose file extending a service of an unchanged common.yml", async () => {
    const common = lines(
      "services:",
      "  dind:",
      "    image: docker:27-dind",
      "    privileged: true",
    );
    const compose = (service: string) =>
      lines(
        "services:",
        "  builder:",
        "    image: docker:27-dind",
        "    extends:",
        "      file: ../common.yml",
        `      service: ${service}`,
      );
    const reader = repository({
      base: { "common.yml": common, "deploy/compose.yaml": compose("none") },
      head: { "common.yml": common, "deploy/compose.yaml": compose("dind") },
    });
    const entries = [{ path: "deploy/compose.yaml", status: "modified" as const }];
    const evaluation = await evaluateChange(entries, reader, defaultConfig());
    expect(evaluation.reported.map((f) => [f.path, f.line, f.ruleId])).toEqual([
      ["deploy/compose.yaml", 4, "container-privileged"],
    ]);
    expect(evaluation.reported[0]?.message).toContain("`common.yml`");
    expect(reader.reads.map((r) => `${r.side}:${r.path}`)).toContain("head:common.yml");
  });

  it("reads no more than GitLab's include limit, and nothing for files that refer to nothing", async () => {
    const many = Array.from({ length: 200 }, (_, i) => `  - local: ci/job-${i}.yml`);
    const head: Record<string, string> = { ".gitlab-ci.yml": lines("include:", ...many) };
    const reader = repository({ base: {}, head });
    const context = await readReferencedContext(
      [{ path: ".gitlab-ci.yml", base: null, head: head[".gitlab-ci.yml"] ?? "" }],
      reader,
    );
    expect(context).toEqual([]);
    expect(reader.reads).toHaveLength(MAX_REFERENCED_FILES);
    const plain = repository({ base: {}, head: {} });
    await readReferencedContext(
      [{ path: "deploy/pod.yaml", base: null, head: "apiVersion: v1\nkind: Pod\n" }],
      plain,
    );
    expect(plain.reads).toEqual([]);
  });
});
