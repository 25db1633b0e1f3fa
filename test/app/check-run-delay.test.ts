/**
 * GitHub spaces an installation's writes a second apart (Probot's throttling), so a check run
 * created in progress and then completed concludes a second after its creation at best. A scan
 * that finishes within the in-progress delay (`inProgressDelayMs`, default 2 s) creates its run
 * already completed, in one request (`checks/create` with `status: completed` and a conclusion,
 * which GitHub's OpenAPI description allows: every body here is validated against it); a slower
 * scan gets its run in progress when the delay is up, completed when it finishes. Until a run
 * exists, a required check is pending, never passing.
 */
import { describe, expect, it } from "@jest/globals";
import {
  DEFAULT_IN_PROGRESS_DELAY_MS,
  inProgressDelayFromEnv,
} from "../../src/app/check-lifecycle.js";
import { inProcess, type PureRunner, ScanBudgetExceeded } from "../../src/app/pure-function.js";
import { pullRequestEvent } from "./support/events.js";
import { Commits, githubFile } from "./support/fake-changes.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { CHECK_RUN_ID, createCheckRun } from "./support/github-checks.js";
import {
  blobReads,
  compare,
  configFile,
  installationToken,
  pullRequest,
  pullRequestFiles,
} from "./support/github-reads.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { capturePodPullRequest } from "./support/scenarios.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const scenario = capturePodPullRequest();

/** A delay no scan here reaches, however busy the machine (the default is 2 s). */
const WITHIN = { inProgressDelayMs: 60_000 };

const RUN_URL = `https://github.com/Codertocat/Hello-World/runs/${CHECK_RUN_ID}`;

/** The writes the App sends, in order (token requests left out). */
function recordWrites(gh: FakeGitHub): string[] {
  const writes: string[] = [];
  gh.scope.on("request", (req: { method: string; path: string }) => {
    if (req.method !== "GET" && !req.path.includes("graphql") && !req.path.includes("tokens")) {
      writes.push(`${req.method} ${req.path.replace(/\?.*$/, "")}`);
    }
  });
  return writes;
}

/** The in-process evaluation, `ms` later: a scan slower than the in-progress delay. */
function slowerBy(ms: number): PureRunner {
  return {
    async run(pure, input) {
      await new Promise((resolve) => setTimeout(resolve, ms));
      return inProcess.run(pure, input);
    },
    close: async () => {},
  };
}

