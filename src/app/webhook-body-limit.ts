/**
 * A bound on webhook bodies, in front of Probot's webhook middleware. `@octokit/webhooks` reads a
 * delivery's whole body into memory before it checks the signature, with no limit: a 400 MB POST
 * with a bogus signature took the process to 3.7 GB before its 400. GitHub caps webhook payloads
 * at 25 MB, so anything larger is refused with 413 before it is read (by its Content-Length), or
 * as soon as a chunked body passes the cap; what follows is discarded, never kept, and the
 * connection closed.
 *
 * The middleware uses a body already read when the request carries it as a string
 * (`@octokit/webhooks` `getPayload`), so the guard reads the body itself, within the cap, and
 * hands it over that way, decoded as the middleware would decode it.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** "Payloads are capped at 25 MB" (GitHub Docs, Webhook events and payloads). */
export const MAX_WEBHOOK_BODY_BYTES = 25 * 1024 * 1024;

/** The headers without which the middleware answers 400 before reading anything. */
const WEBHOOK_HEADERS = ["x-github-event", "x-hub-signature-256", "x-github-delivery"] as const;
const JSON_TYPE = /^\s*application\/json\s*(?:;|$)/u;

export type NodeHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: () => void,
) => boolean | undefined | Promise<boolean | undefined>;

/** `middleware`, with every webhook delivery's body read first within `maxBytes`. */
export function limitWebhookBodies<H extends NodeHandler>(
  middleware: H,
  maxBytes = MAX_WEBHOOK_BODY_BYTES,
): H {
  const guarded = async (req: IncomingMessage, res: ServerResponse, next?: () => void) => {
    if (isDelivery(req)) {
      const body = await readWithin(req, res, maxBytes);
      if (body === null) return true;
      (req as IncomingMessage & { body?: string }).body = body;
    }
    return middleware(req, res, next);
  };
  return guarded as H;
}

/** A request the middleware would read: a JSON POST with GitHub's webhook headers. */
function isDelivery(req: IncomingMessage): boolean {
  if (req.method !== "POST") return false;
  if (typeof (req as { body?: unknown }).body === "string") return false;
  const type = req.headers["content-type"];
  if (typeof type !== "string" || !JSON_TYPE.test(type)) return false;
  return WEBHOOK_HEADERS.every((h) => req.headers[h] !== undefined);
}

/** The body as text, or null once a 413 has been sent (the body past the cap is never kept). */
function readWithin(
  req: IncomingMessage,
  res: ServerResponse,
  maxBytes: number,
): Promise<string | null> {
  const declared = Number(req.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    refuse(req, res, maxBytes);
    return Promise.resolve(null);
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const onData = (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > maxBytes) {
        done = true;
        chunks.length = 0;
        req.off("data", onData);
        refuse(req, res, maxBytes);
        resolve(null);
        return;
      }
      chunks.push(chunk);
    };
    req.on("data", onData);
    req.once("end", () => {
      if (done) return;
      done = true;
      resolve(DECODER.decode(Buffer.concat(chunks, size)));
    });
    req.once("error", (error) => {
      if (done) return;
      done = true;
      reject(error);
    });
  });
}

/** `@octokit/webhooks` decodes bodies this way (UTF-8, invalid bytes replaced). */
const DECODER = new TextDecoder("utf-8", { fatal: false });

function refuse(req: IncomingMessage, res: ServerResponse, maxBytes: number): void {
  const body = JSON.stringify({
    error: `Payload too large: GitHub sends webhook payloads of at most ${maxBytes} bytes`,
  });
  res.writeHead(413, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
  // The rest of the body is discarded, never kept, for a moment so that the client reads the
  // answer (closing at once would reset the connection under its writes); then it is closed.
  req.resume();
  const timer = setTimeout(() => req.destroy(), DISCARD_MS);
  timer.unref();
  req.once("close", () => clearTimeout(timer));
}

/** How long the rest of a refused body is read and discarded before the connection is closed. */
const DISCARD_MS = 2000;

/** What Probot's `getNodeMiddleware` is asked with (`path`: the webhook path to serve). */
export interface WebhookMiddlewareOptions {
  readonly path?: string;
}

/** A Probot instance, or a test's stand-in for it (which may not serve webhooks). */
export interface WebhookServing {
  getNodeMiddleware?: (...args: never[]) => Promise<NodeHandler>;
}

/**
 * Puts `wrap` around Probot's webhook middleware. Probot's server (and its
 * `createNodeMiddleware`) asks the Probot instance for that middleware with `getNodeMiddleware()`
 * once the app is loaded and mounts it before every handler added with `addHandler`, so an added
 * handler never sees a delivery first; wrapping the instance's `getNodeMiddleware` does. The last
 * wrapper put on is the outermost.
 */
export function wrapWebhookMiddleware(
  probot: WebhookServing,
  wrap: (middleware: NodeHandler, options: WebhookMiddlewareOptions) => NodeHandler,
): void {
  // Only a Probot instance serves webhooks (a test's stand-in for it may not).
  if (typeof probot.getNodeMiddleware !== "function") return;
  const original = probot.getNodeMiddleware.bind(probot);
  probot.getNodeMiddleware = async (...args: never[]) => {
    const options = (args[0] ?? {}) as WebhookMiddlewareOptions;
    return wrap(await original(...args), options);
  };
}

/** Puts the guard in front of Probot's webhook middleware. */
export function guardWebhookBodies(
  probot: WebhookServing,
  maxBytes = MAX_WEBHOOK_BODY_BYTES,
): void {
  wrapWebhookMiddleware(probot, (middleware) => limitWebhookBodies(middleware, maxBytes));
}
