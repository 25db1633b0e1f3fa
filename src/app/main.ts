/**
 * The App's process (`npm start`, the container's command): Probot's server with the App, its
 * GitHub client (timeouts, retries, throttling: `octokit-options.ts`), and a graceful shutdown.
 *
 * On SIGTERM (`docker stop`, Kubernetes): stop listening, let the running jobs finish for up to
 * `SHUTDOWN_GRACE_SECONDS` (default 25, inside Kubernetes' default 30 s), stop the rest (with
 * Redis they are handed back and run again on another process; without, their check runs
 * complete as "Scan interrupted"), close Redis, exit 0. Settings come from the environment, as
 * for `probot run` (APP_ID, PRIVATE_KEY, WEBHOOK_SECRET, REDIS_URL, ...).
 */
import { run } from "probot";
import { createApp, type RunningApp } from "./create-app.js";
import { runInFront } from "./front-listener.js";
import { createGitHubClient } from "./octokit-options.js";

const graceSeconds = Number(process.env.SHUTDOWN_GRACE_SECONDS ?? "25");
const graceMs = Number.isFinite(graceSeconds) && graceSeconds >= 0 ? graceSeconds * 1000 : 25_000;

let app: RunningApp | undefined;
// Webhook deliveries are served in front of Probot's server's request listener (its per-request
// logger), by the App's own webhook middleware; everything else goes to Probot's server.
const server = await runInFront(
  () =>
    run(
      createApp({
        ...(process.env.REDIS_URL ? { redisUrl: process.env.REDIS_URL } : {}),
        processMetrics: true,
        catchUpOnStart: true,
        onStarted: (started) => {
          app = started;
        },
      }),
      { Octokit: createGitHubClient() },
    ),
  (req, res) => app?.webhookFront(req, res) ?? false,
);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  const started = app as RunningApp | undefined;
  const log = started?.log ?? { info: () => {}, warn: () => {}, error: console.error };
  log.info({ signal, graceSeconds: graceMs / 1000 }, "shutting down: draining the job queue");
  const stopListening = server.stop().catch((error: unknown) => {
    log.warn({ err: error }, "could not stop the HTTP server cleanly");
  });
  await Promise.race([stopListening, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
  try {
    await started?.close(graceMs);
    log.info({ signal }, "stopped");
    process.exit(0);
  } catch (error) {
    log.error({ err: error }, "shutdown failed");
    process.exit(1);
  }
}

process.on("SIGTERM", () => {
  void shutdown("SIGTERM");
});
