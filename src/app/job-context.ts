import type { GitHubPort, RepoRef } from "./github-port.js";
import type { PureRunner } from "./pure-function.js";
import type { PullRequestScan } from "./scan-job.js";

/** Pino-style logging, as Probot's `context.log` offers it. */
export interface JobLogger {
  info(details: object, message: string): void;
  warn(details: object, message: string): void;
  error(details: object, message: string): void;
}

/** Everything a job needs from outside: the GitHub port, a logger, a clock, the App's login. */
export interface JobContext {
  readonly port: GitHubPort;
  readonly log: JobLogger;
  readonly now: () => Date;
  /** `<app-slug>[bot]`: the author of the App's own reviews and comments. */
  readonly appLogin: () => Promise<string>;
  /** Runs the pure evaluation (worker threads within the scan budget, in the App). */
  readonly pure: PureRunner;
  /**
   * Aborted when the job must stop early: a newer head superseded it, or the process is shutting
   * down (the reason says which, see `stopReason`). Absent when nothing can stop the job.
   */
  readonly signal?: AbortSignal;
  /** Queues a scan of a pull request head behind the pull request's other scans. */
  readonly requestScan?: (scan: PullRequestScan) => Promise<void>;
  /** Told of every check run created in progress and of its completion (see the sweeper). */
  readonly runs?: RunTracker;
  /**
   * The queue runs the job again if it throws (a durable queue with attempts left): a transient
   * failure or an interruption then leaves the check run in progress for the next attempt,
   * instead of completing it as failed.
   */
  readonly canRetry?: boolean;
  /**
   * The check run an earlier attempt of this job created, to complete instead of a new one (or,
   * already completed with a review due, whose review to post).
   */
  readonly resumeRunId?: number;
  /**
   * An earlier attempt of this job ran and may have created its check run completed without
   * hearing back: that run is looked for before creating one (see `runChecked`).
   */
  readonly rerun?: boolean;
  /**
   * When the job was asked for (the webhook's arrival, epoch ms): its check run's `started_at`,
   * the same for every attempt, so that a run an earlier attempt created can be recognised.
   * Absent: the time the run's scan starts.
   */
  readonly requestedAt?: number;
  /**
   * How long a scan runs before its check run is created in progress; a scan done sooner creates
   * its run completed, in one request (0: in progress at once). See `runChecked`.
   */
  readonly inProgressDelayMs?: number;
  /** Told of the new findings a scan reports (metrics). */
  readonly countFindings?: (findings: readonly { readonly ruleId: string }[]) => void;
}

export interface RunTracker {
  /** A run created in progress: the sweeper watches it, a retry of the job completes it. */
  started(repo: RepoRef, runId: number): Promise<void>;
  /** A run completed in place: the sweeper forgets it. */
  completed(runId: number): Promise<void>;
  /** A run created completed: a retry of the job finds it (and the review it may be due). */
  published(runId: number): Promise<void>;
}
