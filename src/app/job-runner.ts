import pLimit from "p-limit";

/**
 * Runs jobs in the background with bounded concurrency, so that webhook handlers return to GitHub
 * at once (GitHub waits 10 s at most). Jobs never reject into the caller: a failure is logged. A
 * durable queue can later replace this object without changing the handlers.
 */
export interface JobRunner {
  /** Starts the job when a slot is free; returns immediately. */
  enqueue(name: string, job: () => Promise<void>): void;
  /** Resolves once every enqueued job, including jobs enqueued meanwhile, has finished. */
  idle(): Promise<void>;
}

export interface JobLog {
  error(details: object, message: string): void;
}

export function createJobRunner(options: { concurrency: number; log: JobLog }): JobRunner {
  const limit = pLimit(options.concurrency);
  const running = new Set<Promise<void>>();
  return {
    enqueue(name, job) {
      const done: Promise<void> = limit(job)
        .catch((error: unknown) => {
          options.log.error({ err: error, job: name }, `job ${name} failed`);
        })
        .finally(() => {
          running.delete(done);
        });
      running.add(done);
    },
    async idle() {
      while (running.size > 0) {
        await Promise.all([...running]);
      }
    },
  };
}
