/**
 * A pull request that changes only `.gitlab-ci.yml`, making a job extend a Docker-in-Docker
 * template that lives in an unchanged included file: the App reads the included file at the head
 * through the same side-reading port (a second blob batch) and comments once, on the `extends:`
 * line, naming the template and its file.
 */
import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { Commits } from "./support/fake-changes.js";
import { FakeGitHub } from "./support/fake-github.js";
import { sha } from "./support/fixtures.js";
import { blobReads } from "./support/github-reads.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectCommentsInsideHunks, suggestionIn } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const lines = (...l: string[]) => `${l.join("\n")}\n`;

const TEMPLATES = lines(
  ".docker-build:",
  "  image: docker:24",
  "  services:",
  "    - docker:24-dind",
  "  variables:",
  '    DOCKER_TLS_CERTDIR: "/certs"',
  "  script:",
  "    - docker build -t $CI_REGISTRY_IMAGE:$CI_COMMIT_SHORT_SHA .",
);
const BASE = lines(
  "include:",
  "  - local: ci/templates.yml",
  "stages: [build, test]",
  "build:",
  "  stage: build",
  "  script: make build",
  "test:",
  "  stage: test",
  "  script: make test",
);
const HEAD = BASE.replace("  script: make build\n", "  extends: .docker-build\n");

const scenario = {
  number: 13,
  headSha: sha("head"),
  baseSha: sha("base"),
  mergeBaseSha: sha("merge-base"),
  changes: [{ path: ".gitlab-ci.yml", base: BASE, head: HEAD }],
};

describe("a pull request that makes a job extend a template of an unchanged included file", () => {
  it("reads the included file at the head and comments once, on the extends line", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const commits = Commits.of(scenario.changes, scenario.mergeBaseSha, scenario.headSha).set(
      scenario.headSha,
      "ci/templates.yml",
      TEMPLATES,
    );
    // The changed file's sides, then the file it includes.
    const reads = blobReads(gh, commits, 2);
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: true,
      blobBatches: 0,
    });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(reads.map((v) => Object.values(v).filter((x) => String(x).includes(":")))).toEqual([
      [`${scenario.mergeBaseSha}:.gitlab-ci.yml`, `${scenario.headSha}:.gitlab-ci.yml`],
      [`${scenario.headSha}:ci/templates.yml`],
    ]);
    const [review] = posted.reviews;
    expect(posted.reviews).toHaveLength(1);
    expectCommentsInsideHunks(review ?? { commit_id: "", event: "", body: "" }, posted.patches);
    const comments = review?.comments ?? [];
    expect(comments.map((c) => [c.path, c.start_line ?? c.line, c.line])).toEqual([
      [".gitlab-ci.yml", 6, 6],
    ]);
    const body = comments[0]?.body ?? "";
    expect(body).toContain(
      "service `docker:24-dind` (from `.docker-build` in `ci/templates.yml` through `extends`)",
    );
    expect(body).toContain("kaniko");
    // The setting is written in the other file: nothing to suggest on this line.
    expect(suggestionIn(body)).toBeNull();
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
  });
});
