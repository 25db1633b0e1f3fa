import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectCommentsInsideHunks, suggestionIn } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

/** The pull request adds a dev container that runs privileged, for a packet capture tool. */
const HEAD = `{
  // Packet captures of the service under test.
  "name": "capture",
  "image": "corfr/tcpdump:latest",
  "runArgs": [
    "--init",
    "--privileged"
  ],
}
`;

describe("a pull request that adds a dev container with --privileged", () => {
  it("comments on the runArgs item with --cap-add items as the suggestion, and fails", async () => {
    const scenario = {
      number: 11,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [{ path: ".devcontainer/devcontainer.json", base: null, head: HEAD }],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toHaveLength(1);
    const [review] = posted.reviews;
    expectCommentsInsideHunks(review ?? { commit_id: "", event: "", body: "" }, posted.patches);
    const comments = review?.comments ?? [];
    expect(comments.map((c) => [c.path, c.start_line ?? c.line, c.line])).toEqual([
      [".devcontainer/devcontainer.json", 7, 7],
    ]);
    const body = comments[0]?.body ?? "";
    expect(body).toContain("Dev container `capture` runs privileged");
    expect(body).toContain("privilege-guard: allow container-privileged");
    expect(suggestionIn(body)).toBe('    "--cap-add=NET_RAW", "--cap-add=NET_ADMIN"');

    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.annotations).toEqual([
      expect.objectContaining({ path: ".devcontainer/devcontainer.json", start_line: 7 }),
    ]);
  });
});
