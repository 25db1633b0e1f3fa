import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import type { JobSpec } from "../../src/app/queue/job-spec.js";
import { createQueueBackend, type QueueBackend } from "../../src/app/queue/queue-backend.js";
import { createRedisQueue } from "../../src/app/queue/redis-queue.js";
import { createRedisRunRegistry } from "../../src/app/queue/run-registry.js";
import { INSTALLATION, pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { CHECK_RUN_ID } from "./support/github-checks.js";
import { useNockGuards } from "./support/nock-guards.js";
import { type RedisServer, startRedis } from "./support/redis-server.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { capturePodPullRequest } from "./support/scenarios.js";
import { createTestApp, type TestApp } from "./support/test-app.js";

useNockGuards();

let server: RedisServer;
const backends: QueueBackend[] = [];

beforeAll(async () => {
  server = await startRedis();
}, 20_000);

afterAll(async () => {
  for (const backend of backends) {
    await backend.queue.close(100);
    await backend.disconnect();
  }
  await server.stop();
});

/** One App replica whose queue is on the test's Redis server. */
function replica(): Promise<TestApp> {
  return createTestApp({
    createQueue: (options) => {
      const backend = createQueueBackend({ ...options, redisUrl: `${server.url}/0` });
      backends.push(backend);
      return backend;
    },
  });
}

const scenario = capturePodPullRequest();

describe("two App replicas sharing a queue on Redis", () => {
  it("duplicate deliveries of one head reaching both replicas give one scan and one review", async () => {
    const [a, b] = await Promise.all([replica(), replica()]);
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await Promise.all([
      a.probot.receive(pullRequestEvent("synchronize", scenario) as never),
      b.probot.receive(pullRequestEvent("synchronize", scenario) as never),
      a.probot.receive(pullRequestEvent("synchronize", scenario) as never),
      b.probot.receive(pullRequestEvent("synchronize", scenario) as never),
    ]);
    await a.queue.idle();
    await b.queue.idle();

    gh.assertDone();
    expect([...a.jobErrors, ...b.jobErrors]).toEqual([]);
    expect(posted.reviews).toHaveLength(1);
    expect(posted.checkRunCreates).toHaveLength(1);
    expect(posted.checkRunUpdates.map((u) => u.status)).toEqual(["completed"]);
  }, 30_000);
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const began = Date.now();
  while (!condition()) {
    if (Date.now() - began > timeoutMs) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * A worker process takes the scan job, completes its check run (`CHECK_RUN_ID`, marked as due its
 * review, remembered for the job's next attempt as `published` does) and is killed with SIGKILL
 * before the job ends. Resolves once it is dead.
 */
async function killAfterCompletion(prefix: string, gh: FakeGitHub): Promise<void> {
  const child = spawn(
    process.execPath,
    [new URL("./queue/kill-worker.mjs", import.meta.url).pathname],
    {
      env: {
        ...process.env,
        REDIS_URL: server.url,
        QUEUE_PREFIX: prefix,
        KEEP_RUN: String(CHECK_RUN_ID),
      },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  await until(() => output.includes("ready"));
  const spec: JobSpec = {
    kind: "pull-request",
    installationId: INSTALLATION.id,
    deliveryId: randomUUID(),
    receivedAt: Date.now(),
    scan: {
      owner: gh.owner,
      repo: gh.repo,
      pullNumber: scenario.number,
      headSha: scenario.headSha,
      trigger: "pull_request",
    },
  };
  const recorder = createRedisQueue({
    redis: server.client(),
    prefix,
    concurrency: { scan: 1, interactive: 1 },
    execute: async () => {},
    work: false,
  });
  await recorder.add(spec);
  await until(() => output.includes(`started ${scenario.headSha}`));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGKILL");
  await exited;
  await recorder.close(100);
}

/** An App replica on the queue of `prefix`, with a short lock so that the dead job runs soon. */
function replicaOn(prefix: string): Promise<TestApp> {
  return createTestApp({
    createQueue: (options) => {
      const redis = server.client();
      const queue = createRedisQueue({ ...options, redis, prefix, lockMs: 2000, pollMs: 50 });
      const backend: QueueBackend = {
        kind: "redis",
        queue,
        runs: createRedisRunRegistry(redis, prefix),
        async disconnect() {},
      };
      backends.push(backend);
      return backend;
    },
  });
}

/** Writes the App sends (token requests and GraphQL reads left out). */
function recordWrites(gh: FakeGitHub): string[] {
  const writes: string[] = [];
  gh.scope.on("request", (req: { method: string; path: string }) => {
    if (req.method !== "GET" && !req.path.includes("graphql") && !req.path.includes("tokens")) {
      writes.push(`${req.method} ${req.path}`);
    }
  });
  return writes;
}

const DUE = { externalId: `pull-request:${scenario.number}#review-due` };

describe("a worker process killed (SIGKILL) after completing the check run", () => {
  it("before posting the review: the job runs again on another process, which keeps the completed run and posts the one review", async () => {
    const prefix = randomUUID();
    const gh = new FakeGitHub();
    await killAfterCompletion(prefix, gh);

    const writes = recordWrites(gh);
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: true,
      completedEarlier: DUE,
    });
    const app = await replicaOn(prefix);
    await until(() => posted.reviews.length > 0, 20_000);
    await app.queue.idle();

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toHaveLength(1);
    // The one completed run stays as it is: none created, none updated; one review.
    expect(writes).toEqual([`POST ${gh.repoPath}/pulls/${scenario.number}/reviews`]);
  }, 40_000);

  it("after posting the review, before the job ended: the job's next run posts nothing", async () => {
    // The review the killed process posted, as a scan of this head writes it.
    const first = await createTestApp();
    const gh0 = new FakeGitHub();
    const earlier = expectPullRequestScan(gh0, scenario, { reported: true, review: true });
    await first.receive(pullRequestEvent("opened", scenario));
    gh0.assertDone();
    const [review] = earlier.reviews;
    const comment = review?.comments?.[0];

    const prefix = randomUUID();
    const gh = new FakeGitHub();
    await killAfterCompletion(prefix, gh);

    const writes = recordWrites(gh);
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: false,
      completedEarlier: DUE,
      comments: [
        { id: 21, nodeId: "PRRC_kept", body: comment?.body ?? "", line: comment?.line ?? 1 },
      ],
      existingReviews: [{ id: 9001, body: review?.body ?? "", commitId: scenario.headSha }],
    });
    const app = await replicaOn(prefix);
    await until(() => posted.checkRunCreates.length > 0, 20_000);
    await app.queue.idle();

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(comment?.body).toContain("privilege-guard:finding:");
    expect(writes).toEqual([]);
  }, 40_000);
});
