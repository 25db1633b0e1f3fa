import type { ApplicationFunction, Probot } from "probot";
import { createAckFirst, trackDeliveries, yieldToAcks } from "./ack-first.js";
import { createAppIdentity } from "./app-identity.js";
import { createDeliveryDedupe } from "./delivery-dedupe.js";
import { type FrontHandler, webhookFront } from "./front-listener.js";
import { inProgressDelayFromEnv } from "./check-lifecycle.js";
import { checkRunHandler, checkSuiteHandler } from "./handlers/checks.js";
import { installationHandler, installationRepositoriesHandler } from "./handlers/installation.js";
import { issueCommentHandler } from "./handlers/issue-comment.js";
import { mergeGroupHandler } from "./handlers/merge-group.js";
import { pullRequestHandler } from "./handlers/pull-request.js";
import type { WebhookHandler } from "./handlers/webhook-handler.js";
import { healthHandler, readinessHandler } from "./health.js";
import type { PureRunner } from "./pure-function.js";
import type { JobLogger } from "./job-context.js";
import {
  type AppMetrics,
  createAppMetrics,
  metricsHandler,
  observeGitHubCalls,
  observeWebhooks,
} from "./metrics.js";
import { createOctokitPort } from "./octokit-port.js";
import type { JobQueue, QueueObserver } from "./queue/job-queue.js";
import { describeJob } from "./queue/job-spec.js";
import {
  createQueueBackend,
  type QueueBackend,
  type QueueBackendOptions,
} from "./queue/queue-backend.js";
import { createJobExecutor } from "./queue/run-job.js";
import { type BlobReadOptions, DEFAULT_BLOB_READ } from "./read-blobs.js";
import { EVALUATE_CHANGE } from "./read-change.js";
import {
  guardWebhookBodies,
  type NodeHandler,
  wrapWebhookMiddleware,
} from "./webhook-body-limit.js";
import { createWebhookDispatcher } from "./webhook-dispatch.js";
import { webhookRoute } from "./webhook-route.js";
import { startSweeper } from "./sweeper.js";
import { createWorkerPool, scanBudgetFromEnv } from "./worker-pool.js";

export interface AppOptions {
  /** A Redis server for the durable queue (`REDIS_URL`); without it the queue is in process. */
  readonly redisUrl?: string;
  /** Makes the job queue (default: per `redisUrl`); tests pass their own to await `idle()`. */
  readonly createQueue?: (options: QueueBackendOptions) => QueueBackend;
  /** Scans running at once in this process (default 4). */
  readonly concurrency?: number;
  /** Delivery ids remembered against redelivery (default 10,000). */
  readonly dedupeCapacity?: number;
  readonly blobRead?: BlobReadOptions;
  readonly now?: () => Date;
  /** A check run still in progress after this long is completed as failed (default 15 min). */
  readonly sweepAfterMs?: number;
  /** How often the sweeper looks (default 1 min; 0: never). */
  readonly sweepIntervalMs?: number;
  /**
   * How long a scan runs before its check run is created in progress; a scan done sooner
   * creates its run completed in one request (default `PRIVILEGE_GUARD_IN_PROGRESS_DELAY_MS`,
   * else 2 s; 0: in progress at once).
   */
  readonly inProgressDelayMs?: number;
  /**
   * Runs the pure evaluation of each scan (default: worker threads within the budget the
   * environment sets, see `scanBudgetFromEnv`).
   */
  readonly pure?: PureRunner;
  /** The App's Prometheus metrics (default: a registry of its own, served at `/metrics`). */
  readonly metrics?: AppMetrics;
  /** Also the process's CPU, memory, event loop and GC metrics (the process's entry point). */
  readonly processMetrics?: boolean;
  /**
   * On start, queue a catch-up of every installation: open pull requests whose head has no
   * completed check run (missed while the App was down) are scanned (the process's entry point).
   */
  readonly catchUpOnStart?: boolean;
  /** Receives the running App's handles (the queue), e.g. to drain it on SIGTERM. */
  readonly onStarted?: (app: RunningApp) => void;
}

