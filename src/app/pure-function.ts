/**
 * A pure function that can run in a worker thread: a reference by module and export name (what a
 * worker imports), with the function itself (what runs in-process). Its input and output are plain
 * data (structured-clonable: objects, arrays, strings, numbers, Maps), never closures or classes.
 */
export interface PureFunction<I, O> {
  /** The module that exports it, as this file's compiled sibling (`new URL(…, import.meta.url)`). */
  readonly module: URL;
  /** Its export name. */
  readonly name: string;
  readonly fn: (input: I) => O;
}

/** Runs pure functions: in worker threads within a budget (`worker-pool.ts`), or in-process. */
export interface PureRunner {
  /** Past a budget's limits, throws `ScanBudgetExceeded`. */
  run<I, O>(pure: PureFunction<I, O>, input: I): Promise<O>;
  /** Whether it runs functions at once (a pool: its threads have started); absent: always. */
  ready?(): boolean;
  /** Stops the threads (a pool); resolves at once for an in-process runner. */
  close(): Promise<void>;
}

export function pureFunction<I, O>(
  module: URL,
  name: string,
  fn: (input: I) => O,
): PureFunction<I, O> {
  return { module, name, fn };
}

/** Runs each function on the calling thread, unbounded: for tests and tools, never for the App. */
export const inProcess: PureRunner = {
  async run(pure, input) {
    return pure.fn(input);
  },
  async close() {},
};

/**
 * An evaluation went past its budget of time or memory: the check fails closed (`failure`,
 * whatever `onError` says), naming the budget, and the process carries on.
 */
export class ScanBudgetExceeded extends Error {
  constructor(
    readonly limit: "time" | "memory",
    message: string,
  ) {
    super(message);
    this.name = "ScanBudgetExceeded";
  }
}
