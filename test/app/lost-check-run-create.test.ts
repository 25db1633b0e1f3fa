/**
 * A fast scan creates its check run completed, in one `POST /repos/{o}/{r}/check-runs`. When GitHub
 * created the run but the answer was lost (a 502 after processing, a timeout), a blind retry of
 * that POST would leave two completed runs. Before retrying, the App looks for its run on the head
 * (`checks/list-for-ref`: same name, `external_id` and `started_at`, which is the job's request
 * time, the same for every attempt) and takes the one it finds; only when there is none does it
 * POST again. So does a rerun of the job (a durable queue's retry, or a run after its worker died)
 * before it scans. The first attempt that succeeds costs no extra call.
 */
import { describe, expect, it } from "@jest/globals";
import { inProcess, type PureRunner } from "../../src/app/pure-function.js";
import { createMemoryQueue } from "../../src/app/queue/memory-queue.js";
import { createMemoryRunRegistry } from "../../src/app/queue/run-registry.js";
import { ScanBudgetExceeded } from "../../src/app/pure-function.js";
import { pullRequestEvent } from "./support/events.js";
import { Commits, githubFile } from "./support/fake-changes.js";
import { FakeGitHub, type Json, type Reply } from "./support/fake-github.js";
import { CHECK_RUN_ID, checkRunCreated } from "./support/github-checks.js";
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
import { APP_ID, createTestApp, NOW } from "./support/test-app.js";

useNockGuards();

const scenario = capturePodPullRequest();

/** A scan that fails at once: its run is created completed, in one request, within the delay. */
const failingFast: PureRunner = {
  run: async () => {
    throw new ScanBudgetExceeded("time", "the evaluation took longer than its time budget");
  },
  close: async () => {},
};

/** The App with Octokit retrying 5xx answers twice (no waits in tests). */
const createApp = () =>
  createTestApp({ inProgressDelayMs: 60_000, pure: failingFast }, { retries: 2 });

/** The reads of the scan before it creates its run. */
function scanReads(gh: FakeGitHub): void {
  installationToken(gh);
  configFile(gh, null);
  pullRequest(gh, scenario);
  pullRequestFiles(
    gh,
    2,
    scenario.changes.map((c) => githubFile(c, gh.repoPath, scenario.headSha)),
  );
  compare(gh, scenario.baseSha, scenario.headSha, scenario.mergeBaseSha);
  blobReads(gh, Commits.of(scenario.changes, scenario.mergeBaseSha, scenario.headSha));
}

/** `POST check-runs`, answered in turn by `replies`; the bodies received. */
function checkRunPosts(gh: FakeGitHub, replies: readonly Reply[]): Json[] {
  const bodies: Json[] = [];
  let i = 0;
  gh.expect<Json>(
    "POST",
    `${gh.repoPath}/check-runs`,
    () => replies[Math.min(i++, replies.length - 1)] as Reply,
    { template: "/repos/{owner}/{repo}/check-runs", times: replies.length },
    bodies,
  );
  return bodies;
}

/** `checks/list-for-ref` of the head, answered with `runs()` (read when the request comes). */
function listForRef(gh: FakeGitHub, runs: () => Json[]): void {
  gh.expect(
    "GET",
    `${gh.repoPath}/commits/${scenario.headSha}/check-runs`,
    () => ({ status: 200, body: { total_count: runs().length, check_runs: runs() } }),
    {
      template: "/repos/{owner}/{repo}/commits/{ref}/check-runs",
      query: {
        check_name: "privilege-guard",
        status: "completed",
        filter: "all",
        per_page: "100",
      },
    },
  );
}

/** The run GitHub made of a create's body (`id`), as its listing shows it (by `appId`). */
function runOf(body: Json | undefined, id: number, startedAt?: string, appId = APP_ID): Json {
  return {
    id,
    app: { id: appId, slug: appId === APP_ID ? "privilege-guard" : "another-app" },
    name: body?.name,
    head_sha: body?.head_sha,
    external_id: body?.external_id,
    status: "completed",
    conclusion: body?.conclusion,
    // GitHub keeps whole seconds.
    started_at: startedAt ?? String(body?.started_at).replace(/\.\d+Z$/, "Z"),
    html_url: `https://github.com/Codertocat/Hello-World/runs/${id}`,
  };
}

