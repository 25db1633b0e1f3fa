import { describe, expect, it } from "@jest/globals";
import { commentMarker } from "../../src/report/markers.js";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { markersIn } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

describe("a finding fixed on the next push", () => {
  it("minimizes the App's comment from the first push as outdated and passes", async () => {
    const privileged = manifest("tcpdump-pod.yaml");
    // The second push drops the privileged security context altogether.
    const fixed = privileged.replace("      securityContext:\n        privileged: true\n", "");
    expect(fixed).not.toContain("privileged");
    const push = (headSha: string, head: string) => ({
      number: 2,
      headSha,
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [{ path: "k8s/capture.yaml", head }],
    });
    const app = await createTestApp();

    const first = push(sha("first-push"), privileged);
    const gh1 = new FakeGitHub();
    const posted1 = expectPullRequestScan(gh1, first, { reported: true, review: true });
    await app.receive(pullRequestEvent("opened", first));
    gh1.assertDone();
    const comment = posted1.reviews[0]?.comments?.[0];
    expect(comment).toBeDefined();
    const [fingerprint] = markersIn(comment?.body ?? "");

    const second = push(sha("second-push"), fixed);
    const gh2 = new FakeGitHub();
    const posted2 = expectPullRequestScan(gh2, second, {
      token: false,
      appSlug: false,
      reported: false,
      review: false,
      comments: [
        { id: 11, nodeId: "PRRC_first_push", body: comment?.body ?? "", line: comment?.line ?? 1 },
        // Minimized on an earlier push: not minimized again.
        { id: 12, nodeId: "PRRC_hidden_before", body: commentMarker("0123456789abcdef") },
        // Someone quoting the App's marker is not the App.
        {
          id: 13,
          nodeId: "PRRC_human",
          body: `> ${commentMarker(fingerprint ?? "")}`,
          login: "Codertocat",
        },
      ],
      minimizedIds: ["PRRC_hidden_before"],
      minimizes: 1,
    });
    await app.receive(pullRequestEvent("synchronize", second));

    gh2.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted2.minimized).toEqual([{ id: "PRRC_first_push" }]);
    expect(posted2.reviews).toEqual([]);
    const [completion] = posted2.checkRunUpdates;
    expect(completion?.conclusion).toBe("success");
    expect(completion?.output?.title).toBe("No new privileged settings");
  });
});
