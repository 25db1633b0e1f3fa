import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectCommentsInsideHunks } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

describe("a finding that spans several lines", () => {
  it("is commented with start_line and line in the same hunk", async () => {
    const head = manifest("log-shipper-hostpath.yaml");
    // The base had the DaemonSet with an emptyDir; the change swaps it for a hostPath.
    const base = head.replace(
      "          hostPath:\n            path: /var/log\n",
      "          emptyDir: {}\n",
    );
    expect(base).not.toBe(head);
    const scenario = {
      number: 2,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [{ path: "deploy/log-shipper.yaml", base, head }],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [review] = posted.reviews;
    expect(review?.comments).toEqual([
      expect.objectContaining({
        path: "deploy/log-shipper.yaml",
        start_line: 23,
        start_side: "RIGHT",
        line: 24,
        side: "RIGHT",
      }),
    ]);
    expectCommentsInsideHunks(review ?? { commit_id: "", event: "", body: "" }, posted.patches);
    expect(posted.checkRunUpdates[0]?.output?.annotations).toEqual([
      expect.objectContaining({ path: "deploy/log-shipper.yaml", start_line: 23, end_line: 24 }),
    ]);
  });
});
