import type { ApplicationFunction, Context, Probot } from "probot";
import { createAppIdentity } from "./app-identity.js";
import { createDeliveryDedupe } from "./delivery-dedupe.js";
import { onChecks } from "./handlers/checks.js";
import type { HandlerDeps } from "./handlers/handler-deps.js";
import { onIssueComment } from "./handlers/issue-comment.js";
import { onMergeGroup } from "./handlers/merge-group.js";
import { onPullRequest } from "./handlers/pull-request.js";
import { healthHandler } from "./health.js";
import { createJobRunner, type JobRunner } from "./job-runner.js";
import { createOctokitPort } from "./octokit-port.js";
import { type BlobReadOptions, DEFAULT_BLOB_READ } from "./read-blobs.js";
import {
  DEFAULT_SECONDARY_RATE_LIMIT,
  retrySecondaryRateLimits,
  type SecondaryRateLimitOptions,
} from "./secondary-rate-limit.js";

export interface AppOptions {
  /** Runs the jobs; tests pass their own to await `idle()`. */
  readonly runner?: JobRunner;
  /** Scans running at once (default 4). */
  readonly concurrency?: number;
  /** Delivery ids remembered against redelivery (default 10,000). */
  readonly dedupeCapacity?: number;
  readonly secondaryRateLimit?: SecondaryRateLimitOptions;
  readonly blobRead?: BlobReadOptions;
  readonly now?: () => Date;
}

/**
 * The Probot app. Handlers only guard and start one job in the background; the state they share
 * (the job runner, the delivery ids seen, the App's login) lives in objects made here, one set per
 * loaded app.
 */
export function createApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot, { addHandler }) => {
    const runner =
      options.runner ?? createJobRunner({ concurrency: options.concurrency ?? 4, log: app.log });
    const deliveries = createDeliveryDedupe(options.dedupeCapacity ?? 10_000);
    const identity = createAppIdentity(async () => {
      const octokit = await app.auth();
      const { data } = await octokit.rest.apps.getAuthenticated();
      if (!data?.slug) throw new Error("GET /app returned no slug");
      return data.slug;
    });
    const retrying = new WeakSet<object>();
    const secondary = options.secondaryRateLimit ?? DEFAULT_SECONDARY_RATE_LIMIT;

    const deps: HandlerDeps = {
      firstDelivery(context: Context) {
        if (deliveries.firstSeen(context.id)) return true;
        context.log.info({ delivery: context.id }, "delivery already handled");
        return false;
      },
      enqueue(context, name, job) {
        const octokit = context.octokit;
        if (!retrying.has(octokit)) {
          retrySecondaryRateLimits(octokit, {
            ...secondary,
            onRetry: (wait, attempt, url) =>
              context.log.warn({ wait, attempt, url }, "secondary rate limit; retrying"),
          });
          retrying.add(octokit);
        }
        const ctx = {
          port: createOctokitPort(octokit, options.blobRead ?? DEFAULT_BLOB_READ),
          log: context.log,
          now: options.now ?? (() => new Date()),
          appLogin: () => identity.login(),
        };
        runner.enqueue(name, async () => {
          await job(ctx);
        });
      },
    };

    onPullRequest(app, deps);
    onChecks(app, deps);
    onMergeGroup(app, deps);
    onIssueComment(app, deps);
    addHandler(healthHandler);
  };
}
