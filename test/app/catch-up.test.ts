/**
 * Catch-up: open pull requests whose head has no completed `privilege-guard` check run (missed
 * while the App was down, or before it was installed) are scanned, on start and when the App is
 * installed or given repositories; heads with a completed run are left alone.
 */
import { describe, expect, it } from "@jest/globals";
import type { RunningApp } from "../../src/app/create-app.js";
import {
  INSTALLATION,
  installationCreatedEvent,
  installationRepositoriesAddedEvent,
} from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { CHECK_RUN_ID } from "./support/github-checks.js";
import { appSlug, installationToken } from "./support/github-reads.js";
import { reviews } from "./support/github-reviews.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { APP_ID, createTestApp } from "./support/test-app.js";

useNockGuards();

const missed = {
  number: 2,
  headSha: sha("missed-head"),
  baseSha: sha("base"),
  mergeBaseSha: sha("merge-base"),
  changes: [{ path: "k8s/capture.yaml", head: manifest("tcpdump-pod.yaml") }],
};
const scanned = { number: 3, headSha: sha("scanned-head") };
/** Another GitHub App, which names a check run `privilege-guard` too. */
const OTHER_APP_ID = 9999;

/** Two open pull requests in `gh`'s repository: #2 never scanned, #3 with a completed run. */
function openPullRequests(gh: FakeGitHub): void {
  gh.expect(
    "GET",
    `${gh.repoPath}/pulls?state=open&per_page=100`,
    {
      status: 200,
      body: [missed, scanned].map((pr) => ({ number: pr.number, head: { sha: pr.headSha } })),
    },
    { template: "/repos/{owner}/{repo}/pulls" },
  );
  // #2's head has a completed run of the same name by another App, which does not count.
  for (const [pr, appId] of [
    [missed, OTHER_APP_ID],
    [scanned, APP_ID],
  ] as const) {
    gh.expect(
      "GET",
      `${gh.repoPath}/commits/${pr.headSha}/check-runs?check_name=privilege-guard&status=completed&per_page=100`,
      {
        status: 200,
        body: {
          total_count: 1,
          check_runs: [
            {
              id: appId,
              name: "privilege-guard",
              head_sha: pr.headSha,
              status: "completed",
              app: { id: appId },
            },
          ],
        },
      },
      { template: "/repos/{owner}/{repo}/commits/{ref}/check-runs" },
    );
  }
  // The head without a completed run has none in progress either (none left by a dead process).
  gh.expect(
    "GET",
    `${gh.repoPath}/commits/${missed.headSha}/check-runs?check_name=privilege-guard&status=in_progress&per_page=100`,
    { status: 200, body: { total_count: 0, check_runs: [] } },
    { template: "/repos/{owner}/{repo}/commits/{ref}/check-runs" },
  );
}

describe("catch-up", () => {
  it("when repositories are added to the installation: scans the open pull request without a completed check run", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    openPullRequests(gh);
    const posted = expectPullRequestScan(gh, missed, {
      token: false,
      reported: true,
      review: true,
    });

    await app.receive(installationRepositoriesAddedEvent([`${gh.owner}/${gh.repo}`]));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.checkRunCreates.map((c) => c.head_sha)).toEqual([missed.headSha]);
    expect(posted.reviews).toHaveLength(1);
  });

  it("when the App is installed: looks at every repository the installation can access", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    gh.expect(
      "GET",
      "/installation/repositories?per_page=100",
      {
        status: 200,
        body: {
          total_count: 1,
          repositories: [{ name: gh.repo, owner: { login: gh.owner } }],
        },
      },
      { template: "/installation/repositories" },
    );
    openPullRequests(gh);
    const posted = expectPullRequestScan(gh, missed, {
      token: false,
      reported: true,
      review: true,
    });

    await app.receive(installationCreatedEvent());

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.checkRunCreates.map((c) => c.head_sha)).toEqual([missed.headSha]);
  });

  it("on start: queues a catch-up of each installation that is not suspended", async () => {
    const gh = new FakeGitHub();
    gh.expect(
      "GET",
      "/app/installations?per_page=100",
      {
        status: 200,
        body: [
          { id: INSTALLATION.id, suspended_at: null },
          { id: 99, suspended_at: "2024-04-01T00:00:00Z" },
        ],
      },
      { template: "/app/installations" },
    );
    installationToken(gh);
    gh.expect(
      "GET",
      "/installation/repositories?per_page=100",
      {
        status: 200,
        body: { total_count: 1, repositories: [{ name: gh.repo, owner: { login: gh.owner } }] },
      },
      { template: "/installation/repositories" },
    );
    openPullRequests(gh);
    const posted = expectPullRequestScan(gh, missed, {
      token: false,
      reported: true,
      review: true,
    });
    let running: RunningApp | null = null;

    const app = await createTestApp({
      catchUpOnStart: true,
      onStarted: (started) => {
        running = started;
      },
    });
    await (running as RunningApp | null)?.startCatchUp;
    await app.queue.idle();

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.checkRunCreates.map((c) => c.head_sha)).toEqual([missed.headSha]);
  });
});

describe("catch-up after a stop between completing a check run and posting its review", () => {
  const answered = { number: 3, headSha: sha("answered-head") };

  /** #2 and #3 each have a completed run due its review; only #3's review was posted. */
  function runsDueTheirReview(gh: FakeGitHub): void {
    gh.expect(
      "GET",
      `${gh.repoPath}/pulls?state=open&per_page=100`,
      {
        status: 200,
        body: [missed, answered].map((pr) => ({ number: pr.number, head: { sha: pr.headSha } })),
      },
      { template: "/repos/{owner}/{repo}/pulls" },
    );
    for (const [pr, id] of [
      [missed, CHECK_RUN_ID],
      [answered, 8001],
    ] as const) {
      gh.expect(
        "GET",
        `${gh.repoPath}/commits/${pr.headSha}/check-runs?check_name=privilege-guard&status=completed&per_page=100`,
        {
          status: 200,
          body: {
            total_count: 1,
            check_runs: [
              {
                id,
                name: "privilege-guard",
                head_sha: pr.headSha,
                app: { id: APP_ID },
                status: "completed",
                conclusion: "failure",
                external_id: `pull-request:${pr.number}#review-due`,
              },
            ],
          },
        },
        { template: "/repos/{owner}/{repo}/commits/{ref}/check-runs" },
      );
    }
    appSlug(gh);
    reviews(gh, missed.number, []);
    reviews(gh, answered.number, [
      { id: 5, body: "<!-- privilege-guard:review -->", commitId: answered.headSha },
    ]);
  }

  it("posts the missing review on the head without one, keeping its completed run, and leaves the other alone", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    runsDueTheirReview(gh);
    const posted = expectPullRequestScan(gh, missed, {
      token: false,
      appSlug: false,
      reported: true,
      review: true,
      completedEarlier: { externalId: "pull-request:2#review-due" },
    });

    await app.receive(installationRepositoriesAddedEvent([`${gh.owner}/${gh.repo}`]));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    // No check run created or updated: the completed one stays as it is.
    expect(posted.checkRunUpdates).toEqual([]);
    expect(posted.reviews).toHaveLength(1);
    expect(posted.reviews[0]?.commit_id).toBe(missed.headSha);
  });
});