export interface RunningApp {
  readonly queue: JobQueue;
  /** Probot's logger (JSON with `LOG_FORMAT=json`). */
  readonly log: JobLogger;
  /**
   * Takes a webhook POST to the App's webhook middleware (true), to be put in front of Probot's
   * server's own request listener (`runInFront`), so that a delivery skips its per-request logger.
   */
  readonly webhookFront: FrontHandler;
  /** Resolves once the catch-up on start is queued (at once without `catchUpOnStart`). */
  readonly startCatchUp: Promise<void>;
  /** Stops the sweeper and the queue (running jobs get `graceMs` to finish). */
  close(graceMs: number): Promise<void>;
}

/** Slash commands and check-suite fan-outs running at once (their own lane). */
const INTERACTIVE_CONCURRENCY = 4;

/**
 * Every event the App acts on, and the job each asks for. The webhook route answers every action
 * of these events itself (those no handler takes with 200 and no job), so a handler that needs
 * more than the payload (Probot's context, a GitHub call) does not belong here.
 */
const HANDLERS: readonly WebhookHandler[] = [
  pullRequestHandler,
  checkRunHandler,
  checkSuiteHandler,
  mergeGroupHandler,
  issueCommentHandler,
  installationHandler,
  installationRepositoriesHandler,
];

/**
 * The Probot app. The webhook route (or Probot, for `probot.receive`) verifies a delivery, records
 * its job in the queue and answers; workers run the jobs. The state they share (the queue, the
 * delivery ids seen, the App's login, the runs in progress) lives in objects made here, one set
 * per loaded app.
 */
