import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { capturePodPullRequest } from "./support/scenarios.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const scenario = capturePodPullRequest();

// GitHub sends duplicates of one push with different delivery ids; nock answers each GitHub
// request once, so a second scan would be an unmatched request and fail the test.
describe("deliveries for the same head", () => {
  it("two synchronize deliveries at the same moment give one scan and one review", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await Promise.all([
      app.probot.receive(pullRequestEvent("synchronize", scenario) as never),
      app.probot.receive(pullRequestEvent("synchronize", scenario) as never),
    ]);
    await app.queue.idle();

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toHaveLength(1);
    expect(posted.checkRunCreates).toHaveLength(1);
    expect(posted.checkRunUpdates.map((u) => u.status)).toEqual(["completed"]);
  });

  it("a burst of 200 deliveries gives one review and leaves no check run in progress", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });
    const actions = ["synchronize", "opened", "reopened", "ready_for_review"] as const;

    const burst = Array.from({ length: 200 }, (_, i) =>
      app.probot.receive(
        pullRequestEvent(actions[i % actions.length] ?? "synchronize", scenario) as never,
      ),
    );
    await Promise.all(burst);
    await app.queue.idle();

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toHaveLength(1);
    expect(posted.checkRunCreates).toHaveLength(1);
    expect(posted.checkRunUpdates.map((u) => u.status)).toEqual(["completed"]);
  });
});
