/**
 * Worker threads for the App's pure evaluation (piscina), so that a large or hostile change never
 * blocks the event loop that answers webhooks and `/healthz`. Each evaluation has a budget: past
 * its time the task is aborted (its thread terminated), past its memory the thread dies
 * (V8's `maxOldGenerationSizeMb`); either way the caller gets `ScanBudgetExceeded` and the pool
 * starts a fresh thread for the next task.
 *
 * `warmThreads` of them stay warm: they start with the pool, import the engine as they start, and
 * never end for idleness, so scans after a quiet spell do not wait for threads to start and load
 * the engine. The others start when needed (importing the engine too) and end after 30 s idle.
 * Each warm thread costs memory (about 28 MB idle: docs/app.md, `bench/worker-memory.js`).
 */
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { type PureFunction, type PureRunner, ScanBudgetExceeded } from "./pure-function.js";
import type { PureTask, PureWorkerData } from "./pure-worker.js";

export interface ScanBudget {
  /** Wall-clock time one evaluation may take, in milliseconds (waiting for a thread included). */
  readonly timeoutMs: number;
  /** Heap one worker thread may use (V8 old generation), in MB. */
  readonly memoryMb: number;
  /** Worker threads at most; keep it at least the number of scans running at once. */
  readonly threads: number;
  /** Threads kept started and loaded while idle (at most `threads`). */
  readonly warmThreads: number;
}

export const DEFAULT_SCAN_BUDGET: ScanBudget = {
  timeoutMs: 60_000,
  memoryMb: 1024,
  threads: 4,
  warmThreads: 1,
};

/** The environment variables that set the budget (docs/app.md). */
export const SCAN_BUDGET_ENV = {
  timeoutMs: "PRIVILEGE_GUARD_SCAN_TIMEOUT_MS",
  memoryMb: "PRIVILEGE_GUARD_SCAN_MEMORY_MB",
  threads: "PRIVILEGE_GUARD_SCAN_THREADS",
  warmThreads: "PRIVILEGE_GUARD_WARM_THREADS",
} as const;

/** The budget from the environment; an unset variable keeps its default, a bad one is an error. */
export function scanBudgetFromEnv(env: Readonly<Record<string, string | undefined>>): ScanBudget {
  const read = (key: keyof ScanBudget, min: number): number => {
    const name = SCAN_BUDGET_ENV[key];
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") return DEFAULT_SCAN_BUDGET[key];
    const value = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
    if (!Number.isSafeInteger(value) || value < min) {
      throw new Error(
        `${name} must be a whole number of at least ${min}, not ${JSON.stringify(raw)}`,
      );
    }
    return value;
  };
  return {
    timeoutMs: read("timeoutMs", 1),
    memoryMb: read("memoryMb", 16),
    threads: read("threads", 1),
    warmThreads: read("warmThreads", 0),
  };
}

export interface WorkerPoolOptions {
  /** Modules every thread imports as it starts (those of the functions it will run). */
  readonly preload?: readonly URL[];
  /** Added to each thread's nice value as it starts (default `SCAN_THREAD_NICE`; 0: none). */
  readonly niceIncrement?: number;
}

/**
 * Scan threads run at a lower OS priority than the main thread (nice +10: on Linux the nice value
 * is a thread's own), so that when the CPUs are busy, answering webhooks and `/healthz` on the
 * main thread comes before scanning. Piscina sets it with `@napi-rs/nice` (its optional
 * dependency, prebuilt for each platform, no install script); where that module is missing the
 * threads run at the main thread's priority.
 */
export const SCAN_THREAD_NICE = 10;

/** A pool of worker threads (`budget.warmThreads` of them warm) that runs pure functions within `budget`. */
export function createWorkerPool(budget: ScanBudget, options: WorkerPoolOptions = {}): PureRunner {
  const entry = compiled(new URL("./pure-worker.js", import.meta.url));
  const warmThreads = Math.min(budget.warmThreads, budget.threads);
  const workerData: PureWorkerData = {
    preload: (options.preload ?? []).map((module) => compiled(module).href),
  };
  const pool = new Piscina<PureTask, unknown>({
    filename: entry.href,
    minThreads: warmThreads,
    maxThreads: budget.threads,
    idleTimeout: 30_000,
    workerData,
    resourceLimits: { maxOldGenerationSizeMb: budget.memoryMb },
    niceIncrement: options.niceIncrement ?? SCAN_THREAD_NICE,
  });
  // One task per warm thread (each takes one at a time): once all have run, every warm thread
  // has started and imported what it preloads.
  let warm = false;
  const starting = Array.from({ length: warmThreads }, () =>
    pool.run({ module: entry.href, name: "started", input: null }),
  );
  void Promise.allSettled(starting).then(() => {
    warm = true;
  });
  return {
    async run<I, O>(pure: PureFunction<I, O>, input: I): Promise<O> {
      const task: PureTask = { module: compiled(pure.module).href, name: pure.name, input };
      const timeout = AbortSignal.timeout(budget.timeoutMs);
      try {
        return (await pool.run(task, { signal: timeout })) as O;
      } catch (error) {
        throw overBudget(error, budget, timeout.aborted) ?? error;
      }
    },
    ready: () => warm,
    close: () => pool.destroy(),
  };
}

function overBudget(
  error: unknown,
  budget: ScanBudget,
  timedOut: boolean,
): ScanBudgetExceeded | null {
  const { code } = (error ?? {}) as { code?: unknown };
  if (timedOut) {
    return new ScanBudgetExceeded(
      "time",
      `the evaluation took longer than its time budget of ${seconds(budget.timeoutMs)} (${SCAN_BUDGET_ENV.timeoutMs})`,
    );
  }
  if (code === "ERR_WORKER_OUT_OF_MEMORY") {
    return new ScanBudgetExceeded(
      "memory",
      `the evaluation needed more than its memory budget of ${budget.memoryMb} MB (${SCAN_BUDGET_ENV.memoryMb})`,
    );
  }
  return null;
}

function seconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

/**
 * The compiled module a URL names. Running from the TypeScript sources (the tests), a sibling
 * `.js` does not exist: the build's copy under `lib/` is used (`npm run build` makes it).
 */
function compiled(url: URL): URL {
  if (existsSync(fileURLToPath(url))) return url;
  const built = new URL(url.href.replace(/\/src\/(?!.*\/src\/)/, "/lib/"));
  if (existsSync(fileURLToPath(built))) return built;
  throw new Error(`${fileURLToPath(url)} is not built: run \`npm run build\``);
}
