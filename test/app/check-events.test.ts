import { describe, expect, it } from "@jest/globals";
import { checkRunEvent, checkSuiteEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { installationToken } from "./support/github-reads.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { capturePodPullRequest } from "./support/scenarios.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const scenario = capturePodPullRequest();

describe("check run events", () => {
  it("re-run of the check scans the pull request named in its external id", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(
      checkRunEvent("rerequested", { headSha: scenario.headSha, externalId: "pull-request:2" }),
    );

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.checkRunCreates[0]).toMatchObject({
      head_sha: scenario.headSha,
      external_id: "pull-request:2",
    });
    expect(posted.checkRunUpdates[0]?.conclusion).toBe("failure");
  });

  it("the Re-scan button scans again; other actions and other checks are ignored", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(
      checkRunEvent("requested_action", {
        headSha: scenario.headSha,
        externalId: "pull-request:2",
        identifier: "rescan",
      }),
    );
    await app.receive(
      checkRunEvent("requested_action", {
        headSha: scenario.headSha,
        externalId: "pull-request:2",
        identifier: "other",
      }),
    );
    await app.receive(
      checkRunEvent("rerequested", {
        headSha: scenario.headSha,
        externalId: "pull-request:2",
        name: "ci/build",
      }),
    );

    gh.assertDone();
    expect(posted.checkRunCreates).toHaveLength(1);
  });
});

describe("check suite re-run", () => {
  it("scans each pull request of the suite's head", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(checkSuiteEvent({ headSha: scenario.headSha, pullNumbers: [2] }));

    gh.assertDone();
    expect(posted.checkRunCreates).toHaveLength(1);
  });

  it("looks the pull requests up when the suite lists none (a fork)", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    gh.expect(
      "GET",
      `${gh.repoPath}/commits/${scenario.headSha}/pulls`,
      {
        status: 200,
        body: [
          { number: 2, state: "open", head: { sha: scenario.headSha } },
          { number: 1, state: "closed", head: { sha: scenario.headSha } },
        ],
      },
      { template: "/repos/{owner}/{repo}/commits/{commit_sha}/pulls" },
    );
    const posted = expectPullRequestScan(gh, scenario, {
      token: false,
      reported: true,
      review: true,
    });

    await app.receive(checkSuiteEvent({ headSha: scenario.headSha, pullNumbers: [] }));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.checkRunCreates).toHaveLength(1);
  });
});
