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

export interface MemoryQueueOptions {
  /** Jobs running at once, per lane. */
  readonly concurrency: Readonly<Record<Lane, number>>;
  readonly execute: JobExecutor;
  readonly observer?: QueueObserver;
}

interface Entry {
  running?: { readonly spec: JobSpec; readonly controller: AbortController };
  pending?: JobSpec;
}

/**
 * Keys ready to run, served round-robin across installations, so that one installation's burst
 * does not starve the others.
 */
class FairLane {
  active = 0;
  private readonly ready = new Map<number, string[]>();
  private readonly rotation: number[] = [];

  constructor(readonly concurrency: number) {}

  push(installationId: number, key: string): void {
    const keys = this.ready.get(installationId);
    if (keys) {
      keys.push(key);
      return;
    }
    this.ready.set(installationId, [key]);
    this.rotation.push(installationId);
  }

  next(): string | undefined {
    const installationId = this.rotation.shift();
    if (installationId === undefined) return undefined;
    const keys = this.ready.get(installationId) ?? [];
    const key = keys.shift();
    if (keys.length > 0) this.rotation.push(installationId);
    else this.ready.delete(installationId);
    return key;
  }

  get waiting(): number {
    let n = 0;
    for (const keys of this.ready.values()) n += keys.length;
    return n;
  }
}

const keepRun = async () => {};

/**
 * The embedded queue (no `REDIS_URL`): jobs live in this process, with bounded concurrency per
 * lane and the per-key guarantees of `JobQueue`. A restart loses what was waiting; the catch-up
 * on start finds those pull requests again.
 */
export function createMemoryQueue(options: MemoryQueueOptions): JobQueue {
  const lanes: Record<Lane, FairLane> = {
    scan: new FairLane(options.concurrency.scan),
    interactive: new FairLane(options.concurrency.interactive),
  };
  const entries = new Map<string, Entry>();
  const running = new Set<Promise<void>>();
  let closed = false;

  function start(lane: FairLane): void {
    while (!closed && lane.active < lane.concurrency) {
      const key = lane.next();
      if (key === undefined) return;
      const entry = entries.get(key);
      const spec = entry?.pending;
      if (!entry || !spec) continue;
      entry.pending = undefined;
      const controller = new AbortController();
      entry.running = { spec, controller };
      lane.active++;
      const done = run(spec, controller.signal).finally(() => {
        lane.active--;
        running.delete(done);
        entry.running = undefined;
        if (entry.pending) lane.push(entry.pending.installationId, key);
        else entries.delete(key);
        start(lane);
      });
      running.add(done);
    }
  }

  async function run(spec: JobSpec, signal: AbortSignal): Promise<void> {
    const began = Date.now();
    options.observer?.started?.(spec);
    try {
      await options.execute(spec, { signal, canRetry: false, resumeRunId: null, keepRun });
      const outcome =
        signal.aborted && signal.reason?.kind === "superseded" ? "superseded" : "completed";
      options.observer?.finished?.(spec, outcome, Date.now() - began);
    } catch (error) {
      options.observer?.finished?.(spec, "failed", Date.now() - began, error);
    }
  }

  function add(spec: JobSpec): AddResult {
    if (closed) throw new Error("the job queue is shutting down");
    const key = jobKey(spec);
    const lane = lanes[laneOf(spec)];
    const head = headOf(spec);
    let entry = entries.get(key);
    if (!entry) {
      entry = {};
      entries.set(key, entry);
    }
    if (entry.pending) {
      if (headOf(entry.pending) === head) return "coalesced";
      const older = entry.pending;
      entry.pending = spec;
      options.observer?.finished?.(older, "superseded", 0);
      return "superseding";
    }
    if (entry.running) {
      const runningHead = headOf(entry.running.spec);
      if (runningHead === head && coalescesWithRunning(spec)) return "coalesced";
      entry.pending = spec;
      if (runningHead === head || head === null) return "queued";
      const reason: StopReason = { kind: "superseded", headSha: head };
      entry.running.controller.abort(reason);
      return "superseding";
    }
    entry.pending = spec;
    lane.push(spec.installationId, key);
    start(lane);
    return "queued";
  }

  return {
    async add(spec) {
      const result = add(spec);
      options.observer?.added?.(spec, result);
      return result;
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running]);
    },
    async counts() {
      const count = (lane: FairLane): LaneCounts => ({
        waiting: lane.waiting,
        active: lane.active,
      });
      return { scan: count(lanes.scan), interactive: count(lanes.interactive) };
    },
    async ready() {
      return !closed;
    },
    async close(graceMs) {
      closed = true;
      const drained = Promise.all([...running]).then(() => true);
      const timedOut = new Promise<false>((resolve) => setTimeout(resolve, graceMs, false).unref());
      if (await Promise.race([drained, timedOut])) return;
      const reason: StopReason = { kind: "shutdown" };
      for (const entry of entries.values()) entry.running?.controller.abort(reason);
      // Stopped jobs complete their check runs ("Scan interrupted") before returning.
      const settle = new Promise<void>((resolve) => setTimeout(resolve, 5000).unref());
      await Promise.race([Promise.all([...running]), settle]);
    },
  };
}
