import { buildErrorCheckRun } from "../report/check-run.js";
import { RESCAN_BUTTON } from "./check-lifecycle.js";
import type { GitHubPort } from "./github-port.js";
import { httpStatus } from "./http-error.js";
import type { JobLogger } from "./job-context.js";
import type { RunRegistry } from "./queue/run-registry.js";

export interface SweepOptions {
  readonly registry: RunRegistry;
  /** A run still in progress after this long is completed by the sweeper. */
  readonly maxAgeMs: number;
  readonly now: () => Date;
  portFor(installationId: number): Promise<GitHubPort>;
  readonly log: JobLogger;
}

/**
 * Completes every tracked check run older than `maxAgeMs` that its job did not complete (the
 * process died, GitHub refused the completing update, a fallback copy was completed instead):
 * conclusion `failure` with a Re-scan button, since nothing proves the commit was scanned. A run
 * GitHub no longer knows (404) is forgotten. Returns the number of runs completed.
 */
export async function sweepStaleRuns(options: SweepOptions): Promise<number> {
  const now = options.now();
  const stale = await options.registry.startedBefore(now.getTime() - options.maxAgeMs);
  let completed = 0;
  for (const run of stale) {
    const repo = { owner: run.owner, repo: run.repo };
    const minutes = Math.round(options.maxAgeMs / 60_000);
    const result = buildErrorCheckRun(
      `The scan did not finish within ${minutes} minutes: the process running it stopped, or GitHub did not accept its result.`,
      "failure",
    );
    try {
      const port = await options.portFor(run.installationId);
      await port.updateCheckRun(repo, run.runId, {
        completion: { conclusion: result.conclusion, completedAt: now.toISOString() },
        output: { title: result.title, summary: result.summary },
        actions: [RESCAN_BUTTON],
      });
      completed++;
      await options.registry.remove(run.runId);
      options.log.warn(
        { checkRun: run.runId, repository: `${run.owner}/${run.repo}` },
        "completed a check run left in progress",
      );
    } catch (error) {
      if (httpStatus(error) === 404) {
        await options.registry.remove(run.runId);
        continue;
      }
      options.log.error(
        { err: error, checkRun: run.runId },
        "could not complete a stale check run",
      );
    }
  }
  return completed;
}

/** Sweeps every `intervalMs` until stopped; never keeps the process alive. */
export function startSweeper(options: SweepOptions, intervalMs: number): () => void {
  let sweeping = false;
  const timer = setInterval(() => {
    if (sweeping) return;
    sweeping = true;
    sweepStaleRuns(options)
      .catch((error: unknown) => options.log.error({ err: error }, "sweep failed"))
      .finally(() => {
        sweeping = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}
