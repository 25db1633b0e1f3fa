import { createHash, randomUUID } from "node:crypto";
import { DelayedError, type Job, Queue, Worker } from "bullmq";
import type { Redis } from "ioredis";
import type {
  AddResult,
  JobExecutor,
  JobQueue,
  LaneCounts,
  QueueObserver,
  StopReason,
} from "./job-queue.js";
import {
  coalescesWithRunning,
  headOf,
  type JobSpec,
  jobKey,
  type Lane,
  laneOf,
} from "./job-spec.js";

export interface RedisQueueOptions {
  /** A connected ioredis client (`maxRetriesPerRequest: null`, as BullMQ's workers need). */
  readonly redis: Redis;
  /** Prefix of every key (default `privilege-guard`). */
  readonly prefix?: string;
  /** Jobs this process runs at once, per lane. */
  readonly concurrency: Readonly<Record<Lane, number>>;
  readonly execute: JobExecutor;
  readonly observer?: QueueObserver;
  /** Attempts per job (default 3), spaced by exponential backoff from `backoffMs` (5 s). */
  readonly attempts?: number;
  readonly backoffMs?: number;
  /**
   * A job whose worker stopped renewing its lock (a killed process) is run again after about
   * this long (BullMQ's lock duration; default 30 s). The per-pull-request lock uses it too.
   */
  readonly lockMs?: number;
  /** How often a running scan looks for a newer head, and a waiting one for its turn (1 s). */
  readonly pollMs?: number;
  /** Whether this process runs jobs (default true); false: it only records them. */
  readonly work?: boolean;
}

interface StoredJob {
  readonly spec: JobSpec;
  /** The check run an earlier attempt created. */
  readonly runId?: number;
}

/** Compare-and-delete / compare-and-extend of a lock held by `ARGV[1]`. */
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;
const EXTEND = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;

/** Whether `promise` settles within `ms` (its outcome aside). */
function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  const timedOut = new Promise<false>((resolve) => setTimeout(resolve, ms, false).unref());
  const settled = promise.then(
    () => true,
    () => true,
  );
  return Promise.race([settled, timedOut]);
}

/** A short, fixed-length id (BullMQ's deduplication id) from a job's identity. */
function digest(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 40);
}

/**
 * The durable queue (`REDIS_URL`): BullMQ on Redis, shared by every App process. Jobs survive a
 * crash or restart (a job whose worker died is run again once its lock expires); several
 * processes share the work. Per pull request, on top of BullMQ:
 * - coalescing: a push's deduplication id (BullMQ's) is its pull request and head, so duplicate
 *   deliveries, on any replica, add one job while it waits or runs;
 * - latest head wins: each add records the pull request's latest head; a waiting job of an older
 *   head ends without running, a running one is told to stop (it polls);
 * - one at a time: a scan holds a per-pull-request lock in Redis; a job that finds it taken waits
 *   (delayed) and tries again;
 * - fairness: a job's priority is its installation's number of jobs handed to the queue in the
 *   last minute (duplicates included), so a burst from one installation does not starve the
 *   others.
 */