const BAD_GATEWAY: Reply = { status: 502, body: { message: "Server Error" } };

describe("the completed check run's creation, when its answer is lost", () => {
  it("finds the run GitHub created before the 502 and does not create another", async () => {
    const app = await createApp();
    const gh = new FakeGitHub();
    scanReads(gh);
    const posts = checkRunPosts(gh, [BAD_GATEWAY]);
    listForRef(gh, () => [runOf(posts[0], CHECK_RUN_ID)]);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posts).toHaveLength(1);
    expect(posts[0]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      external_id: "pull-request:2",
    });
  });

  it("creates it again when GitHub has none, never taking an earlier scan's run of the head", async () => {
    const app = await createApp();
    const gh = new FakeGitHub();
    scanReads(gh);
    const posts = checkRunPosts(gh, [BAD_GATEWAY, checkRunCreated(CHECK_RUN_ID)]);
    // The same head's run from an earlier scan: same name and external_id, started before.
    listForRef(gh, () => [runOf(posts[0], 4001, "2024-04-30T08:00:00Z")]);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posts).toHaveLength(2);
    expect(posts[1]).toEqual(posts[0]);
  });

  it("never takes another App's run of the same name, external_id and start for its own", async () => {
    const app = await createApp();
    const gh = new FakeGitHub();
    scanReads(gh);
    const posts = checkRunPosts(gh, [BAD_GATEWAY, checkRunCreated(CHECK_RUN_ID)]);
    // Another App installed on the repository that also names its check run privilege-guard.
    listForRef(gh, () => [runOf(posts[0], 4003, undefined, APP_ID + 1)]);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posts).toHaveLength(2);
    expect(posts[1]).toEqual(posts[0]);
  });

  it("makes no extra request when the first POST is answered", async () => {
    const app = await createApp();
    const gh = new FakeGitHub();
    scanReads(gh);
    const posts = checkRunPosts(gh, [checkRunCreated(CHECK_RUN_ID)]);

    await app.receive(pullRequestEvent("opened", scenario));

    // Any other request (a listing) would be unmatched, which the nock guards fail on.
    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posts).toHaveLength(1);
  });
});

/** The App whose queue runs every job as a rerun (an earlier attempt ran). */
const createRerunningApp = () =>
  createTestApp({
    inProgressDelayMs: 60_000,
    pure: inProcess,
    createQueue: (options) => ({
      kind: "memory",
      queue: createMemoryQueue({
        ...options,
        concurrency: { scan: 4, interactive: 4 },
        execute: (spec, run) => options.execute(spec, { ...run, rerun: true }),
      }),
      runs: createMemoryRunRegistry(),
      async disconnect() {},
    }),
  });

/** A run of the test's head, as GitHub lists it. */
function listedRun(id: number, externalId: string, startedAt: string): Json {
  return {
    id,
    app: { id: APP_ID, slug: "privilege-guard" },
    name: "privilege-guard",
    head_sha: scenario.headSha,
    external_id: externalId,
    status: "completed",
    conclusion: "success",
    started_at: startedAt,
    html_url: `https://github.com/Codertocat/Hello-World/runs/${id}`,
  };
}

describe("a rerun of a scan job", () => {
  it("takes the completed run the earlier attempt created, and scans nothing again", async () => {
    const app = await createRerunningApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    // Created by the earlier attempt at the job's request time (GitHub keeps whole seconds).
    listForRef(gh, () => [
      listedRun(4002, "pull-request:2", NOW.toISOString().replace(/\.\d+Z$/, "Z")),
    ]);

    await app.receive(pullRequestEvent("opened", scenario));

    // No other request: no reads, no POST (the nock guards fail on any).
    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
  });

  it("scans and creates its run when the earlier attempt left none (an earlier scan's run is not it)", async () => {
    const app = await createRerunningApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    listForRef(gh, () => [listedRun(4001, "pull-request:2", "2024-04-30T08:00:00Z")]);
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: true,
      runCreated: "completed",
      token: false,
    });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.checkRunCreates).toHaveLength(1);
    expect(posted.checkRunCreates[0]).toMatchObject({ started_at: NOW.toISOString() });
  });
});
