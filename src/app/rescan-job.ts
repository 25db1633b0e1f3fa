import type { RepoRef } from "./github-port.js";
import type { JobContext } from "./job-context.js";
import { runPullRequestScan } from "./scan-job.js";

/**
 * A check suite's "Re-run all checks": scan every open pull request whose head is the suite's
 * commit. Fork pull requests are missing from the suite's `pull_requests`, so they are looked up.
 */
export async function rescanCheckSuite(
  ctx: JobContext,
  repo: RepoRef,
  headSha: string,
  pullNumbers: readonly number[],
): Promise<void> {
  const numbers =
    pullNumbers.length > 0 ? pullNumbers : await ctx.port.findPullRequestsForCommit(repo, headSha);
  if (numbers.length === 0) ctx.log.info({ headSha }, "no open pull request for this check suite");
  for (const pullNumber of numbers) {
    const scan = { ...repo, pullNumber, headSha, trigger: "check_suite" as const };
    if (ctx.requestScan) await ctx.requestScan(scan);
    else await runPullRequestScan(ctx, scan);
  }
}
