import type { CheckRunSubject } from "./check-run-ref.js";
import type { RepoRef } from "./github-port.js";
import type { JobContext } from "./job-context.js";
import { runMergeGroupScan } from "./merge-group-job.js";
import { runPullRequestScan, type ScanTrigger } from "./scan-job.js";

/** A check run's re-run button or requested action: scan its subject again at its head. */
export async function rescanCheckRun(
  ctx: JobContext,
  repo: RepoRef,
  subject: CheckRunSubject,
  headSha: string,
  trigger: ScanTrigger,
): Promise<void> {
  if (subject.kind === "merge-group") {
    await runMergeGroupScan(ctx, { ...repo, baseSha: subject.baseSha, headSha });
    return;
  }
  await runPullRequestScan(ctx, { ...repo, pullNumber: subject.pullNumber, headSha, trigger });
}

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
    await runPullRequestScan(ctx, { ...repo, pullNumber, headSha, trigger: "check_suite" });
  }
}
