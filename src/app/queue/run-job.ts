import { catchUp } from "../catch-up-job.js";
import { runSlashCommand } from "../command-job.js";
import type { JobContext, JobLogger, RunTracker } from "../job-context.js";
import { runMergeGroupScan } from "../merge-group-job.js";
import type { GitHubPort } from "../github-port.js";
import type { PureRunner } from "../pure-function.js";
import { rescanCheckSuite } from "../rescan-job.js";
import { type PullRequestScan, runPullRequestScan } from "../scan-job.js";
import type { JobExecutor } from "./job-queue.js";
import { describeJob, type JobSpec } from "./job-spec.js";
import type { RunRegistry } from "./run-registry.js";

export interface JobLoggerFactory {
  child(bindings: Record<string, unknown>): JobLogger;
}

/** What a worker needs to turn a stored job into work. */
export interface JobRuntime {
  /** The GitHub port acting as this installation. */
  portFor(installationId: number): Promise<GitHubPort>;
  readonly log: JobLoggerFactory;
  readonly now: () => Date;
  readonly appLogin: () => Promise<string>;
  /** Runs the pure evaluation of every job. */
  readonly pure: PureRunner;
  /** Queues a follow-up job (a rescan requested by a command or a check suite). */
  enqueue(spec: JobSpec): Promise<unknown>;
  readonly runs: RunRegistry;
  /** Told of the new findings each scan reports (metrics). */
  readonly countFindings?: (findings: readonly { readonly ruleId: string }[]) => void;
  /** See `JobContext.inProgressDelayMs`. */
  readonly inProgressDelayMs?: number;
}

/** The worker side: a stored job, run with a job context for its installation. */
export function createJobExecutor(runtime: JobRuntime): JobExecutor {
  return async (spec, { signal, canRetry, resumeRunId, rerun, keepRun }) => {
    const log = runtime.log.child(describeJob(spec));
    const runs: RunTracker = {
      started: async (repo, runId) => {
        await runtime.runs.add({
          installationId: spec.installationId,
          owner: repo.owner,
          repo: repo.repo,
          runId,
          startedAt: runtime.now().getTime(),
        });
        await keepRun(runId);
      },
      completed: (runId) => runtime.runs.remove(runId),
      published: (runId) => keepRun(runId),
    };
    // A catch-up names the completed run whose review is missing.
    const resume =
      resumeRunId ?? (spec.kind === "pull-request" ? (spec.scan.resumeRunId ?? null) : null);
    const ctx: JobContext = {
      port: await runtime.portFor(spec.installationId),
      log,
      now: runtime.now,
      appLogin: runtime.appLogin,
      pure: runtime.pure,
      signal,
      runs,
      canRetry,
      requestedAt: spec.receivedAt,
      ...(rerun ? { rerun } : {}),
      ...(runtime.countFindings ? { countFindings: runtime.countFindings } : {}),
      ...(resume !== null ? { resumeRunId: resume } : {}),
      ...(runtime.inProgressDelayMs !== undefined
        ? { inProgressDelayMs: runtime.inProgressDelayMs }
        : {}),
      requestScan: async (scan: PullRequestScan) => {
        await runtime.enqueue({
          kind: "pull-request",
          installationId: spec.installationId,
          deliveryId: spec.deliveryId,
          receivedAt: spec.receivedAt,
          scan,
        });
      },
    };
    switch (spec.kind) {
      case "pull-request":
        await runPullRequestScan(ctx, spec.scan);
        return;
      case "merge-group":
        await runMergeGroupScan(ctx, spec.scan);
        return;
      case "check-suite":
        await rescanCheckSuite(ctx, spec.repo, spec.headSha, spec.pullNumbers);
        return;
      case "command":
        await runSlashCommand(ctx, spec.input);
        return;
      case "catch-up":
        await catchUp(ctx, spec.repos);
        return;
    }
  };
}
