import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { capturePodPullRequest } from "./support/scenarios.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const scenario = capturePodPullRequest();

describe("a redelivered webhook", () => {
  it("is handled once: the same delivery id makes no second request", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });
    const event = pullRequestEvent("opened", {
      ...scenario,
      id: "8d3d5f70-0d9e-11ef-9a4b-1d2c3e4f5a6b",
    });

    await app.receive(event);
    await app.receive(event);

    gh.assertDone();
    expect(posted.reviews).toHaveLength(1);
    expect(posted.checkRunCreates).toHaveLength(1);
  });

  it("a new delivery for the same head posts no duplicate comment and keeps the existing one", async () => {
    const app = await createTestApp();
    const gh1 = new FakeGitHub();
    const posted1 = expectPullRequestScan(gh1, scenario, { reported: true, review: true });
    await app.receive(pullRequestEvent("opened", scenario));
    gh1.assertDone();
    const [review] = posted1.reviews;
    const comment = review?.comments?.[0];

    // GitHub now lists the App's comment and review; a re-run of the check scans the same head.
    const gh2 = new FakeGitHub();
    const posted2 = expectPullRequestScan(gh2, scenario, {
      token: false,
      appSlug: false,
      reported: true,
      comments: [
        { id: 21, nodeId: "PRRC_kept", body: comment?.body ?? "", line: comment?.line ?? 1 },
      ],
      existingReviews: [{ id: 9001, body: review?.body ?? "" }],
      review: false,
    });
    await app.receive(pullRequestEvent("reopened", scenario));

    gh2.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted2.reviews).toEqual([]);
    expect(posted2.minimized).toEqual([]);
    expect(posted2.checkRunUpdates[0]?.conclusion).toBe("failure");
  });
});
