/**
 * GitHub spaces an installation's writes a second apart, so the check run is completed before
 * the review is posted: a required check concludes a second sooner. What posting the review
 * brings up is added to the completed run afterwards (see github-errors.test.ts).
 */
import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { CHECK_RUN_ID } from "./support/github-checks.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { capturePodPullRequest } from "./support/scenarios.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const scenario = capturePodPullRequest();

describe("a scan that reports new findings", () => {
  it("completes its check run, then posts the review, and updates the run no further", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const writes: string[] = [];
    gh.scope.on("request", (req: { method: string; path: string }) => {
      if (req.method !== "GET" && !req.path.includes("graphql")) {
        writes.push(`${req.method} ${req.path.replace(/\?.*$/, "")}`);
      }
    });
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(writes.filter((w) => !w.includes("access_tokens"))).toEqual([
      `POST ${gh.repoPath}/check-runs`,
      `PATCH ${gh.repoPath}/check-runs/${CHECK_RUN_ID}`,
      `POST ${gh.repoPath}/pulls/2/reviews`,
    ]);
    expect(posted.checkRunUpdates.map((u) => u.status)).toEqual(["completed"]);
    expect(posted.reviews).toHaveLength(1);
  });

  it("still completes the run with every finding when the App's earlier comments cannot be read", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, {
      reported: false,
      review: false,
      reviewCommentsFailure: {
        status: 403,
        body: { message: "Resource not accessible by integration" },
      },
    });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [completion] = posted.checkRunUpdates;
    expect(posted.checkRunUpdates).toHaveLength(1);
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.annotations).toHaveLength(1);
    expect(completion?.output?.text).toContain(
      "The review could not be posted (GitHub answered 403",
    );
    expect(posted.reviews).toEqual([]);
  });
});
