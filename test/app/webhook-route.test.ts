/**
 * The App's webhook route on Probot's own server (as `npm start` mounts it) on 127.0.0.1: the
 * deliveries of events the App handles are verified, recorded and answered by the route, without
 * Probot's dispatch; everything else is answered by Probot's middleware as before. The job queue
 * records what it is given (no job runs, so no GitHub call is made).
 */
import { createHmac } from "node:crypto";
import { request } from "node:http";
import { afterEach, describe, expect, it } from "@jest/globals";
import type { Server } from "probot";
import { type AppOptions, createApp } from "../../src/app/create-app.js";
import { type AppMetrics, createAppMetrics } from "../../src/app/metrics.js";
import { inProcess } from "../../src/app/pure-function.js";
import type { JobSpec } from "../../src/app/queue/job-spec.js";
import { createMemoryRunRegistry } from "../../src/app/queue/run-registry.js";
import { MAX_WEBHOOK_BODY_BYTES } from "../../src/app/webhook-body-limit.js";
import { issueCommentEvent, pullRequestEvent } from "./support/events.js";
import { useNockGuards } from "./support/nock-guards.js";
import { startProbotServer } from "./support/probot-server.js";
import { recordingQueue } from "./support/recording-queue.js";

useNockGuards();

const SECRET = "webhook-secret-for-tests";
const HEAD = "a".repeat(40);

interface Running {
  readonly base: string;
  /** Jobs the queue was given. */
  readonly jobs: JobSpec[];
  /** Deliveries Probot dispatched itself (its `onAny`), by `event.action`. */
  readonly probotSaw: string[];
  readonly metrics: AppMetrics;
}

