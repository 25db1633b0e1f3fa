import type { IncomingMessage, ServerResponse } from "node:http";

export const HEALTH_PATH = "/healthz";

/**
 * `GET /healthz` → 200 `{"status":"ok"}` for load balancers and the container HEALTHCHECK.
 * Registered through Probot's `addHandler`; answers nothing else.
 */
export function healthHandler(req: IncomingMessage, res: ServerResponse): boolean {
  const path = (req.url ?? "").split("?")[0];
  if (path !== HEALTH_PATH || (req.method !== "GET" && req.method !== "HEAD")) return false;
  const body = JSON.stringify({ status: "ok" });
  res.writeHead(200, {
    "content-type": "application/json; charset=utf-8",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(body),
  });
  res.end(req.method === "HEAD" ? undefined : body);
  return true;
}
