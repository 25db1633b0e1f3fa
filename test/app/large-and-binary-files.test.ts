import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { githubFile } from "./support/fake-changes.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { createCheckRun, updateCheckRun } from "./support/github-checks.js";
import {
  appSlug,
  compare,
  configFile,
  installationToken,
  pullRequest,
  pullRequestFiles,
} from "./support/github-reads.js";
import { createReview, reviewComments, reviews } from "./support/github-reviews.js";
import { useNockGuards } from "./support/nock-guards.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

describe("files GraphQL cannot give in full", () => {
  it("reads a truncated file through the blobs API and fails the check on a binary one", async () => {
    const scenario = {
      number: 2,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
    };
    // Padding makes the file bigger than GraphQL's 512,000-byte text limit.
    const padding = `# ${"x".repeat(99)}\n`.repeat(5200);
    const big = `${padding}${manifest("tcpdump-pod.yaml")}`;
    expect(Buffer.byteLength(big)).toBeGreaterThan(512_000);
    const changes = [
      { path: "k8s/big.yaml", head: big },
      { path: "k8s/blob.yaml", head: "\u0000\u0001binary" },
    ];
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    createCheckRun(gh);
    configFile(gh, null);
    pullRequest(gh, { ...scenario, changedFiles: 2 });
    const files = changes.map((c) => githubFile(c, gh.repoPath, scenario.headSha));
    pullRequestFiles(gh, 2, files);
    compare(gh, scenario.baseSha, scenario.headSha, scenario.mergeBaseSha);
    const queried = gh.graphql(/object\(expression:/, () => ({
      status: 200,
      body: {
        data: {
          repository: {
            f0: {
              oid: "b1".repeat(20),
              byteSize: Buffer.byteLength(big),
              isBinary: false,
              isTruncated: true,
              text: big.slice(0, 1000),
            },
            f1: {
              oid: "b2".repeat(20),
              byteSize: 9,
              isBinary: true,
              isTruncated: false,
              text: null,
            },
          },
        },
      },
    }));
    gh.expect(
      "GET",
      `${gh.repoPath}/git/blobs/${"b1".repeat(20)}`,
      {
        status: 200,
        body: {
          sha: "b1".repeat(20),
          encoding: "base64",
          size: Buffer.byteLength(big),
          content: Buffer.from(big).toString("base64"),
        },
      },
      { template: "/repos/{owner}/{repo}/git/blobs/{file_sha}" },
    );
    pullRequest(gh, { ...scenario, changedFiles: 2 });
    appSlug(gh);
    reviewComments(gh, 2, []);
    reviews(gh, 2);
    const patches = new Map(files.map((f): [string, string] => [f.filename, f.patch ?? ""]));
    const posted = createReview(gh, 2, undefined, [], patches);
    const updates = updateCheckRun(gh);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(queried).toHaveLength(1);
    const line = padding.split("\n").length - 1 + 12;
    expect(posted[0]?.comments?.map((c) => [c.path, c.line])).toEqual([["k8s/big.yaml", line]]);
    const [completion] = updates;
    expect(completion?.output?.summary).toContain("k8s/blob.yaml");
    expect(completion?.output?.annotations?.map((a) => [a.path, a.annotation_level])).toEqual([
      ["k8s/big.yaml", "failure"],
      ["k8s/blob.yaml", "failure"],
    ]);
  });
});
