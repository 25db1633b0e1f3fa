/** A check run created `in_progress` and not yet completed in place. */
export interface TrackedRun {
  readonly installationId: number;
  readonly owner: string;
  readonly repo: string;
  readonly runId: number;
  /** Epoch milliseconds. */
  readonly startedAt: number;
}

/**
 * The check runs this App has in progress, so that a sweeper can complete the ones a crash, a
 * kill or a failing GitHub left behind. In process without Redis, in Redis with it (so a run
 * started by a process that died is still known).
 */
export interface RunRegistry {
  add(run: TrackedRun): Promise<void>;
  remove(runId: number): Promise<void>;
  /** Runs started before `before` (epoch ms). */
  startedBefore(before: number): Promise<TrackedRun[]>;
}

export function createMemoryRunRegistry(): RunRegistry {
  const runs = new Map<number, TrackedRun>();
  return {
    async add(run) {
      runs.set(run.runId, run);
    },
    async remove(runId) {
      runs.delete(runId);
    },
    async startedBefore(before) {
      return [...runs.values()].filter((run) => run.startedAt < before);
    },
  };
}

/** The registry in a Redis hash, shared by every App process. */
export function createRedisRunRegistry(
  redis: {
    hset(key: string, field: string, value: string): Promise<unknown>;
    hdel(key: string, field: string): Promise<unknown>;
    hvals(key: string): Promise<string[]>;
  },
  prefix = "privilege-guard",
): RunRegistry {
  const key = `${prefix}:runs-in-progress`;
  return {
    async add(run) {
      await redis.hset(key, String(run.runId), JSON.stringify(run));
    },
    async remove(runId) {
      await redis.hdel(key, String(runId));
    },
    async startedBefore(before) {
      const runs: TrackedRun[] = [];
      for (const value of await redis.hvals(key)) {
        try {
          const run = JSON.parse(value) as TrackedRun;
          if (typeof run.runId === "number" && run.startedAt < before) runs.push(run);
        } catch {
          // An entry this version cannot read is left for the version that wrote it.
        }
      }
      return runs;
    },
  };
}
