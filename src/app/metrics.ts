/**
 * The App's Prometheus metrics (prom-client), in a registry of its own per App instance: never
 * prom-client's global default registry, so two Apps in one process (tests) count apart.
 *
 * What is counted: webhook deliveries received and answered (with the time to answer), jobs added
 * and finished by outcome, the queue's waiting and running jobs (read from the queue when
 * scraped), scan duration and webhook-to-result latency, GitHub API calls by route and status and
 * the rate limit GitHub reports remaining, and new findings by rule.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";
import { isProbe } from "./health.js";
import { errorHeaders, httpStatus } from "./http-error.js";
import type { Octokit } from "./octokit.js";
import type { JobQueue, QueueObserver } from "./queue/job-queue.js";
import { type JobSpec, laneOf } from "./queue/job-spec.js";
import { type WebhookServing, wrapWebhookMiddleware } from "./webhook-body-limit.js";

export const METRICS_PATH = "/metrics";

/** Seconds: from a fast acknowledgement to a 3,000-file scan. */
const ACK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SCAN_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];

export interface AppMetrics {
  readonly registry: Registry;
  /** Counts jobs added and finished, and times them (chain it with other observers). */
  readonly queueObserver: QueueObserver;
  /** The queue whose waiting and running jobs are read at each scrape. */
  watchQueue(queue: JobQueue): void;
  /** A webhook delivery arrived (before its signature is checked). */
  webhookReceived(event: string): void;
  /** The webhook delivery was answered with `status` after `seconds`. */
  webhookAnswered(event: string, status: number, seconds: number): void;
  /** A GitHub API call was answered (`status` 0: no answer). */
  githubCall(
    route: string,
    status: number,
    headers: Readonly<Record<string, unknown>> | undefined,
  ): void;
  /** New findings a scan reported. */
  findings(findings: readonly { readonly ruleId: string }[]): void;
}

export interface MetricsOptions {
  /** Also the process's own metrics (CPU, memory, event loop lag, GC), as prom-client offers. */
  readonly processMetrics?: boolean;
  /** Clock of the end-to-end latency (the jobs' `receivedAt`); default `Date.now`. */
  readonly now?: () => number;
}

export function createAppMetrics(options: MetricsOptions = {}): AppMetrics {
  const registry = new Registry();
  const now = options.now ?? Date.now;
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  const registers = [registry];

  const received = new Counter({
    name: "privilege_guard_webhooks_received_total",
    help: "Webhook deliveries received, by event (before the signature is checked)",
    labelNames: ["event"] as const,
    registers,
  });
  const answered = new Counter({
    name: "privilege_guard_webhooks_answered_total",
    help: "Webhook deliveries answered, by event and HTTP status (2xx: acknowledged)",
    labelNames: ["event", "status"] as const,
    registers,
  });
  const receivedSeries = new Map<string, { inc(): void }>();
  const answeredSeries = new Map<string, { inc(): void }>();
  const ackSeconds = new Histogram({
    name: "privilege_guard_webhook_ack_seconds",
    help: "Time from a webhook delivery's arrival to its answer",
    buckets: ACK_BUCKETS,
    registers,
  });
  const added = new Counter({
    name: "privilege_guard_jobs_added_total",
    help: "Jobs handed to the queue, by kind and result (queued, coalesced, superseding)",
    labelNames: ["kind", "result"] as const,
    registers,
  });
  const finished = new Counter({
    name: "privilege_guard_jobs_finished_total",
    help: "Job attempts finished, by kind and outcome (completed, failed, retried, superseded)",
    labelNames: ["kind", "outcome"] as const,
    registers,
  });
  const scanSeconds = new Histogram({
    name: "privilege_guard_scan_duration_seconds",
    help: "Time a job ran, from its start to its end, by kind",
    labelNames: ["kind"] as const,
    buckets: SCAN_BUCKETS,
    registers,
  });
  const latencySeconds = new Histogram({
    name: "privilege_guard_end_to_end_seconds",
    help: "Time from the webhook's arrival to the job's completion (queue wait included), by kind",
    labelNames: ["kind"] as const,
    buckets: SCAN_BUCKETS,
    registers,
  });
  const githubCalls = new Counter({
    name: "privilege_guard_github_requests_total",
    help: "GitHub API calls answered, by route and HTTP status (0: no answer)",
    labelNames: ["route", "status"] as const,
    registers,
  });
  const rateLimit = new Gauge({
    name: "privilege_guard_github_rate_limit_remaining",
    help: "Requests left in the rate limit window, as GitHub's latest answer said, by resource",
    labelNames: ["resource"] as const,
    registers,
  });
  const findingsByRule = new Counter({
    name: "privilege_guard_findings_total",
    help: "New findings reported by scans, by rule",
    labelNames: ["rule"] as const,
    registers,
  });

  let queue: JobQueue | null = null;
  const depth = new Gauge({
    name: "privilege_guard_queue_waiting_jobs",
    help: "Jobs waiting in the queue, by lane (with Redis: across every process)",
    labelNames: ["lane"] as const,
    registers,
    async collect() {
      const counts = await queue?.counts();
      if (!counts) return;
      for (const [lane, c] of Object.entries(counts)) depth.set({ lane }, c.waiting);
    },
  });
  const active = new Gauge({
    name: "privilege_guard_jobs_active",
    help: "Jobs running, by lane (with Redis: across every process)",
    labelNames: ["lane"] as const,
    registers,
    async collect() {
      const counts = await queue?.counts();
      if (!counts) return;
      for (const [lane, c] of Object.entries(counts)) active.set({ lane }, c.active);
    },
  });

  const queueObserver: QueueObserver = {
    added(spec, result) {
      added.inc({ kind: spec.kind, result });
    },
    finished(spec: JobSpec, outcome, durationMs) {
      finished.inc({ kind: spec.kind, outcome });
      // A job superseded before it ran took no time: it is no scan.
      if (outcome === "superseded" && durationMs === 0) return;
      scanSeconds.observe({ kind: spec.kind }, durationMs / 1000);
      if (outcome === "completed" && laneOf(spec) === "scan") {
        latencySeconds.observe({ kind: spec.kind }, Math.max(0, now() - spec.receivedAt) / 1000);
      }
    },
  };

  return {
    registry,
    queueObserver,
    watchQueue(watched) {
      queue = watched;
    },
    // The labelled series of each event (and status) are looked up once, not at every delivery.
    webhookReceived(event) {
      let series = receivedSeries.get(event);
      if (!series) {
        series = received.labels({ event });
        receivedSeries.set(event, series);
      }
      series.inc();
    },
    webhookAnswered(event, status, seconds) {
      const key = `${event} ${status}`;
      let series = answeredSeries.get(key);
      if (!series) {
        series = answered.labels({ event, status: String(status) });
        answeredSeries.set(key, series);
      }
      series.inc();
      ackSeconds.observe(seconds);
    },
    githubCall(route, status, headers) {
      githubCalls.inc({ route, status: String(status) });
      const remaining = Number(headers?.["x-ratelimit-remaining"]);
      if (headers?.["x-ratelimit-remaining"] !== undefined && Number.isFinite(remaining)) {
        const resource = headers["x-ratelimit-resource"];
        rateLimit.set({ resource: typeof resource === "string" ? resource : "core" }, remaining);
      }
    },
    findings(list) {
      for (const finding of list) findingsByRule.inc({ rule: finding.ruleId });
    },
  };
}

