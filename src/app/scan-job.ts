import {
  buildCheckRun,
  buildConfigErrorCheckRun,
  buildErrorCheckRun,
} from "../report/check-run.js";
import { runChecked, ScanInterrupted } from "./check-lifecycle.js";
import { CHECK_NAME, externalIdFor } from "./check-run-ref.js";
import type { CheckResult } from "./check-run-updates.js";
import { withApprovedExceptions } from "../evaluation/evaluate-change.js";
import { readApprovals } from "./exception-approvals.js";
import type { PullRequestRef } from "./github-port.js";
import { describeError } from "./http-error.js";
import type { JobContext } from "./job-context.js";
import { loadConfig } from "./load-config.js";
import { type PreparedReview, postReview, prepareReview } from "./publish-review.js";
import { readAndEvaluate } from "./read-change.js";
import { stopReason } from "./queue/job-queue.js";
import {
  MAX_PULL_REQUEST_FILES,
  supersededResult,
  tooManyFilesMessage,
  overLimitNote,
  withNote,
} from "./scan-results.js";

export type ScanTrigger =
  | "pull_request"
  | "check_run"
  | "check_suite"
  | "requested_action"
  | "slash_command"
  /** Found without a completed check run by a catch-up (missed while the App was down). */
  | "catch_up";

/** One scan of one pull request head: a function of these inputs only. */
export interface PullRequestScan extends PullRequestRef {
  readonly headSha: string;
  readonly trigger: ScanTrigger;
  /**
   * A completed check run of this head that is due its review (a catch-up found it): the scan
   * posts the review and keeps the run (see `runChecked`).
   */
  readonly resumeRunId?: number;
}

/**
 * Scans a pull request head and publishes the result: the check run `privilege-guard` (created
 * in progress at once, always completed) and one COMMENT review with what is new.
 *
 * Config comes from the default branch. The diff is merge base → head, as GitHub's own files
 * view; both sides are read from the base repository at commit SHAs, so fork pull requests work.
 * Before publishing, the pull request's head is read again: when it moved, nothing is posted for
 * the old head and its run completes as superseded.
 */
export async function runPullRequestScan(
  ctx: JobContext,
  scan: PullRequestScan,
): Promise<CheckResult | null> {
  const repo = { owner: scan.owner, repo: scan.repo };
  const start = {
    name: CHECK_NAME,
    headSha: scan.headSha,
    externalId: externalIdFor({ kind: "pull-request", pullNumber: scan.pullNumber }),
  };
  ctx.log.info({ scan }, "scanning pull request");
  return runChecked(ctx, repo, start, async (state) => {
    state.step = "reading the configuration";
    const { config, errors } = await loadConfig(ctx.port, repo);
    if (errors.length > 0) return buildConfigErrorCheckRun(errors);
    state.onError = config.onError;

    state.step = "reading the pull request";
    const pr = await ctx.port.getPullRequest(scan);
    if (pr.headSha !== scan.headSha) {
      // A late or repeated delivery for an older head: make sure the current head is scanned.
      await ctx.requestScan?.({ ...scan, headSha: pr.headSha });
      return supersededResult(scan.headSha, pr.headSha);
    }
    if (pr.changedFiles > MAX_PULL_REQUEST_FILES) {
      const message = tooManyFilesMessage(
        pr.changedFiles,
        MAX_PULL_REQUEST_FILES,
        "This pull request",
      );
      return buildErrorCheckRun(message, config.onError);
    }

    state.step = "listing the changed files";
    const files = await ctx.port.listPullRequestFiles(scan);
    state.step = "finding the merge base";
    const { mergeBaseSha } = await ctx.port.compareCommits(repo, pr.baseSha, scan.headSha);
    state.step = "reading the changed files";
    const shas = { base: mergeBaseSha, head: scan.headSha };
    const { evaluation, patches } = await readAndEvaluate(
      ctx.port,
      repo,
      files,
      config,
      shas,
      ctx.pure,
      { approvalGate: config.exceptionApproval },
    );
    const stopped = stoppedResult(ctx, scan.headSha);
    if (stopped) return stopped;

    state.step = "checking that the head did not move";
    const latest = await ctx.port.getPullRequest(scan);
    if (latest.headSha !== scan.headSha) return supersededResult(scan.headSha, latest.headSha);
    ctx.countFindings?.(evaluation.reported);

    const stoppedLate = stoppedResult(ctx, scan.headSha);
    if (stoppedLate) return stoppedLate;

    state.step = "reading the approvals of requested exceptions";
    const accepted = await readApprovals(ctx, scan, evaluation.accepted);
    const built = buildCheckRun(withApprovedExceptions(evaluation, accepted));
    // GitHub: with `action_required`, the details are on the page `details_url` names.
    const result =
      built.conclusion === "action_required" && latest.htmlUrl
        ? { ...built, detailsUrl: latest.htmlUrl }
        : built;

    state.step = "reading the App's earlier comments";
    const review = {
      headSha: scan.headSha,
      reported: evaluation.reported,
      patches,
      headTexts: evaluation.headTexts,
      level: config.level,
      checkRunUrl: state.htmlUrl,
      maxComments: config.review.maxComments,
    };
    let prepared: PreparedReview;
    try {
      prepared = await prepareReview(ctx, scan, review);
    } catch (error) {
      ctx.log.error({ err: error }, "could not prepare the review");
      return withNote(result, reviewNotPosted(error));
    }
    const completed = withNote(
      result,
      overLimitNote(prepared.draft?.overLimit ?? [], config.review.maxComments),
    );
    // The run completes before the review is posted (GitHub spaces an installation's writes a
    // second apart, so the required check concludes a second sooner); what posting it brings up
    // is added to the run afterwards. Until then the run is marked as due its review.
    state.reviewDue = prepared.draft !== null;
    state.afterCompletion = async () => {
      try {
        const outcome = await postReview(ctx, scan, scan.headSha, prepared, state.htmlUrl);
        const refused =
          outcome.review === "posted-without-inline-comments"
            ? "GitHub refused the inline comments, so the review lists every new finding in its body."
            : null;
        const notes = [refused, ...outcome.warnings].filter(Boolean).join("\n\n");
        if (!notes) return null;
        return withNote(refused ? result : completed, notes);
      } catch (error) {
        ctx.log.error({ err: error }, "could not publish the review");
        return withNote(result, reviewNotPosted(error));
      }
    };
    return completed;
  });
}

/** The check run still carries every finding; only the review is missing. */
function reviewNotPosted(error: unknown): string {
  return `The review could not be posted (${describeError(error)}); this check run lists every finding. Comment \`/privilege-guard rescan\` to try again.`;
}

/** A scan told to stop before it publishes: superseded by a newer head, or interrupted. */
function stoppedResult(ctx: JobContext, headSha: string): CheckResult | null {
  const reason = stopReason(ctx.signal);
  if (!reason) return null;
  if (reason.kind === "shutdown") throw new ScanInterrupted();
  return supersededResult(headSha, reason.headSha);
}
