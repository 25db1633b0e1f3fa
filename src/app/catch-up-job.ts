import { CHECK_NAME, isReviewDue } from "./check-run-ref.js";
import type { OpenPullRequest, RepoRef } from "./github-port.js";
import { describeError } from "./http-error.js";
import type { JobContext } from "./job-context.js";

/**
 * Catch-up: pull requests whose events the App missed (it was down, or just installed) get their
 * scan. For each repository (every one the installation can access, or those given), each open
 * pull request whose head has no completed `privilege-guard` check run is queued for a scan, as a
 * push would be (so a scan already queued or running for that head absorbs it). So is a head
 * whose completed run is still due its review (the process stopped between completing the run
 * and posting the review) when the App has no review on that head: that scan keeps the run and
 * posts the review; and a head whose run the App left in progress (its process died mid-scan),
 * whose scan completes that run. A repository that cannot be listed is logged and skipped; the
 * others go on.
 * Returns the scans requested.
 */
export async function catchUp(ctx: JobContext, repos: readonly RepoRef[] | null): Promise<number> {
  const targets = repos ?? (await ctx.port.listInstallationRepositories());
  let requested = 0;
  for (const repo of targets) {
    if (ctx.signal?.aborted) break;
    try {
      for (const pr of await ctx.port.listOpenPullRequests(repo)) {
        const due = await scanDue(ctx, repo, pr);
        if (due === null) continue;
        await ctx.requestScan?.({
          ...repo,
          pullNumber: pr.number,
          headSha: pr.headSha,
          trigger: "catch_up",
          ...(due.resumeRunId !== undefined ? { resumeRunId: due.resumeRunId } : {}),
        });
        requested++;
      }
    } catch (error) {
      ctx.log.warn(
        { repository: `${repo.owner}/${repo.repo}`, err: error },
        `catch-up skipped a repository: ${describeError(error)}`,
      );
    }
  }
  ctx.log.info({ repositories: targets.length, requested }, "catch-up done");
  return requested;
}

/** Whether the head needs a scan (and which completed run it then keeps), or null. */
async function scanDue(
  ctx: JobContext,
  repo: RepoRef,
  pr: OpenPullRequest,
): Promise<{ readonly resumeRunId?: number } | null> {
  const run = await ctx.port.latestCompletedCheckRun(repo, pr.headSha, CHECK_NAME);
  if (!run) {
    // A run the App left in progress (its process died mid-scan, and with it the registry the
    // sweeper reads) is the one the scan completes, rather than a second run beside it.
    const left = await ctx.port.inProgressCheckRun(repo, pr.headSha, CHECK_NAME);
    return left ? { resumeRunId: left.id } : {};
  }
  if (!isReviewDue(run.externalId)) return null;
  const appLogin = await ctx.appLogin();
  const reviews = await ctx.port.listReviews({ ...repo, pullNumber: pr.number });
  const posted = reviews.some((r) => r.userLogin === appLogin && r.commitId === pr.headSha);
  return posted ? null : { resumeRunId: run.id };
}
