import type { JobSpec, Lane } from "./job-spec.js";

/** What became of a job handed to the queue. */
export type AddResult =
  /** Stored; it runs when its turn comes. */
  | "queued"
  /** A job for the same key and head is already waiting or running: nothing new to do. */
  | "coalesced"
  /** Stored, and an older head's job for the same key is dropped or told to stop. */
  | "superseding";

/** Why a running job is asked to stop (the reason of its AbortSignal). */
export type StopReason =
  | { readonly kind: "superseded"; readonly headSha: string }
  | { readonly kind: "shutdown" };

export function stopReason(signal: AbortSignal | undefined): StopReason | null {
  if (!signal?.aborted) return null;
  const reason = signal.reason as Partial<StopReason> | undefined;
  if (reason?.kind === "superseded" && typeof reason.headSha === "string") {
    return { kind: "superseded", headSha: reason.headSha };
  }
  return { kind: "shutdown" };
}

/** One attempt at a job, as the queue hands it to the worker. */
export interface JobRun {
  /** Aborts when a newer head supersedes the job or the process stops (see `stopReason`). */
  readonly signal: AbortSignal;
  /** A throw makes the queue run the job again (a durable queue with attempts left). */
  readonly canRetry: boolean;
  /** The check run an earlier attempt created. */
  readonly resumeRunId: number | null;
  /**
   * An earlier attempt of this job ran (a retry, or a run after its worker died), and may have
   * created its check run without hearing back or recording it (absent: the first attempt).
   */
  readonly rerun?: boolean;
  /** Remembers the check run of this attempt for the next one. */
  keepRun(runId: number): Promise<void>;
}

export type JobExecutor = (spec: JobSpec, run: JobRun) => Promise<void>;

export type JobOutcome = "completed" | "failed" | "superseded" | "retried";

/** Hooks for metrics and logs. */
export interface QueueObserver {
  added?(spec: JobSpec, result: AddResult): void;
  started?(spec: JobSpec): void;
  finished?(spec: JobSpec, outcome: JobOutcome, durationMs: number, error?: unknown): void;
}

export interface LaneCounts {
  readonly waiting: number;
  readonly active: number;
}

/**
 * The queue between the webhook handler and the workers. Guarantees, per key (`jobKey`): one job
 * runs at a time; a job for a newer head supersedes a waiting or running job for an older one; a
 * job for the head already waiting or running coalesces with it.
 */
export interface JobQueue {
  /** Records the job and returns once it is stored (the webhook can then be answered). */
  add(spec: JobSpec): Promise<AddResult>;
  /** Resolves once nothing is waiting or running in this process (tests). */
  idle(): Promise<void>;
  /** Waiting and running jobs per lane. */
  counts(): Promise<Record<Lane, LaneCounts>>;
  /** True while the queue takes and runs jobs (and its store answers). */
  ready(): Promise<boolean>;
  /**
   * Stops taking jobs, lets running ones finish for up to `graceMs`, then stops them (a durable
   * queue hands them back to be run again) and resolves.
   */
  close(graceMs: number): Promise<void>;
}
