import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub, type Json } from "./support/fake-github.js";
import { createReview, type ReviewBody } from "./support/github-reviews.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { capturePodPullRequest } from "./support/scenarios.js";
import { APP_LOGIN, createTestApp } from "./support/test-app.js";

useNockGuards();

const scenario = capturePodPullRequest();

const REVIEW_ID = 9001;

/**
 * GitHub's listings once the review exists: the review on the head and its comments, as GitHub
 * would list what it received (`received` is filled when the POST arrives).
 */
function listingsAfter(gh: FakeGitHub, received: ReviewBody[]): void {
  gh.expect(
    "GET",
    `${gh.repoPath}/pulls/2/reviews`,
    () => ({
      status: 200,
      body: received.map((r) => ({
        id: REVIEW_ID,
        body: r.body,
        state: "COMMENTED",
        commit_id: r.commit_id,
        user: { login: APP_LOGIN, type: "Bot" },
      })),
    }),
    { template: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", query: { per_page: "100" } },
  );
  gh.expect(
    "GET",
    `${gh.repoPath}/pulls/2/comments`,
    () => ({
      status: 200,
      body: received.flatMap((r) =>
        (r.comments ?? []).map((c, i) => ({
          id: 100 + i,
          node_id: `PRRC_${i}`,
          body: c.body,
          path: c.path,
          line: c.line,
          side: "RIGHT",
          pull_request_review_id: REVIEW_ID,
          user: { login: APP_LOGIN, type: "Bot" },
        })),
      ),
    }),
    {
      template: "/repos/{owner}/{repo}/pulls/{pull_number}/comments",
      query: { per_page: "100" },
    },
  );
}

describe("a review POST whose answer is lost", () => {
  it("is not posted again when GitHub created it: the App finds its review on the head", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: false });
    const received: ReviewBody[] = [];
    // GitHub creates the review, then the connection drops before the answer arrives.
    gh.scope
      .post(`${gh.repoPath}/pulls/2/reviews`, (body: Json) => {
        received.push(body as unknown as ReviewBody);
        return true;
      })
      .replyWithError({ code: "ECONNRESET", message: "socket hang up" });
    listingsAfter(gh, received);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(received).toHaveLength(1);
    expect(received[0]?.comments).toHaveLength(1);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    // The review is there, so the check run does not say it is missing.
    expect(completion?.output?.text ?? "").not.toContain("could not be posted");
  });

  it("is posted again when GitHub did not create it (502), once the App saw no such review", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: [{ status: 502, body: { message: "Bad Gateway" } }],
    });
    listingsAfter(gh, []);
    createReview(gh, 2, undefined, posted.reviews as ReviewBody[], posted.patches);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toHaveLength(2);
    expect(posted.reviews[1]).toEqual(posted.reviews[0]);
    expect(posted.checkRunUpdates[0]?.output?.text ?? "").not.toContain("could not be posted");
  });
});
