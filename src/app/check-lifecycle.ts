import { buildErrorCheckRun } from "../report/check-run.js";
import { type CheckResult, checkRunUpdates } from "./check-run-updates.js";
import { isReviewDue, RESCAN_ACTION, withoutReviewDue, withReviewDue } from "./check-run-ref.js";
import type {
  CheckAction,
  CheckRunCreate,
  CheckRunInfo,
  CheckRunUpdate,
  CreatedCheckRun,
  RepoRef,
} from "./github-port.js";
import { describeError, isTransient } from "./http-error.js";
import type { JobContext } from "./job-context.js";
import { ScanBudgetExceeded } from "./pure-function.js";
import { interruptedResult } from "./scan-results.js";

/** Offered on every completed run; GitHub sends `check_run.requested_action` when pressed. */
export const RESCAN_BUTTON: CheckAction = {
  label: "Re-scan",
  description: "Scan this commit again",
  identifier: RESCAN_ACTION,
};

/** Thrown by the work when the process is stopping (SIGTERM) before the scan finished. */
export class ScanInterrupted extends Error {
  constructor() {
    super("the App is shutting down");
    this.name = "ScanInterrupted";
  }
}

/** Filled in by the work as it goes, so a failure can say where it happened. */
export interface RunState {
  /** What the work was doing ("listing the changed files"). */
  step: string;
  /** Conclusion of a failed scan; the config's `onError` once it is read. */
  onError: "neutral" | "failure";
  /** The check run's page, once created (in progress, or completed at once). */
  htmlUrl: string | null;
  /**
   * Set by the work when a review is to be posted after completion: the run completes with
   * `withReviewDue` in its `external_id`, so that a crash before the review leaves a trace (the
   * job's retry or the catch-up then posts the missing review).
   */
  reviewDue?: boolean;
  /**
   * Set by the work to run once the check run is completed (posting the review); a result it
   * returns replaces the run's title, summary and text (annotations and conclusion stay).
   */
  afterCompletion?: () => Promise<CheckResult | null>;
}

/**
 * How long a scan runs before its check run is created in progress (2 s). The in-progress run
 * only shows that a scan is under way; creating it costs the completion a second of write
 * spacing, so only scans that take longer than most get it. On a busy two-core machine a
 * 20-file or 250-file scan takes 0.4-0.8 s, and 1.1-1.8 s when it is the first after the
 * process started (`npm run bench:app`): with a 1 s delay those first scans completed after 2.1 s.
 */
export const DEFAULT_IN_PROGRESS_DELAY_MS = 2000;

/** `PRIVILEGE_GUARD_IN_PROGRESS_DELAY_MS`: a number of milliseconds, 0 for at once. */
export function inProgressDelayFromEnv(env: Readonly<Record<string, string | undefined>>): number {
  const raw = env.PRIVILEGE_GUARD_IN_PROGRESS_DELAY_MS;
  if (raw === undefined || raw.trim() === "") return DEFAULT_IN_PROGRESS_DELAY_MS;
  const ms = Number(raw);
  if (!Number.isFinite(ms) || ms < 0) {
    throw new Error(
      `PRIVILEGE_GUARD_IN_PROGRESS_DELAY_MS must be a number of milliseconds (0 or more), not "${raw}"`,
    );
  }
  return ms;
}

/**
 * The check run's whole life. A scan that finishes within `ctx.inProgressDelayMs` creates its run
 * already completed, in one request; a longer one gets its run created `in_progress` when the
 * delay is up (at once with 0), completed when it finishes. GitHub spaces an installation's
 * writes a second apart, so a fast scan's check concludes a second sooner; until a run exists, a
 * required check is pending ("Expected"), never passing. Then comes whatever the work left for
 * after completion (`state.afterCompletion`).
 *
 * A run is never left in progress: when `work` throws, the run completes with an error result
 * (conclusion `onError`, the failed step and GitHub's answer, a Re-scan button); when the
 * in-progress run could not be created or updated, a completed run is created instead. A retry
 * of the job (`ctx.resumeRunId`) completes the run the earlier attempt created; when that run is
 * already completed, only what was due after completion (the review) is done again.
 */
