/**
 * Webhook deliveries served in front of Probot's HTTP server. Probot 14's `Server` makes its
 * node:http server in its constructor with one request listener, which first hands every request
 * to pino-http (a child logger per request with the request serialised into it, and listeners
 * for its access line) and then to its handlers in turn, the webhook middleware first. A burst of
 * deliveries paid that for each of them, though the App's webhook route writes its own line for a
 * delivery. Here the App's own listener goes in front of Probot's: a POST to the webhook path
 * goes straight to the App's webhook middleware (the metrics, the body limit, the webhook route
 * and, behind it, Probot's webhook middleware for what the route does not answer); every other
 * request (`/healthz`, `/readyz`, `/metrics`, Probot's `/ping` and 404) goes on to Probot's
 * listener as before, with its access line.
 *
 * Probot's `run()` keeps the `Server` it starts to itself, and the `Server` hands its node:http
 * server out only from `start()`, which `run()` calls: `runInFront` catches that server by
 * wrapping `Server.prototype.start` while `run()` starts, and puts the listener back as it was
 * once it has.
 */
import type { IncomingMessage, Server as HttpServer, ServerResponse } from "node:http";
import { Server } from "probot";
import type { JobLogger } from "./job-context.js";
import type { NodeHandler } from "./webhook-body-limit.js";
import { pathOf } from "./webhook-route.js";

/** Takes a request (true: it answers it) or leaves it to the listener behind (false). */
export type FrontHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;

/** Puts `front` in front of `http`'s request listeners: what `front` takes never reaches them. */
export function putInFront(http: HttpServer, front: FrontHandler): void {
  const behind = http.listeners("request") as RequestListener[];
  http.removeAllListeners("request");
  http.on("request", (req: IncomingMessage, res: ServerResponse) => {
    if (front(req, res)) return;
    for (const listener of behind) listener.call(http, req, res);
  });
}

/**
 * Runs `start` (Probot's `run()`), putting `front` in front of the request listener of the
 * Probot `Server` it starts; `Server.prototype.start` is itself again once `start` settles.
 */
export async function runInFront<T>(start: () => Promise<T>, front: FrontHandler): Promise<T> {
  const original = Server.prototype.start;
  Server.prototype.start = async function (this: Server) {
    const http = await original.call(this);
    putInFront(http, front);
    return http;
  };
  try {
    return await start();
  } finally {
    Server.prototype.start = original;
  }
}

export interface WebhookFrontOptions {
  /** The App's webhook middleware, once Probot's server has asked for it (null before). */
  readonly middleware: () => NodeHandler | null;
  /** The webhook path (`WEBHOOK_PATH`, default `/api/github/webhooks`). */
  readonly path: () => string;
  readonly log: JobLogger;
}

/**
 * A POST to the webhook path, to the App's webhook middleware; anything else is left alone. As
 * Probot's server does, a request no handler answers gets 404 and a handler's throw 500.
 */
export function webhookFront(options: WebhookFrontOptions): FrontHandler {
  return (req, res) => {
    const middleware = options.middleware();
    if (!middleware || req.method !== "POST" || pathOf(req.url) !== pathOf(options.path())) {
      return false;
    }
    const notFound = () => {
      if (!res.headersSent) res.writeHead(404).end();
    };
    Promise.resolve()
      .then(() => middleware(req, res, notFound))
      .then(
        (handled) => {
          if (handled !== true) notFound();
        },
        (error: unknown) => {
          options.log.error({ err: error }, "webhook delivery failed");
          if (!res.headersSent) res.writeHead(500).end();
        },
      );
    return true;
  };
}
