import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import { createQueueBackend, type QueueBackend } from "../../src/app/queue/queue-backend.js";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { type RedisServer, startRedis } from "./support/redis-server.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
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

const scenario = {
  number: 2,
  headSha: sha("head"),
  baseSha: sha("base"),
  mergeBaseSha: sha("merge-base"),
  changes: [{ path: "k8s/capture.yaml", head: manifest("tcpdump-pod.yaml") }],
};

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
