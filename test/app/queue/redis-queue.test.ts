import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "@jest/globals";
import {
  type JobExecutor,
  type JobOutcome,
  type JobQueue,
  stopReason,
} from "../../../src/app/queue/job-queue.js";
import type { JobSpec } from "../../../src/app/queue/job-spec.js";
import { createRedisQueue, type RedisQueueOptions } from "../../../src/app/queue/redis-queue.js";
import { type RedisServer, startRedis } from "../support/redis-server.js";

let server: RedisServer;
const queues: JobQueue[] = [];

beforeAll(async () => {
  server = await startRedis();
}, 20_000);

afterAll(async () => {
  await Promise.all(queues.map((q) => q.close(100)));
  await server.stop();
});

function scan(pullNumber: number, headSha: string, installationId = 1): JobSpec {
  return {
    kind: "pull-request",
    installationId,
    deliveryId: randomUUID(),
    receivedAt: Date.now(),
    scan: { owner: "o", repo: "r", pullNumber, headSha, trigger: "pull_request" },
  };
}

const head = (spec: JobSpec) => (spec.kind === "pull-request" ? spec.scan.headSha : "?");

/** A queue on the test server, with short timings; each test uses its own key prefix. */
function queue(
  prefix: string,
  execute: JobExecutor,
  options: Partial<RedisQueueOptions> & { outcomes?: [string, JobOutcome][] } = {},
): JobQueue {
  const q = createRedisQueue({
    redis: server.client(),
    prefix,
    concurrency: { scan: 2, interactive: 2 },
    lockMs: 2000,
    pollMs: 50,
    backoffMs: 50,
    execute,
    observer: { finished: (spec, outcome) => options.outcomes?.push([head(spec), outcome]) },
    ...options,
  });
  queues.push(q);
  return q;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out");
    await sleep(20);
  }
}