export async function runChecked(
  ctx: JobContext,
  repo: RepoRef,
  start: Omit<CheckRunCreate, "startedAt">,
  work: (state: RunState) => Promise<CheckResult>,
): Promise<CheckResult | null> {
  const startedAt = new Date(ctx.requestedAt ?? ctx.now().getTime()).toISOString();
  const create: CheckRunCreate = { ...start, startedAt };
  const state: RunState = { step: "starting the scan", onError: "failure", htmlUrl: null };
  let inProgress: InProgressRun;
  const resumed =
    ctx.resumeRunId !== undefined
      ? await resumedRun(ctx, repo, ctx.resumeRunId)
      : ctx.rerun
        ? await earlierAttemptRun(ctx, repo, create)
        : null;
  if (resumed?.status === "completed") return finishCompletedRun(ctx, repo, resumed, state, work);
  if (resumed) {
    state.htmlUrl = resumed.htmlUrl;
    inProgress = { settle: async () => resumed.id };
  } else {
    inProgress = await startInProgress(ctx, repo, create, state);
  }
  let result: CheckResult;
  try {
    result = await work(state);
  } catch (error) {
    if (ctx.canRetry && (isTransient(error) || error instanceof ScanInterrupted)) {
      // The queue runs the job again; that attempt completes this run (or creates its own).
      const runId = await inProgress.settle();
      ctx.log.warn(
        { err: error, step: state.step, checkRun: runId },
        "scan stopped; it will run again",
      );
      throw error;
    }
    state.reviewDue = false;
    if (error instanceof ScanInterrupted) {
      result = interruptedResult();
    } else {
      ctx.log.error({ err: error, step: state.step }, "scan failed");
      // Past its budget the scan fails closed, whatever `onError` says: a change too big or too
      // hostile to evaluate must not pass a required check.
      const conclusion = error instanceof ScanBudgetExceeded ? "failure" : state.onError;
      result = buildErrorCheckRun(`While ${state.step}: ${describeError(error)}`, conclusion);
    }
  }
  const runId = await inProgress.settle();
  const externalId = state.reviewDue ? withReviewDue(create.externalId) : undefined;
  const completed = await publishResult(ctx, repo, create, runId, result, externalId);
  state.htmlUrl = completed.htmlUrl ?? state.htmlUrl;
  const due = externalId !== undefined ? create.externalId : undefined;
  return afterCompletion(ctx, repo, completed.id, state, result, due);
}

/** The in-progress run of a scan, if its delay came: `settle` stops one not yet due. */
interface InProgressRun {
  /** The run's id once its creation is settled; null when none was created. */
  settle(): Promise<number | null>;
}

async function startInProgress(
  ctx: JobContext,
  repo: RepoRef,
  create: CheckRunCreate,
  state: RunState,
): Promise<InProgressRun> {
  const delayMs = ctx.inProgressDelayMs ?? 0;
  if (delayMs <= 0) {
    const id = await createInProgress(ctx, repo, create, state);
    return { settle: async () => id };
  }
  let creating: Promise<number | null> | null = null;
  const timer = setTimeout(() => {
    creating = createInProgress(ctx, repo, create, state);
  }, delayMs);
  return {
    async settle() {
      clearTimeout(timer);
      return creating ?? null;
    },
  };
}

/** Creates the run in progress and records it (sweeper, retries); null when GitHub refused. */
async function createInProgress(
  ctx: JobContext,
  repo: RepoRef,
  create: CheckRunCreate,
  state: RunState,
): Promise<number | null> {
  let runId: number;
  try {
    const run = await ctx.port.createCheckRun(repo, create);
    runId = run.id;
    state.htmlUrl = run.htmlUrl;
  } catch (error) {
    ctx.log.warn({ err: error }, "could not create the in-progress check run");
    return null;
  }
  try {
    await ctx.runs?.started(repo, runId);
  } catch (error) {
    ctx.log.warn({ err: error, checkRun: runId }, "could not record the check run in progress");
  }
  return runId;
}

/**
 * The run an earlier attempt created, as GitHub has it; null when GitHub no longer knows it.
 * When it cannot be read, it is taken as still in progress (completing it again is harmless).
 */
async function resumedRun(
  ctx: JobContext,
  repo: RepoRef,
  runId: number,
): Promise<CheckRunInfo | null> {
  try {
    return await ctx.port.getCheckRun(repo, runId);
  } catch (error) {
    if (ctx.canRetry && isTransient(error)) throw error;
    ctx.log.warn({ err: error, checkRun: runId }, "could not read the check run to resume");
    return { id: runId, status: "in_progress", externalId: null, htmlUrl: null };
  }
}

/**
 * The run an earlier attempt of the job created completed without recording it (its answer lost,
 * or the worker gone before `keepRun`): on the head, this name, this `external_id` (with or
 * without the review-due mark) and this `started_at` (the job's, the same for every attempt).
 * Null when there is none; a failure to look is retried with the job when it can be.
 */
async function earlierAttemptRun(
  ctx: JobContext,
  repo: RepoRef,
  create: CheckRunCreate,
): Promise<CheckRunInfo | null> {
  try {
    const runs = await ctx.port.findCompletedCheckRuns(
      repo,
      create.headSha,
      create.name,
      create.startedAt,
    );
    const run = runs.find((r) => withoutReviewDue(r.externalId ?? "") === create.externalId);
    if (run) ctx.log.info({ checkRun: run.id }, "found the check run an earlier attempt created");
    return run ?? null;
  } catch (error) {
    if (ctx.canRetry && isTransient(error)) throw error;
    ctx.log.warn({ err: error }, "could not look for an earlier attempt's check run");
    return null;
  }
}

