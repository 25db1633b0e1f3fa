import { CHECK_NAME } from "./check-run-ref.js";
import type { RepoRef } from "./github-port.js";
import { describeError } from "./http-error.js";
import type { JobContext } from "./job-context.js";

/**
 * Catch-up: pull requests whose events the App missed (it was down, or just installed) get their
 * scan. For each repository (every one the installation can access, or those given), each open
 * pull request whose head has no completed `privilege-guard` check run is queued for a scan, as a
 * push would be (so a scan already queued or running for that head absorbs it). A repository
 * that cannot be listed is logged and skipped; the others go on. Returns the scans requested.
 */
export async function catchUp(ctx: JobContext, repos: readonly RepoRef[] | null): Promise<number> {
  const targets = repos ?? (await ctx.port.listInstallationRepositories());
  let requested = 0;
  for (const repo of targets) {
    if (ctx.signal?.aborted) break;
    try {
      for (const pr of await ctx.port.listOpenPullRequests(repo)) {
        if (await ctx.port.hasCompletedCheckRun(repo, pr.headSha, CHECK_NAME)) continue;
        await ctx.requestScan?.({
          ...repo,
          pullNumber: pr.number,
          headSha: pr.headSha,
          trigger: "catch_up",
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