describe("the queue on Redis", () => {
  it("two replicas receiving duplicate deliveries of one head run one scan", async () => {
    const prefix = randomUUID();
    const runs: string[] = [];
    const execute: JobExecutor = async (spec) => {
      runs.push(head(spec));
      await sleep(200);
    };
    const a = queue(prefix, execute);
    const b = queue(prefix, execute);
    await Promise.all([
      a.add(scan(1, "h1")),
      b.add(scan(1, "h1")),
      a.add(scan(1, "h1")),
      b.add(scan(1, "h1")),
    ]);
    await sleep(50);
    expect(await a.add(scan(1, "h1"))).toBe("coalesced");
    await a.idle();
    expect(runs).toEqual(["h1"]);
  }, 20_000);

  it("concurrent duplicates on two replicas: one is queued, the others are told they coalesced", async () => {
    const prefix = randomUUID();
    const runs: string[] = [];
    const execute: JobExecutor = async (spec) => {
      runs.push(head(spec));
      await sleep(100);
    };
    const a = queue(prefix, execute);
    const b = queue(prefix, execute);
    const results = await Promise.all([
      a.add(scan(7, "h7")),
      b.add(scan(7, "h7")),
      a.add(scan(7, "h7")),
      b.add(scan(7, "h7")),
    ]);
    expect([...results].sort()).toEqual(["coalesced", "coalesced", "coalesced", "queued"]);
    await a.idle();
    await b.idle();
    expect(runs).toEqual(["h7"]);
    // Once that scan completed, the same head can be scanned again (a later redelivery).
    expect(await b.add(scan(7, "h7"))).toBe("queued");
    await b.idle();
    expect(runs).toEqual(["h7", "h7"]);
  }, 20_000);

  it("coalesces pushes: a newer head stops the running scan, a waiting older head never runs", async () => {
    const prefix = randomUUID();
    const runs: string[] = [];
    const outcomes: [string, JobOutcome][] = [];
    const stopped: unknown[] = [];
    const q = queue(
      prefix,
      async (spec, run) => {
        runs.push(head(spec));
        await until(() => run.signal.aborted || head(spec) === "c", 5000).catch(() => {});
        if (run.signal.aborted) stopped.push(stopReason(run.signal));
      },
      { outcomes },
    );
    await q.add(scan(1, "a"));
    await until(() => runs.length === 1);
    expect(await q.add(scan(1, "b"))).toBe("superseding");
    expect(await q.add(scan(1, "c"))).toBe("superseding");
    await q.idle();
    expect(runs).toEqual(["a", "c"]);
    // "a" is stopped once, by a newer head: "b" or "c", depending on when it sees the signal.
    expect(stopped).toEqual([{ kind: "superseded", headSha: expect.stringMatching(/^[bc]$/) }]);
    expect(outcomes).toContainEqual(["a", "superseded"]);
    expect(outcomes).toContainEqual(["b", "superseded"]);
    expect(outcomes).toContainEqual(["c", "completed"]);
  }, 20_000);

  it("runs one scan per pull request at a time across processes", async () => {
    const prefix = randomUUID();
    let active = 0;
    let peak = 0;
    const execute: JobExecutor = async () => {
      active++;
      peak = Math.max(peak, active);
      await sleep(150);
      active--;
    };
    const a = queue(prefix, execute);
    const b = queue(prefix, execute);
    // An explicit rescan of the same head queues behind the running scan instead of coalescing.
    const rescan = (n: number): JobSpec => {
      const spec = scan(1, "h");
      return spec.kind === "pull-request"
        ? { ...spec, deliveryId: `rescan-${n}`, scan: { ...spec.scan, trigger: "slash_command" } }
        : spec;
    };
    await Promise.all([a.add(rescan(1)), b.add(rescan(2)), a.add(rescan(3))]);
    await a.idle();
    expect(peak).toBe(1);
  }, 20_000);

  it("retries a transient failure and resumes the same check run; gives up after the last attempt", async () => {
    const prefix = randomUUID();
    const attempts: { head: string; canRetry: boolean; resume: number | null }[] = [];
    const outcomes: [string, JobOutcome][] = [];
    const q = queue(
      prefix,
      async (spec, run) => {
        attempts.push({ head: head(spec), canRetry: run.canRetry, resume: run.resumeRunId });
        if (run.resumeRunId === null) await run.keepRun(head(spec) === "ok" ? 11 : 22);
        const tries = attempts.filter((a) => a.head === head(spec)).length;
        if (head(spec) === "never" || tries === 1) throw new Error("GitHub answered 502");
      },
      { attempts: 3, outcomes },
    );
    await q.add(scan(1, "ok"));
    await q.add(scan(2, "never"));
    await until(() => outcomes.filter(([, o]) => o === "completed" || o === "failed").length === 2);
    expect(attempts.filter((a) => a.head === "ok")).toEqual([
      { head: "ok", canRetry: true, resume: null },
      { head: "ok", canRetry: true, resume: 11 },
    ]);
    expect(attempts.filter((a) => a.head === "never")).toEqual([
      { head: "never", canRetry: true, resume: null },
      { head: "never", canRetry: true, resume: 22 },
      { head: "never", canRetry: false, resume: 22 },
    ]);
    expect(outcomes.filter(([h]) => h === "never").map(([, o]) => o)).toEqual([
      "retried",
      "retried",
      "failed",
    ]);
  }, 30_000);

  it("a job whose worker process is killed (SIGKILL) mid-scan runs again elsewhere", async () => {
    const prefix = randomUUID();
    const child = spawn(
      process.execPath,
      [new URL("./kill-worker.mjs", import.meta.url).pathname],
      {
        env: { ...process.env, REDIS_URL: server.url, QUEUE_PREFIX: prefix },
        stdio: ["ignore", "pipe", "inherit"],
      },
    );
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await until(() => output.includes("ready"));
    const recorder = queue(prefix, async () => {}, { work: false });
    await recorder.add(scan(1, "killed-head"));
    await until(() => output.includes("started killed-head"));
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGKILL");
    await exited;

    const reruns: { head: string; resume: number | null }[] = [];
    const worker = queue(prefix, async (spec, run) => {
      reruns.push({ head: head(spec), resume: run.resumeRunId });
    });
    await until(() => reruns.length === 1, 20_000);
    await worker.idle();
    // The check run the killed attempt created is the one the new attempt completes.
    expect(reruns).toEqual([{ head: "killed-head", resume: 4242 }]);
  }, 40_000);

  it("on SIGTERM a worker stops taking jobs and hands a scan still running back after the grace period", async () => {
    const prefix = randomUUID();
    const first: string[] = [];
    const leaving = queue(prefix, async (spec, run) => {
      first.push(head(spec));
      await until(() => run.signal.aborted, 10_000);
      if (stopReason(run.signal)?.kind === "shutdown") throw new Error("interrupted");
    });
    await leaving.add(scan(1, "draining"));
    await until(() => first.length === 1);
    await leaving.close(200);
    expect(await leaving.ready()).toBe(false);
    await expect(leaving.add(scan(2, "x"))).rejects.toThrow("shutting down");

    const taken: string[] = [];
    const staying = queue(prefix, async (spec) => {
      taken.push(head(spec));
    });
    await until(() => taken.length === 1, 10_000);
    await staying.idle();
    expect(taken).toEqual(["draining"]);
  }, 30_000);

  it("serves installations in turn", async () => {
    const prefix = randomUUID();
    const recorder = queue(prefix, async () => {}, { work: false });
    for (let n = 1; n <= 6; n++) await recorder.add(scan(n, "h", 1));
    await recorder.add(scan(100, "h", 2));
    const order: number[] = [];
    const worker = queue(
      prefix,
      async (spec) => {
        order.push(spec.installationId);
      },
      { concurrency: { scan: 1, interactive: 1 } },
    );
    await until(() => order.length === 7);
    await worker.idle();
    // Installation 2's one job is not behind installation 1's burst.
    expect(order.indexOf(2)).toBeLessThanOrEqual(1);
  }, 20_000);
});
