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
