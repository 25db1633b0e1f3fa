/**
 * The worker thread's entry (loaded by the pool in `worker-pool.ts`): imports the module a task
 * names and calls its export with the task's input. Holds nothing between tasks.
 */
export interface PureTask {
  /** URL of the compiled module. */
  readonly module: string;
  readonly name: string;
  readonly input: unknown;
}

export default async function runPureTask(task: PureTask): Promise<unknown> {
  const loaded = (await import(task.module)) as Record<string, unknown>;
  const fn = loaded[task.name];
  if (typeof fn !== "function") throw new Error(`${task.module} exports no function ${task.name}`);
  return await (fn as (input: unknown) => unknown)(task.input);
}