/** `GET /metrics`: the registry in Prometheus' text format. */
export function metricsHandler(metrics: AppMetrics) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!isProbe(req, METRICS_PATH)) return false;
    metrics.registry.metrics().then(
      (body) => {
        res.writeHead(200, {
          "content-type": metrics.registry.contentType,
          "cache-control": "no-store",
          "content-length": Buffer.byteLength(body),
        });
        res.end(req.method === "HEAD" ? undefined : body);
      },
      (error: unknown) => {
        const body = `could not collect the metrics: ${error instanceof Error ? error.message : String(error)}\n`;
        res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
        res.end(body);
      },
    );
    return true;
  };
}

/**
 * Counts each GitHub API call of `octokit` (after Octokit's retries) by route, its route template
 * (`GET /repos/{owner}/{repo}/pulls/{pull_number}`, `POST /graphql`), never the URL with names.
 */
export function observeGitHubCalls(octokit: Pick<Octokit, "hook">, metrics: AppMetrics): void {
  octokit.hook.wrap("request", async (request, options) => {
    const route = `${options.method ?? "GET"} ${options.url ?? "?"}`;
    try {
      const response = await request(options);
      metrics.githubCall(route, response.status, response.headers);
      return response;
    } catch (error) {
      metrics.githubCall(route, httpStatus(error) ?? 0, errorHeaders(error));
      throw error;
    }
  });
}

/**
 * Counts webhook deliveries (POSTs carrying `X-GitHub-Event`) as they reach Probot's webhook
 * middleware, and their answers with the time to answer. Put on after `guardWebhookBodies`, it
 * is outermost, so refused bodies (413) are counted too.
 */
export function observeWebhooks(probot: WebhookServing, metrics: AppMetrics): void {
  wrapWebhookMiddleware(probot, (middleware) => (req, res, next) => {
    const event = req.headers["x-github-event"];
    if (req.method === "POST" && typeof event === "string") {
      const began = performance.now();
      const name = EVENT_NAME.test(event) ? event : "other";
      metrics.webhookReceived(name);
      res.once("finish", () => {
        metrics.webhookAnswered(name, res.statusCode, (performance.now() - began) / 1000);
      });
    }
    return middleware(req, res, next);
  });
}

const EVENT_NAME = /^[a-z_]{1,64}$/;
