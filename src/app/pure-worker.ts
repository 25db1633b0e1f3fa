/**
 * The worker thread's entry (loaded by the pool in `worker-pool.ts`): imports the module a task
 * names and calls its export with the task's input. Holds nothing between tasks but the modules
 * it imported; the modules the pool names in `workerData.preload` (the engine) are imported as
 * the thread starts, so that no scan waits for them.
 */
import { getPriority } from "node:os";
import { threadId, workerData } from "node:worker_threads";

export interface PureTask {
  /** URL of the compiled module. */
  readonly module: string;
  readonly name: string;
  readonly input: unknown;
}

/** What the pool hands each thread as `workerData`. */
export interface PureWorkerData {
  /** URLs of compiled modules to import before the first task. */
  readonly preload?: readonly string[];
}

async function runPureTask(task: PureTask): Promise<unknown> {
  const loaded = (await import(task.module)) as Record<string, unknown>;
  const fn = loaded[task.name];
  if (typeof fn !== "function") throw new Error(`${task.module} exports no function ${task.name}`);
  return await (fn as (input: unknown) => unknown)(task.input);
}

/** The modules this thread imported as it started. */
const preloaded: string[] = [];

/**
 * A task that only says which thread ran it, what that thread preloaded and its nice value (on
 * Linux a thread's own): the pool runs one per thread to know that every thread has started.
 */
export function started(): {
  readonly threadId: number;
  readonly preloaded: readonly string[];
  readonly priority: number;
} {
  return { threadId, preloaded: [...preloaded], priority: getPriority() };
}

/**
 * The handler, once the preloaded modules are imported. A module that fails to load is left to
 * the task that needs it, which then fails with the error.
 */
async function handler(): Promise<typeof runPureTask> {
  const { preload = [] } = (workerData ?? {}) as PureWorkerData;
  for (const module of preload) {
    await import(module).then(
      () => preloaded.push(module),
      () => {},
    );
  }
  return runPureTask;
}

export default handler();