/**
 * The earlier attempt completed the run and stopped (a crash, a kill) before what was due after
 * completion. With a review due (`withReviewDue`), the scan runs again and only the review is
 * posted (the App's earlier comments and reviews are recognised by their markers, so nothing is
 * posted twice); the run keeps its result. Otherwise the job was done.
 */
async function finishCompletedRun(
  ctx: JobContext,
  repo: RepoRef,
  run: CheckRunInfo,
  state: RunState,
  work: (state: RunState) => Promise<CheckResult>,
): Promise<CheckResult | null> {
  await completedInPlace(ctx, run.id);
  if (!isReviewDue(run.externalId)) {
    ctx.log.info({ checkRun: run.id }, "the check run is already completed: nothing left to do");
    return null;
  }
  ctx.log.info({ checkRun: run.id }, "the check run is completed: posting the review it is due");
  state.htmlUrl = run.htmlUrl;
  let result: CheckResult;
  try {
    result = await work(state);
  } catch (error) {
    if (ctx.canRetry && (isTransient(error) || error instanceof ScanInterrupted)) throw error;
    ctx.log.error({ err: error, step: state.step, checkRun: run.id }, "could not post the review");
    return null;
  }
  return afterCompletion(ctx, repo, run.id, state, result, withoutReviewDue(run.externalId ?? ""));
}

/** Runs what the work left for after completion; a note it returns is added to the run. */
async function afterCompletion(
  ctx: JobContext,
  repo: RepoRef,
  runId: number,
  state: RunState,
  result: CheckResult,
  /** The run's `external_id` without the review-due mark, when the run carries it. */
  clearReviewDue: string | undefined,
): Promise<CheckResult> {
  const after = state.afterCompletion;
  if (!after) return result;
  const amended = await after();
  if (!amended) return result;
  try {
    await ctx.port.updateCheckRun(repo, runId, {
      output: outputOf(amended),
      // The job reached its end and says so: no review is due any more.
      ...(clearReviewDue !== undefined ? { externalId: clearReviewDue } : {}),
    });
  } catch (error) {
    ctx.log.warn({ err: error, checkRun: runId }, "could not add a note to the check run");
  }
  return amended;
}

/** A result's title, summary and text, without annotations (an update would append them again). */
function outputOf(result: CheckResult): CheckRunUpdate["output"] {
  return {
    title: result.title,
    summary: result.summary,
    ...(result.text !== undefined ? { text: result.text } : {}),
  };
}

/** Completed in place (not through a fallback copy): the tracker can forget the run. */
async function completedInPlace(ctx: JobContext, runId: number): Promise<void> {
  try {
    await ctx.runs?.completed(runId);
  } catch (error) {
    ctx.log.warn({ err: error, checkRun: runId }, "could not record the check run as completed");
  }
}

async function publishResult(
  ctx: JobContext,
  repo: RepoRef,
  create: CheckRunCreate,
  runId: number | null,
  result: CheckResult,
  externalId: string | undefined,
): Promise<CreatedCheckRun> {
  const [completion, ...rest] = checkRunUpdates(result, ctx.now().toISOString(), [RESCAN_BUTTON]);
  if (!completion) throw new Error("a check result makes at least one update");
  const first = externalId !== undefined ? { ...completion, externalId } : completion;
  let run: CreatedCheckRun | null = null;
  if (runId !== null) {
    try {
      await ctx.port.updateCheckRun(repo, runId, first);
      run = { id: runId, htmlUrl: null };
      await completedInPlace(ctx, runId);
    } catch (error) {
      ctx.log.warn({ err: error }, "could not complete the check run; creating a completed one");
    }
  }
  if (run === null) {
    run = await ctx.port.createCompletedCheckRun(repo, create, completing(first));
    try {
      await ctx.runs?.published(run.id);
    } catch (error) {
      ctx.log.warn({ err: error, checkRun: run.id }, "could not record the completed check run");
    }
  }
  for (const update of rest) {
    try {
      await ctx.port.updateCheckRun(repo, run.id, update);
    } catch (error) {
      // The conclusion and the summary (which lists every finding) are in; only further
      // annotations are missing.
      ctx.log.warn({ err: error }, "could not add annotations to the check run");
      return run;
    }
  }
  return run;
}

function completing(
  update: CheckRunUpdate,
): CheckRunUpdate & { readonly completion: NonNullable<CheckRunUpdate["completion"]> } {
  if (!update.completion) throw new Error("the first check-run update completes the run");
  return { ...update, completion: update.completion };
}
