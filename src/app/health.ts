import type { IncomingMessage, ServerResponse } from "node:http";

export const HEALTH_PATH = "/healthz";
export const READY_PATH = "/readyz";

/** Whether `req` is a GET or HEAD of `path` (any query string). */
export function isProbe(req: IncomingMessage, path: string): boolean {
  return (req.url ?? "").split("?")[0] === path && (req.method === "GET" || req.method === "HEAD");
}

function sendJson(req: IncomingMessage, res: ServerResponse, status: number, value: object): void {
  const body = JSON.stringify(value);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  res.end(req.method === "HEAD" ? undefined : body);
}

/**
 * `GET /healthz` → 200 `{"status":"ok"}` (the process is alive) for load balancers and the
 * container HEALTHCHECK. Registered through Probot's `addHandler`; answers nothing else.
 */
export function healthHandler(req: IncomingMessage, res: ServerResponse): boolean {
  if (!isProbe(req, HEALTH_PATH)) return false;
  sendJson(req, res, 200, { status: "ok" });
  return true;
}

/**
 * `GET /readyz` → 200 `{"status":"ready"}` while the job queue takes and runs jobs (with Redis:
 * the server answers within 2 s and the workers run), 503 `{"status":"not ready"}` otherwise
 * (Redis unreachable, shutting down), so that webhooks go to a process that can queue them.
 */
export function readinessHandler(queue: { readonly kind: string; ready(): Promise<boolean> }) {
  return (req: IncomingMessage, res: ServerResponse): boolean => {
    if (!isProbe(req, READY_PATH)) return false;
    const answer = (ready: boolean) =>
      sendJson(req, res, ready ? 200 : 503, {
        status: ready ? "ready" : "not ready",
        queue: queue.kind,
      });
    queue.ready().then(answer, () => answer(false));
    return true;
  };
}