export function createApp(options: AppOptions = {}): ApplicationFunction {
  return (app: Probot, { addHandler }) => {
    const now = options.now ?? (() => new Date());
    const deliveries = createDeliveryDedupe(options.dedupeCapacity ?? 10_000);
    let backend: QueueBackend | null = null;
    const current = (): QueueBackend => {
      if (!backend) throw new Error("the job queue is not started");
      return backend;
    };
    const dispatcher = createWebhookDispatcher(HANDLERS, {
      deliveries,
      queue: () => current().queue,
      now,
    });
    // Wrapped innermost first: the route in front of Probot's middleware (which answers what the
    // route does not), the body limit in front of the route (it reads the body within the cap),
    // the metrics outermost (they see every delivery, refused ones included).
    wrapWebhookMiddleware(app, (probotMiddleware, { path }) =>
      webhookRoute(probotMiddleware, {
        dispatcher,
        verify: (payload, signature) => app.webhooks.verify(payload, signature),
        path: path || app.webhookPath,
        log: app.log.child({ name: "webhook" }),
      }),
    );
    // Each delivery, once its body is read, holds back the jobs' GitHub calls until answered.
    const acks = createAckFirst();
    wrapWebhookMiddleware(app, (middleware) => trackDeliveries(middleware, acks));
    guardWebhookBodies(app);
    const metrics =
      options.metrics ?? createAppMetrics({ processMetrics: options.processMetrics ?? false });
    observeWebhooks(app, metrics);
    // The whole webhook middleware, as Probot's server asks for it: `webhookFront` serves it in
    // front of that server's own request listener (`npm start`, `front-listener.ts`).
    let webhookMiddleware: NodeHandler | null = null;
    let webhookPath = app.webhookPath;
    wrapWebhookMiddleware(app, (middleware, { path }) => {
      webhookMiddleware = middleware;
      if (path) webhookPath = path;
      return middleware;
    });
    const identity = createAppIdentity(async () => {
      const octokit = await app.auth();
      const { data } = await octokit.rest.apps.getAuthenticated();
      if (!data?.slug) throw new Error("GET /app returned no slug");
      return data.slug;
    });
    const pure =
      options.pure ??
      createWorkerPool(scanBudgetFromEnv(process.env), { preload: [EVALUATE_CHANGE.module] });

    // Retries, timeouts and rate limits are the Octokit class's (`octokit-options.ts`).
    const portFor = async (installationId: number) => {
      const octokit = await app.auth(installationId);
      observeGitHubCalls(octokit, metrics);
      yieldToAcks(octokit, acks);
      return createOctokitPort(octokit, options.blobRead ?? DEFAULT_BLOB_READ);
    };

    const execute = createJobExecutor({
      portFor,
      log: app.log,
      now,
      appLogin: () => identity.login(),
      pure,
      enqueue: (spec) => current().queue.add(spec),
      countFindings: (findings) => metrics.findings(findings),
      inProgressDelayMs: options.inProgressDelayMs ?? inProgressDelayFromEnv(process.env),
      runs: {
        add: (run) => current().runs.add(run),
        remove: (runId) => current().runs.remove(runId),
        startedBefore: (before) => current().runs.startedBefore(before),
      },
    });
    const observer: QueueObserver = {
      added: (spec, result) => metrics.queueObserver.added?.(spec, result),
      finished: (spec, outcome, durationMs, error) => {
        metrics.queueObserver.finished?.(spec, outcome, durationMs, error);
        if (outcome === "failed") {
          app.log.error({ ...describeJob(spec), err: error, durationMs }, "job failed");
        }
      },
    };
    backend = (options.createQueue ?? createQueueBackend)({
      ...(options.redisUrl ? { redisUrl: options.redisUrl } : {}),
      concurrency: { scan: options.concurrency ?? 4, interactive: INTERACTIVE_CONCURRENCY },
      execute,
      observer,
    });
    const { queue: jobs, runs } = backend;
    metrics.watchQueue(jobs);
    app.log.info({ queue: backend.kind }, "job queue started");

    const sweepInterval = options.sweepIntervalMs ?? 60_000;
    const stopSweeper =
      sweepInterval > 0
        ? startSweeper(
            {
              registry: runs,
              maxAgeMs: options.sweepAfterMs ?? 15 * 60_000,
              now,
              portFor,
              log: app.log,
            },
            sweepInterval,
          )
        : () => {};

    dispatcher.register(app);
    addHandler(healthHandler);
    // Ready once the scan threads have started too, so that the first webhooks find them warm.
    const ready = async () => (pure.ready?.() ?? true) && (await jobs.ready());
    addHandler(readinessHandler({ kind: backend.kind, ready }));
    addHandler(metricsHandler(metrics));
    const startCatchUp = options.catchUpOnStart
      ? queueCatchUps().catch((error: unknown) => {
          app.log.error({ err: error }, "could not queue the catch-up on start");
        })
      : Promise.resolve();

    /** One catch-up job per installation that is not suspended. */
    async function queueCatchUps(): Promise<void> {
      const octokit = await app.auth();
      const installations = await octokit.paginate(octokit.rest.apps.listInstallations, {
        per_page: 100,
      });
      const receivedAt = now().getTime();
      let queued = 0;
      for (const installation of installations) {
        if (installation.suspended_at) continue;
        await jobs.add({
          kind: "catch-up",
          repos: null,
          installationId: installation.id,
          deliveryId: `catch-up-on-start-${receivedAt}`,
          receivedAt,
        });
        queued++;
      }
      app.log.info({ installations: queued }, "catch-up on start queued");
    }

    options.onStarted?.({
      queue: jobs,
      log: app.log,
      webhookFront: webhookFront({
        middleware: () => webhookMiddleware,
        path: () => webhookPath,
        log: app.log.child({ name: "webhook" }),
      }),
      startCatchUp,
      async close(graceMs) {
        stopSweeper();
        await jobs.close(graceMs);
        await current().disconnect();
        await pure.close();
      },
    });
  };
}
