import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import {
  CHECK_RUN_ID,
  checkRunCreated,
  createCheckRun,
  updateCheckRun,
} from "./support/github-checks.js";
import { configFile, installationToken, pullRequest } from "./support/github-reads.js";
import { useNockGuards } from "./support/nock-guards.js";
import { markersIn } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { capturePodPullRequest } from "./support/scenarios.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const scenario = capturePodPullRequest();

const SECONDARY_LIMIT = {
  status: 403,
  body: {
    message:
      "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
    documentation_url:
      "https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits",
  },
  headers: { "retry-after": "3" },
};

describe("GitHub answering 500", () => {
  it("still completes the check run, per onError, saying what failed, with a Re-scan button", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    createCheckRun(gh);
    configFile(gh, "onError: neutral\n");
    pullRequest(gh, scenario);
    gh.expect(
      "GET",
      `${gh.repoPath}/pulls/2/files`,
      { status: 500, body: { message: "Server Error" } },
      {
        template: "/repos/{owner}/{repo}/pulls/{pull_number}/files",
        query: { per_page: "100" },
      },
    );
    const updates = updateCheckRun(gh);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    const [completion] = updates;
    expect(completion?.status).toBe("completed");
    expect(completion?.conclusion).toBe("neutral");
    expect(completion?.output?.title).toBe("Scan failed");
    expect(completion?.output?.summary).toContain(
      "While listing the changed files: GitHub answered 500 (GET /repos/Codertocat/Hello-World/pulls/2/files)",
    );
    expect(completion?.actions).toEqual([
      { label: "Re-scan", description: "Scan this commit again", identifier: "rescan" },
    ]);
  });

  it("creates a completed run when the in-progress one cannot be completed", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: true,
      checkRunUpdates: 0,
    });
    updateCheckRun(gh, CHECK_RUN_ID, 1, { status: 500, body: { message: "Server Error" } });
    const replacement = createCheckRun(gh, checkRunCreated(7002));

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(posted.reviews).toHaveLength(1);
    expect(replacement).toEqual([
      expect.objectContaining({
        name: "privilege-guard",
        head_sha: scenario.headSha,
        status: "completed",
        conclusion: "failure",
        output: expect.objectContaining({ title: "1 new privileged setting" }),
      }),
    ]);
  });
});

describe("GitHub not answering", () => {
  it("gives up each attempt after the request timeout, retries, then completes the check run with the reason and a Re-scan button", async () => {
    // 0.5 s: every request of the run goes through this timeout, and on a loaded CI machine a
    // request that is answered at once can still take more than 0.1 s.
    const app = await createTestApp({}, { requestTimeoutMs: 500, retries: 1, secondMs: 0 });
    const gh = new FakeGitHub();
    installationToken(gh);
    createCheckRun(gh);
    configFile(gh, null);
    pullRequest(gh, scenario);
    gh.scope
      .get(`${gh.repoPath}/pulls/2/files`)
      .query({ per_page: "100" })
      .times(2)
      .delay(2000)
      .reply(200, []);
    const updates = updateCheckRun(gh);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    const [completion] = updates;
    expect(completion?.status).toBe("completed");
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.summary).toContain(
      "While listing the changed files: GitHub answered 500 (GET /repos/Codertocat/Hello-World/pulls/2/files): no answer within 0.5 s",
    );
    expect(completion?.actions?.map((a) => a.identifier)).toEqual(["rescan"]);
  });
});

describe("GitHub refusing the review (422)", () => {
  it("posts the review without inline comments, every finding in the body", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: [
        {
          status: 422,
          body: {
            message: "Unprocessable Entity",
            errors: ["Pull request review thread line must be part of the diff"],
          },
        },
        { status: 200, body: { id: 9002 } },
      ],
      checkRunUpdates: 2,
    });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [refused, fallback] = posted.reviews;
    expect(refused?.comments).toHaveLength(1);
    expect(fallback?.comments).toEqual([]);
    expect(markersIn(fallback?.body ?? "")).toEqual(markersIn(refused?.comments?.[0]?.body ?? ""));
    expect(fallback?.body).toContain("k8s/capture.yaml:12");
    // The run completes before the review is posted; the refusal is added to it afterwards.
    const [completion, note] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.annotations).toHaveLength(1);
    expect(note?.status).toBeUndefined();
    expect(note?.output?.annotations).toBeUndefined();
    expect(note?.output?.text).toContain("GitHub refused the inline comments");
  });
});

describe("a secondary rate limit", () => {
  it("waits as GitHub asks and retries, so the review and the check run are not lost", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: [SECONDARY_LIMIT, { status: 200, body: { id: 9003 } }],
      checkRunUpdates: 0,
    });
    const limited = updateCheckRun(gh, CHECK_RUN_ID, 1, SECONDARY_LIMIT);
    const completed = updateCheckRun(gh, CHECK_RUN_ID, 1);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(app.waits).toEqual([3, 3]);
    expect(posted.reviews).toHaveLength(2);
    expect(posted.reviews[1]?.comments).toHaveLength(1);
    expect(limited).toHaveLength(1);
    expect(completed).toEqual([limited[0]]);
    expect(completed[0]?.conclusion).toBe("failure");
  });

  it("gives up after a bounded number of retries and still completes the check run", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: [SECONDARY_LIMIT, SECONDARY_LIMIT, SECONDARY_LIMIT],
      checkRunUpdates: 2,
    });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.waits).toEqual([3, 3]);
    expect(posted.reviews).toHaveLength(3);
    const [completion, note] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.annotations).toHaveLength(1);
    expect(note?.output?.annotations).toBeUndefined();
    expect(note?.output?.text).toContain("The review could not be posted (GitHub answered 403");
  });
});
