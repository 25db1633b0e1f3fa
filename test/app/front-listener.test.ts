/**
 * The App's request listener in front of Probot's server (`front-listener.ts`, as `npm start`
 * runs it): a webhook POST goes straight to the App's webhook middleware and never through
 * Probot's listener (pino-http, which sets `res.log` on every response it sees); every other
 * request still goes through Probot's listener and its handlers.
 */
import { createHmac } from "node:crypto";
import type { ServerResponse } from "node:http";
import { afterEach, describe, expect, it } from "@jest/globals";
import { Server } from "probot";
import { createApp, type RunningApp } from "../../src/app/create-app.js";
import { runInFront } from "../../src/app/front-listener.js";
import { inProcess } from "../../src/app/pure-function.js";
import type { JobSpec } from "../../src/app/queue/job-spec.js";
import { createMemoryRunRegistry } from "../../src/app/queue/run-registry.js";
import { pullRequestEvent } from "./support/events.js";
import { useNockGuards } from "./support/nock-guards.js";
import { startProbotServer } from "./support/probot-server.js";
import { recordingQueue } from "./support/recording-queue.js";

useNockGuards();

const SECRET = "webhook-secret-for-tests";

let server: Server | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

interface Front {
  readonly base: string;
  readonly jobs: JobSpec[];
  /** Each answered request: its path and whether Probot's listener (pino-http) saw it. */
  readonly answered: { path: string; probotListener: boolean }[];
}

async function startInFront(): Promise<Front> {
  const jobs: JobSpec[] = [];
  const answered: Front["answered"] = [];
  let running: RunningApp | null = null;
  const watch = (res: ServerResponse, path: string) =>
    res.once("finish", () => {
      answered.push({ path, probotListener: (res as { log?: unknown }).log !== undefined });
    });
  const started = await runInFront(
    () =>
      startProbotServer(
        createApp({
          sweepIntervalMs: 0,
          pure: inProcess,
          createQueue: () => ({
            kind: "memory",
            queue: recordingQueue(jobs),
            runs: createMemoryRunRegistry(),
            async disconnect() {},
          }),
          onStarted: (app) => {
            running = app;
          },
        }),
        { secret: SECRET },
      ),
    (req, res) => {
      watch(res, (req.url ?? "").split("?")[0] ?? "");
      return running?.webhookFront(req, res) ?? false;
    },
  );
  server = started.server;
  return { base: started.base, jobs, answered };
}

async function post(base: string, name: string, text: string, secret = SECRET) {
  const answer = await fetch(`${base}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": name,
      "x-github-delivery": `delivery-${name}-${text.length}`,
      "x-hub-signature-256": `sha256=${createHmac("sha256", secret).update(text).digest("hex")}`,
    },
    body: text,
  });
  return { status: answer.status, body: await answer.text() };
}

describe("the App's listener in front of Probot's server", () => {
  it("answers webhook deliveries without Probot's listener, and leaves every other request to it", async () => {
    const front = await startInFront();
    const opened = pullRequestEvent("opened", {
      number: 7,
      headSha: "a".repeat(40),
      baseSha: "b".repeat(40),
      id: "delivery-1",
    });
    expect(await post(front.base, "pull_request", JSON.stringify(opened.payload))).toEqual({
      status: 200,
      body: "ok\n",
    });
    expect(front.jobs).toEqual([expect.objectContaining({ kind: "pull-request" })]);
    // What the route leaves to Probot's webhook middleware, still in front: `ping`, a bad signature.
    expect(
      await post(front.base, "ping", JSON.stringify({ zen: "Keep it logically awesome." })),
    ).toEqual({ status: 200, body: "ok\n" });
    const forged = await post(front.base, "pull_request", JSON.stringify(opened.payload), "wrong");
    expect(forged.status).toBe(400);

    expect((await fetch(`${front.base}/healthz`)).status).toBe(200);
    expect((await fetch(`${front.base}/readyz`)).status).toBe(200);
    expect((await fetch(`${front.base}/metrics`)).status).toBe(200);
    expect(await (await fetch(`${front.base}/ping`)).text()).toBe("PONG");
    expect((await fetch(`${front.base}/api/github/webhooks`)).status).toBe(404);
    expect((await fetch(`${front.base}/nowhere`, { method: "POST" })).status).toBe(404);

    expect(front.answered).toEqual([
      { path: "/api/github/webhooks", probotListener: false },
      { path: "/api/github/webhooks", probotListener: false },
      { path: "/api/github/webhooks", probotListener: false },
      { path: "/healthz", probotListener: true },
      { path: "/readyz", probotListener: true },
      { path: "/metrics", probotListener: true },
      { path: "/ping", probotListener: true },
      { path: "/api/github/webhooks", probotListener: true },
      { path: "/nowhere", probotListener: true },
    ]);
  });

  it("leaves Probot's Server as it was once it has started", async () => {
    const start = Server.prototype.start;
    await startInFront();
    expect(Server.prototype.start).toBe(start);
  });
});
