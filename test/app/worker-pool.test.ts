/**
 * The warm scan threads: the pool starts them at once, each imports the engine as it starts, and
 * the pool is ready (`/readyz`) only once they all have. The workers run the build's
 * modules (`npm run build`, as `npm test` does first).
 */
import { getPriority } from "node:os";
import { afterEach, describe, expect, it } from "@jest/globals";
import { type PureRunner, pureFunction } from "../../src/app/pure-function.js";
import { EVALUATE_CHANGE } from "../../src/app/read-change.js";
import { createWorkerPool, SCAN_THREAD_NICE } from "../../src/app/worker-pool.js";

const STARTED = pureFunction(
  new URL("../../src/app/pure-worker.js", import.meta.url),
  "started",
  (): { threadId: number; preloaded: string[]; priority: number } => ({
    threadId: 0,
    preloaded: [],
    priority: 0,
  }),
);

let pool: PureRunner | undefined;
afterEach(async () => {
  await pool?.close();
  pool = undefined;
});

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("the worker pool", () => {
  it("starts the warm threads with the engine imported before it reports ready", async () => {
    const started = createWorkerPool(
      { timeoutMs: 30_000, memoryMb: 256, threads: 3, warmThreads: 2 },
      { preload: [EVALUATE_CHANGE.module] },
    );
    pool = started;
    expect(started.ready?.()).toBe(false);
    await until(() => started.ready?.() === true);
    const threads = await Promise.all([started.run(STARTED, null), started.run(STARTED, null)]);
    expect(new Set(threads.map((t) => t.threadId)).size).toBe(2);
    for (const thread of threads) {
      expect(thread.preloaded).toEqual([
        expect.stringMatching(/\/lib\/evaluation\/evaluate-change\.js$/),
      ]);
    }
  }, 30_000);

  it("runs the scan threads niced below the main thread, which keeps its priority", async () => {
    const main = getPriority();
    const started = createWorkerPool({
      timeoutMs: 30_000,
      memoryMb: 256,
      threads: 2,
      warmThreads: 2,
    });
    pool = started;
    await until(() => started.ready?.() === true);
    const threads = await Promise.all([started.run(STARTED, null), started.run(STARTED, null)]);
    // Linux's nice values are a thread's own and top out at 19.
    expect(threads.map((t) => t.priority)).toEqual(
      threads.map(() => Math.min(19, main + SCAN_THREAD_NICE)),
    );
    expect(getPriority()).toBe(main);
  }, 30_000);
});
