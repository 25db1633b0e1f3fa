import { buildErrorCheckRun } from "../report/check-run.js";
import { RESCAN_ACTION } from "./check-run-ref.js";
import { type CheckResult, checkRunUpdates } from "./check-run-updates.js";
import type { CheckAction, CheckRunCreate, CheckRunUpdate, RepoRef } from "./github-port.js";
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
  /** The check run's page, once created. */
  htmlUrl: string | null;
  /**
   * Set by the work to run once the check run is completed (posting the review); a result it
   * returns replaces the run's title, summary and text (annotations and conclusion stay).
   */
  afterCompletion?: () => Promise<CheckResult | null>;
}

/**
 * The check run's whole life: created `in_progress` at once, then completed with what `work`
 * returns, then whatever the work left for after completion (`state.afterCompletion`). A run is
 * never left in progress: when `work` throws, the run completes with an error result (conclusion
 * `onError`, the failed step and GitHub's answer, a Re-scan button); when the in-progress run
 * could not be created or updated, a completed run is created instead.
 */
export async function runChecked(
  ctx: JobContext,
  repo: RepoRef,
  start: Omit<CheckRunCreate, "startedAt">,
  work: (state: RunState) => Promise<CheckResult>,
): Promise<CheckResult> {
  const create: CheckRunCreate = { ...start, startedAt: ctx.now().toISOString() };
  const state: RunState = { step: "starting the scan", onError: "failure", htmlUrl: null };
  let runId: number | null = ctx.resumeRunId ?? null;
  if (runId === null) {
    try {
      const run = await ctx.port.createCheckRun(repo, create);
      runId = run.id;
      state.htmlUrl = run.htmlUrl;
    } catch (error) {
      ctx.log.warn({ err: error }, "could not create the in-progress check run");
    }
  }
  if (runId !== null && runId !== ctx.resumeRunId) {
    try {
      await ctx.runs?.started(repo, runId);
    } catch (error) {
      ctx.log.warn({ err: error, checkRun: runId }, "could not record the check run in progress");
    }
  }
  let result: CheckResult;
  try {
    result = await work(state);
  } catch (error) {
    if (ctx.canRetry && (isTransient(error) || error instanceof ScanInterrupted)) {
      // The queue runs the job again; that attempt completes this run.
      ctx.log.warn(
        { err: error, step: state.step, checkRun: runId },
        "scan stopped; it will run again",
      );
      throw error;
    }
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
  const completedId = await publishResult(ctx, repo, create, runId, result);
  const after = state.afterCompletion;
  if (!after) return result;
  const amended = await after();
  if (!amended) return result;
  try {
    await ctx.port.updateCheckRun(repo, completedId, { output: outputOf(amended) });
  } catch (error) {
    ctx.log.warn({ err: error, checkRun: completedId }, "could not add a note to the check run");
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
): Promise<number> {
  const [first, ...rest] = checkRunUpdates(result, ctx.now().toISOString(), [RESCAN_BUTTON]);
  if (!first) throw new Error("a check result makes at least one update");
  let id = runId;
  if (id !== null) {
    try {
      await ctx.port.updateCheckRun(repo, id, first);
      await completedInPlace(ctx, id);
    } catch (error) {
      ctx.log.warn({ err: error }, "could not complete the check run; creating a completed one");
      id = null;
    }
  }
  if (id === null) {
    id = (await ctx.port.createCompletedCheckRun(repo, create, completing(first))).id;
  }
  for (const update of rest) {
    try {
      await ctx.port.updateCheckRun(repo, id, update);
    } catch (error) {
      // The conclusion and the summary (which lists every finding) are in; only further
      // annotations are missing.
      ctx.log.warn({ err: error }, "could not add annotations to the check run");
      return id;
    }
  }
  return id;
}

function completing(
  update: CheckRunUpdate,
): CheckRunUpdate & { readonly completion: NonNullable<CheckRunUpdate["completion"]> } {
  if (!update.completion) throw new Error("the first check-run update completes the run");
  return { ...update, completion: update.completion };
}