export function createRedisQueue(options: RedisQueueOptions): JobQueue {
  const redis = options.redis;
  const prefix = options.prefix ?? "privilege-guard";
  const attempts = options.attempts ?? 3;
  const lockMs = options.lockMs ?? 30_000;
  const pollMs = options.pollMs ?? 1000;
  const queues: Record<Lane, Queue<StoredJob>> = {
    scan: new Queue<StoredJob>("scan", { connection: redis, prefix }),
    interactive: new Queue<StoredJob>("interactive", { connection: redis, prefix }),
  };
  const latestKey = (key: string) => `${prefix}:latest:${key}`;
  const lockKey = (key: string) => `${prefix}:lock:${key}`;
  const running = new Map<string, AbortController>();
  let closed = false;

  /**
   * Two round trips to Redis before the webhook is answered. The first, one transaction, records
   * the pull request's latest head (returning the one before) and counts the installation's jobs
   * in the last minute (its priority: fairness). The second is BullMQ's add, which itself
   * coalesces: a job whose deduplication id (the pull request and head, or the delivery) belongs
   * to a job not yet completed or failed is not added, and BullMQ returns that job instead, so a
   * returned id other than this job's own means "coalesced", across processes.
   */
  async function add(spec: JobSpec): Promise<AddResult> {
    if (closed) throw new Error("the job queue is shutting down");
    const lane = laneOf(spec);
    const key = jobKey(spec);
    const head = headOf(spec);
    const recordsHead = lane === "scan" && head !== null;
    const fairKey = `${prefix}:fair:${spec.installationId}`;
    const batch = redis.multi();
    if (recordsHead) batch.set(latestKey(key), head, "PX", 7 * 24 * 3600_000, "GET");
    batch.incr(fairKey).pexpire(fairKey, 60_000);
    const replies = (await batch.exec()) ?? [];
    for (const [error] of replies) if (error) throw error;
    const previous = recordsHead ? (replies[0]?.[1] as string | null) : null;
    const count = Number(replies[recordsHead ? 1 : 0]?.[1]);
    const identity =
      lane === "scan" && coalescesWithRunning(spec)
        ? `${key}@${head}`
        : `${key}@${head}@${spec.deliveryId}`;
    const jobId = randomUUID();
    const job = await queues[lane].add(
      spec.kind,
      { spec },
      {
        jobId,
        deduplication: { id: digest(identity) },
        priority: Math.min(Math.max(1, Number.isFinite(count) ? count : 1), 2_000_000),
        attempts,
        backoff: { type: "exponential", delay: options.backoffMs ?? 5000 },
        removeOnComplete: true,
        removeOnFail: true,
      },
    );
    if (job.id !== jobId) return "coalesced";
    return previous !== null && previous !== head ? "superseding" : "queued";
  }

  async function process(
    lane: Lane,
    job: Job<StoredJob>,
    token: string | undefined,
  ): Promise<void> {
    const { spec } = job.data;
    const key = jobKey(spec);
    const head = headOf(spec);
    const began = Date.now();
    if (lane === "scan" && head !== null) {
      const latest = await redis.get(latestKey(key));
      if (latest !== null && latest !== head) {
        options.observer?.finished?.(spec, "superseded", 0);
        return;
      }
      const owner = `${job.id}:${token ?? ""}`;
      const taken = await redis.set(lockKey(key), owner, "PX", lockMs, "NX");
      if (taken === null) {
        await job.moveToDelayed(Date.now() + pollMs, token);
        throw new DelayedError();
      }
      try {
        await runHeld(lane, job, spec, began, async (controller) => {
          await redis.eval(EXTEND, 1, lockKey(key), owner, String(lockMs));
          const now = await redis.get(latestKey(key));
          if (now !== null && now !== head && !controller.signal.aborted) {
            const reason: StopReason = { kind: "superseded", headSha: now };
            controller.abort(reason);
          }
        });
      } finally {
        await redis.eval(RELEASE, 1, lockKey(key), owner);
      }
      return;
    }
    await runHeld(lane, job, spec, began, async () => {});
  }

  async function runHeld(
    _lane: Lane,
    job: Job<StoredJob>,
    spec: JobSpec,
    began: number,
    poll: (controller: AbortController) => Promise<void>,
  ): Promise<void> {
    const controller = new AbortController();
    const id = job.id ?? digest(JSON.stringify(spec));
    running.set(id, controller);
    const timer = setInterval(() => {
      poll(controller).catch(() => {});
    }, pollMs);
    options.observer?.started?.(spec);
    try {
      await options.execute(spec, {
        signal: controller.signal,
        canRetry: job.attemptsMade + 1 < attempts,
        resumeRunId: job.data.runId ?? null,
        rerun: job.attemptsMade > 0 || job.stalledCounter > 0,
        keepRun: (runId) => job.updateData({ ...job.data, runId }),
      });
      const reason = controller.signal.reason as StopReason | undefined;
      const outcome =
        controller.signal.aborted && reason?.kind === "superseded" ? "superseded" : "completed";
      options.observer?.finished?.(spec, outcome, Date.now() - began);
    } catch (error) {
      const last = job.attemptsMade + 1 >= attempts;
      options.observer?.finished?.(spec, last ? "failed" : "retried", Date.now() - began, error);
      throw error;
    } finally {
      clearInterval(timer);
      running.delete(id);
    }
  }

  const workers: Worker<StoredJob>[] =
    options.work === false
      ? []
      : (["scan", "interactive"] as const).map(
          (lane) =>
            new Worker<StoredJob>(lane, (job, token) => process(lane, job, token), {
              connection: redis,
              prefix,
              concurrency: options.concurrency[lane],
              lockDuration: lockMs,
              stalledInterval: Math.max(1000, Math.floor(lockMs / 2)),
              maxStalledCount: 3,
            }),
        );
  // Connection errors are retried by ioredis; readiness reports them.
  for (const worker of workers) worker.on("error", () => {});
  for (const queue of Object.values(queues)) queue.on("error", () => {});

  return {
    add,
    async idle() {
      for (;;) {
        const counts = await Promise.all(
          Object.values(queues).map((q) =>
            q.getJobCounts("waiting", "prioritized", "delayed", "active"),
          ),
        );
        if (counts.every((c) => Object.values(c).every((n) => n === 0))) return;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    async counts() {
      const count = async (lane: Lane): Promise<LaneCounts> => {
        const c = await queues[lane].getJobCounts("waiting", "prioritized", "delayed", "active");
        return {
          waiting: (c.waiting ?? 0) + (c.prioritized ?? 0) + (c.delayed ?? 0),
          active: c.active ?? 0,
        };
      };
      return { scan: await count("scan"), interactive: await count("interactive") };
    },
    async ready() {
      // While disconnected, commands wait for the reconnect (`maxRetriesPerRequest: null`):
      // readiness does not wait with them.
      if (closed || redis.status !== "ready") return false;
      const timeout = new Promise<false>((resolve) => setTimeout(resolve, 2000, false).unref());
      const answered = redis.ping().then(
        () => true,
        () => false,
      );
      if (!(await Promise.race([answered, timeout]))) return false;
      return workers.every((w) => w.isRunning());
    },
    async close(graceMs) {
      closed = true;
      const closing = Promise.all(workers.map((w) => w.close()));
      if (!(await within(closing, graceMs))) {
        // Hand the running jobs back: they stop, throw, and run again on another process.
        const reason: StopReason = { kind: "shutdown" };
        for (const controller of running.values()) controller.abort(reason);
        await within(closing, 5000);
      }
      // With Redis unreachable, closing waits for a reconnect: shutdown does not.
      await within(Promise.all(Object.values(queues).map((q) => q.close())), 5000);
    },
  };
}