describe("a scan that finishes within the in-progress delay", () => {
  it("creates its check run completed in one request, marked as due its review, then posts the review linking it", async () => {
    const app = await createTestApp(WITHIN);
    const gh = new FakeGitHub();
    const writes = recordWrites(gh);
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: true,
      runCreated: "completed",
    });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(writes).toEqual([
      `POST ${gh.repoPath}/check-runs`,
      `POST ${gh.repoPath}/pulls/2/reviews`,
    ]);
    const [created] = posted.checkRunCreates;
    expect(created).toMatchObject({
      name: "privilege-guard",
      head_sha: scenario.headSha,
      status: "completed",
      conclusion: "failure",
      external_id: "pull-request:2#review-due",
      actions: [{ label: "Re-scan", description: "Scan this commit again", identifier: "rescan" }],
    });
    expect(created?.output?.annotations).toHaveLength(1);
    expect(posted.reviews).toHaveLength(1);
    expect(posted.reviews[0]?.body).toContain(`(${RUN_URL})`);
  });

  it("with nothing new to review: one request, no review due", async () => {
    const clean = {
      ...scenario,
      changes: [{ path: "k8s/web.yaml", head: manifest("web-deployment.yaml") }],
    };
    const app = await createTestApp(WITHIN);
    const gh = new FakeGitHub();
    const writes = recordWrites(gh);
    const posted = expectPullRequestScan(gh, clean, {
      reported: false,
      review: false,
      runCreated: "completed",
    });

    await app.receive(pullRequestEvent("opened", clean));

    gh.assertDone();
    expect(writes).toEqual([`POST ${gh.repoPath}/check-runs`]);
    expect(posted.checkRunCreates[0]).toMatchObject({
      status: "completed",
      conclusion: "success",
      external_id: "pull-request:2",
    });
  });

  it("that fails still completes a run, in one request, naming the failed step (fail closed)", async () => {
    const budget: PureRunner = {
      run: async () => {
        throw new ScanBudgetExceeded("time", "the evaluation took longer than its time budget");
      },
      close: async () => {},
    };
    const app = await createTestApp({ ...WITHIN, pure: budget });
    const gh = new FakeGitHub();
    const writes = recordWrites(gh);
    installationToken(gh);
    const created = createCheckRun(gh);
    configFile(gh, null);
    pullRequest(gh, scenario);
    pullRequestFiles(
      gh,
      2,
      scenario.changes.map((c) => githubFile(c, gh.repoPath, scenario.headSha)),
    );
    compare(gh, scenario.baseSha, scenario.headSha, scenario.mergeBaseSha);
    blobReads(gh, Commits.of(scenario.changes, scenario.mergeBaseSha, scenario.headSha));

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(writes).toEqual([`POST ${gh.repoPath}/check-runs`]);
    expect(created[0]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      external_id: "pull-request:2",
      output: { title: "Scan failed" },
    });
    expect(created[0]?.output?.summary).toContain("While reading the changed files");
  });

  it("of a head that moved meanwhile: one neutral run, superseded, and no review", async () => {
    const app = await createTestApp(WITHIN);
    const gh = new FakeGitHub();
    const writes = recordWrites(gh);
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: false,
      runCreated: "completed",
      headBeforePublish: sha("newer"),
    });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(writes).toEqual([`POST ${gh.repoPath}/check-runs`]);
    expect(posted.checkRunCreates[0]).toMatchObject({
      status: "completed",
      conclusion: "neutral",
      output: { title: "Superseded by a newer push" },
    });
  });
});

describe("a scan slower than the in-progress delay", () => {
  it("creates its run in progress when the delay is up, completes it when done, then posts the review", async () => {
    const app = await createTestApp({ inProgressDelayMs: 20, pure: slowerBy(300) });
    const gh = new FakeGitHub();
    const writes = recordWrites(gh);
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(writes).toEqual([
      `POST ${gh.repoPath}/check-runs`,
      `PATCH ${gh.repoPath}/check-runs/${CHECK_RUN_ID}`,
      `POST ${gh.repoPath}/pulls/2/reviews`,
    ]);
    expect(posted.checkRunCreates[0]).toMatchObject({ status: "in_progress" });
    expect(posted.checkRunCreates[0]?.conclusion).toBeUndefined();
    expect(posted.checkRunUpdates[0]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      external_id: "pull-request:2#review-due",
    });
    expect(posted.reviews[0]?.body).toContain(`(${RUN_URL})`);
  });
});

describe("PRIVILEGE_GUARD_IN_PROGRESS_DELAY_MS", () => {
  it.each([
    [undefined, DEFAULT_IN_PROGRESS_DELAY_MS],
    ["", DEFAULT_IN_PROGRESS_DELAY_MS],
    ["0", 0],
    ["500", 500],
  ])("%j gives %d ms", (value, ms) => {
    expect(inProgressDelayFromEnv({ PRIVILEGE_GUARD_IN_PROGRESS_DELAY_MS: value })).toBe(ms);
  });

  it.each(["-1", "soon", "NaN"])("%j is refused with a clear message", (value) => {
    expect(() => inProgressDelayFromEnv({ PRIVILEGE_GUARD_IN_PROGRESS_DELAY_MS: value })).toThrow(
      `PRIVILEGE_GUARD_IN_PROGRESS_DELAY_MS must be a number of milliseconds (0 or more), not "${value}"`,
    );
  });
});
