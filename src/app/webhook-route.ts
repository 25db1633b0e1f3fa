/**
 * The App's webhook route, in front of Probot's webhook middleware: a delivery of an event the App
 * handles (`WebhookDispatcher.handlesEvent`) is verified, parsed, checked against redelivery,
 * recorded as a job and answered here, as `@octokit/webhooks` would answer it (200 `ok`), without
 * Probot's per-delivery work (an authenticated Octokit and a context built for every event,
 * though the App's handlers only record a job and its jobs make their own clients).
 *
 * Everything else goes on to Probot's middleware unchanged, which answers it as before: other
 * events (`ping`), a signature that does not match (400, and Probot's log line about the
 * secret), a body that is not JSON (400), other paths and methods. The body arrives already read
 * within GitHub's cap (`webhook-body-limit.ts`, which sits in front).
 *
 * The signature is checked with Probot's own `webhooks.verify` (`@octokit/webhooks-methods`,
 * bound to the App's webhook secret). Each delivery answered here gets one log line (delivery
 * id, event, installation, repository, pull request, head, what was recorded, status, time),
 * which replaces Probot's HTTP access line for it (that one is still written for a failure).
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { httpStatus } from "./http-error.js";
import type { JobLogger } from "./job-context.js";
import type { NodeHandler } from "./webhook-body-limit.js";
import { describeOutcome, type WebhookDispatcher } from "./webhook-dispatch.js";

export interface WebhookRouteOptions {
  readonly dispatcher: WebhookDispatcher;
  /** Whether `signature` (`X-Hub-Signature-256`) signs `payload` with the App's secret. */
  readonly verify: (payload: string, signature: string) => Promise<boolean>;
  /** Probot's webhook path (`WEBHOOK_PATH`, default `/api/github/webhooks`). */
  readonly path: string;
  readonly log: JobLogger;
  /** After this long without the job recorded, 202 "still processing" (as `@octokit/webhooks`). */
  readonly timeoutMs?: number;
}

const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/u;
/** `@octokit/webhooks`' node middleware answers a delivery that is not done in 9 s with 202. */
const DEFAULT_TIMEOUT_MS = 9000;

/** `fallback` (Probot's middleware) behind the App's route for the deliveries it handles. */
export function webhookRoute<H extends NodeHandler>(fallback: H, options: WebhookRouteOptions): H {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const path = pathOf(options.path);
  const route = async (req: IncomingMessage, res: ServerResponse, next?: () => void) => {
    const began = performance.now();
    const body = (req as { body?: unknown }).body;
    const name = req.headers["x-github-event"];
    const id = req.headers["x-github-delivery"];
    const signature = req.headers["x-hub-signature-256"];
    const type = req.headers["content-type"];
    if (
      typeof body !== "string" ||
      typeof name !== "string" ||
      typeof id !== "string" ||
      typeof signature !== "string" ||
      req.method !== "POST" ||
      !options.dispatcher.handlesEvent(name) ||
      typeof type !== "string" ||
      !JSON_TYPE.test(type) ||
      pathOf(req.url) !== path
    ) {
      return fallback(req, res, next);
    }
    const verified = await options.verify(body, signature).catch(() => false);
    if (!verified) return fallback(req, res, next);
    let payload: unknown;
    try {
      payload = JSON.parse(body);
    } catch {
      return fallback(req, res, next);
    }
    if (payload === null || typeof payload !== "object") return fallback(req, res, next);

    const action = (payload as { action?: unknown }).action;
    const event = typeof action === "string" ? `${name}.${action}` : name;
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      answer(res, 202, "still processing\n", "text/plain");
    }, timeoutMs);
    try {
      const outcome = await options.dispatcher.dispatch({ id, name, payload });
      clearTimeout(timer);
      if (!timedOut) answer(res, 200, "ok\n", "text/plain");
      quietAccessLog(res);
      const { details, message } = describeOutcome(outcome);
      options.log.info(
        { delivery: id, event, ...details, status: timedOut ? 202 : 200, ms: elapsed(began) },
        message,
      );
    } catch (error) {
      clearTimeout(timer);
      // As `@octokit/webhooks` answers a handler's error: 500 with the error's name and message.
      const status = httpStatusOf(error);
      if (!timedOut) {
        const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
        answer(res, status, JSON.stringify({ error: message }), "application/json");
      }
      options.log.error(
        { delivery: id, event, err: error, status: timedOut ? 202 : status, ms: elapsed(began) },
        "webhook delivery failed",
      );
    }
    return true;
  };
  return route as H;
}

/** `@octokit/webhooks`' answer: the body, its length, its type, and `accept: application/json`. */
function answer(res: ServerResponse, status: number, body: string, type: string): void {
  res
    .writeHead(status, {
      "content-type": type,
      accept: "application/json",
      "content-length": String(Buffer.byteLength(body)),
    })
    .end(body);
}

/**
 * Probot's server logs every request it serves (pino-http, at `info`, on the response's
 * logger `res.log`); the route's line says more for a delivery, so that one is raised to `warn`:
 * it is still written when the answer fails (5xx, a connection closed early).
 */
function quietAccessLog(res: ServerResponse): void {
  const log = (res as { log?: { level?: string } }).log;
  if (log && typeof log.level === "string") log.level = "warn";
}

function httpStatusOf(error: unknown): number {
  const status = httpStatus(error);
  return status !== null && status >= 400 && status <= 599 ? status : 500;
}

/** The request's path, without its query and trailing slashes (as `@octokit/webhooks` reads it). */
export function pathOf(url: string | undefined): string {
  const raw = url ?? "/";
  const path = raw.includes("?") ? raw.slice(0, raw.indexOf("?")) : raw;
  const trimmed = path.replace(/\/+$/u, "");
  return trimmed === "" ? "/" : trimmed;
}

function elapsed(since: number): number {
  return Math.round((performance.now() - since) * 10) / 10;
}