let server: Server | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** The App on Probot's server; its queue records jobs, or fails with `addError`. */
async function startServer(addError?: Error, options: Partial<AppOptions> = {}): Promise<Running> {
  const jobs: JobSpec[] = [];
  const probotSaw: string[] = [];
  const queue = recordingQueue(jobs, addError);
  const metrics = createAppMetrics();
  const started = await startProbotServer(
    async (app, loadOptions) => {
      app.onAny(async (context) => {
        const action = (context.payload as { action?: string }).action;
        probotSaw.push(action ? `${context.name}.${action}` : context.name);
      });
      await createApp({
        sweepIntervalMs: 0,
        pure: inProcess,
        metrics,
        createQueue: () => ({
          kind: "memory",
          queue,
          runs: createMemoryRunRegistry(),
          async disconnect() {},
        }),
        ...options,
      })(app, loadOptions);
    },
    { secret: SECRET },
  );
  server = started.server;
  return { base: started.base, jobs, probotSaw, metrics };
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

/** POSTs `text` to the webhook path as `event`, signed with `secret`. */
async function post(
  base: string,
  event: { id: string; name: string },
  text: string,
  secret = SECRET,
): Promise<Answer> {
  const signature = `sha256=${createHmac("sha256", secret).update(text).digest("hex")}`;
  const answer = await fetch(`${base}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event.name,
      "x-github-delivery": event.id,
      "x-hub-signature-256": signature,
    },
    body: text,
  });
  return { status: answer.status, body: await answer.text() };
}

function deliver(base: string, event: { id: string; name: string; payload: unknown }) {
  return post(base, event, JSON.stringify(event.payload));
}

/** A sample of the App's registry, `name{labels}` as Prometheus prints it. */
async function sample(metrics: AppMetrics, series: string): Promise<number> {
  const text = await metrics.registry.metrics();
  const line = text.split("\n").find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : 0;
}

const opened = (id: string) =>
  pullRequestEvent("opened", { number: 7, headSha: HEAD, baseSha: "b".repeat(40), id });

describe("the webhook route", () => {
  it("records the job of a pull request delivery and answers 200, without Probot's dispatch", async () => {
    const app = await startServer();
    const answer = await deliver(app.base, opened("delivery-1"));
    expect(answer).toEqual({ status: 200, body: "ok\n" });
    expect(app.jobs).toEqual([
      expect.objectContaining({
        kind: "pull-request",
        installationId: 1,
        deliveryId: "delivery-1",
        scan: expect.objectContaining({ pullNumber: 7, headSha: HEAD, trigger: "pull_request" }),
      }),
    ]);
    expect(app.probotSaw).toEqual([]);
    expect(
      await sample(app.metrics, 'privilege_guard_webhooks_received_total{event="pull_request"}'),
    ).toBe(1);
    expect(
      await sample(
        app.metrics,
        'privilege_guard_webhooks_answered_total{event="pull_request",status="200"}',
      ),
    ).toBe(1);
  });

  it("records a slash command and ignores a comment without one", async () => {
    const app = await startServer();
    const command = issueCommentEvent({ body: "/privilege-guard help" });
    const chat = issueCommentEvent({ body: "looks good" });
    expect((await deliver(app.base, command)).status).toBe(200);
    expect((await deliver(app.base, chat)).status).toBe(200);
    expect(app.jobs.map((j) => [j.kind, j.deliveryId])).toEqual([["command", command.id]]);
    expect(app.probotSaw).toEqual([]);
  });

  it("records a duplicate delivery (the same X-GitHub-Delivery) once, and answers both", async () => {
    const app = await startServer();
    const first = await deliver(app.base, opened("delivery-2"));
    const again = await deliver(app.base, opened("delivery-2"));
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(app.jobs.map((j) => j.deliveryId)).toEqual(["delivery-2"]);
  });

  it("answers a bad signature with Probot's 400 and records nothing", async () => {
    const app = await startServer();
    const event = opened("delivery-3");
    const answer = await post(app.base, event, JSON.stringify(event.payload), "another-secret");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({
      error: "Error: [@octokit/webhooks] signature does not match event payload and secret",
    });
    expect(app.jobs).toEqual([]);
    expect(
      await sample(
        app.metrics,
        'privilege_guard_webhooks_answered_total{event="pull_request",status="400"}',
      ),
    ).toBe(1);
    // The delivery id is not taken by the forgery: the genuine delivery is still recorded.
    expect((await deliver(app.base, event)).status).toBe(200);
    expect(app.jobs.map((j) => j.deliveryId)).toEqual(["delivery-3"]);
  });

  it("answers a signed body that is not JSON with Probot's 400", async () => {
    const app = await startServer();
    const answer = await post(app.base, { id: "delivery-4", name: "pull_request" }, "{not json");
    expect(answer.status).toBe(400);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining("Invalid JSON") });
    expect(app.jobs).toEqual([]);
  });

  it("refuses a body over GitHub's 25 MB cap with 413 before the route reads it", async () => {
    const app = await startServer();
    const answer = await new Promise<number>((resolve, reject) => {
      const req = request(
        `${app.base}/api/github/webhooks`,
        {
          method: "POST",
          headers: {
            "content-type": "application/json",
            "x-github-event": "pull_request",
            "x-github-delivery": "delivery-5",
            "x-hub-signature-256": "sha256=00",
            "content-length": String(MAX_WEBHOOK_BODY_BYTES + 1),
          },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.end();
    });
    expect(answer).toBe(413);
    expect(app.jobs).toEqual([]);
  });

  it("answers an action the App does not act on with 200 and no job", async () => {
    const app = await startServer();
    const closed = opened("delivery-8");
    (closed.payload as { action: string }).action = "closed";
    expect(await deliver(app.base, closed)).toEqual({ status: 200, body: "ok\n" });
    expect(app.jobs).toEqual([]);
    expect(app.probotSaw).toEqual([]);
  });

  it("hands an event the App does not handle to Probot, which answers it", async () => {
    const app = await startServer();
    const ping = {
      id: "delivery-6",
      name: "ping",
      payload: { zen: "Keep it simple.", hook_id: 1 },
    };
    expect(await deliver(app.base, ping)).toEqual({ status: 200, body: "ok\n" });
    expect(app.probotSaw).toEqual(["ping"]);
    expect(app.jobs).toEqual([]);
  });

  it("answers 500 with the error when the job cannot be recorded", async () => {
    const app = await startServer(new Error("the job queue is shutting down"));
    const answer = await deliver(app.base, opened("delivery-7"));
    expect(answer.status).toBe(500);
    expect(JSON.parse(answer.body)).toEqual({ error: "Error: the job queue is shutting down" });
  });
});
