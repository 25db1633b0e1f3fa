/**
 * `/readyz` and `/metrics` of the App on Probot's own server (as `npm start` mounts it) on
 * 127.0.0.1: a signed webhook delivery over HTTP, GitHub mocked with nock, the job queue in
 * process or on a real Redis server.
 */
import { createHmac } from "node:crypto";
import { afterEach, describe, expect, it } from "@jest/globals";
import type { Server } from "probot";
import { register as globalRegistry } from "prom-client";
import { createApp, type RunningApp } from "../../src/app/create-app.js";
import { createGitHubClient } from "../../src/app/octokit-options.js";
import { inProcess } from "../../src/app/pure-function.js";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { useNockGuards } from "./support/nock-guards.js";
import { startProbotServer } from "./support/probot-server.js";
import { type RedisServer, startRedis } from "./support/redis-server.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { capturePodPullRequest } from "./support/scenarios.js";

useNockGuards();

const SECRET = "webhook-secret-for-tests";

interface Running {
  readonly base: string;
  readonly app: RunningApp;
}

const started: { server: Server; app: RunningApp }[] = [];
let redis: RedisServer | null = null;
afterEach(async () => {
  for (const { server, app } of started.splice(0)) {
    await server.stop();
    await app.close(100);
  }
  await redis?.stop();
  redis = null;
});

/** The App on Probot's server on a free local port, GitHub requests without spacing or retries. */
async function startServer(redisUrl?: string): Promise<Running> {
  let app: RunningApp | null = null;
  const { server, base } = await startProbotServer(
    createApp({
      sweepIntervalMs: 0,
      // The run is created in progress at once, as the expectations of a scan say, however long
      // the scan takes on a loaded machine.
      inProgressDelayMs: 0,
      pure: inProcess,
      ...(redisUrl ? { redisUrl } : {}),
      onStarted: (running) => {
        app = running;
      },
    }),
    {
      secret: SECRET,
      Octokit: createGitHubClient({
        retries: 0,
        writeSpacingMs: 0,
        notificationSpacingMs: 0,
        secondMs: 0,
      }),
    },
  );
  if (!app) throw new Error("the App did not start");
  started.push({ server, app });
  return { base, app };
}

/** Posts a webhook delivery signed with the App's secret. */
async function deliver(base: string, event: { id: string; name: string; payload: unknown }) {
  const body = JSON.stringify(event.payload);
  const signature = `sha256=${createHmac("sha256", SECRET).update(body).digest("hex")}`;
  const answer = await fetch(`${base}/api/github/webhooks`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      "x-github-event": event.name,
      "x-github-delivery": event.id,
      "x-hub-signature-256": signature,
    },
    body,
  });
  await answer.arrayBuffer();
  return answer.status;
}

/** The samples of Prometheus' text format, as `name{labels}` → value. */
function samples(text: string): Map<string, number> {
  const map = new Map<string, number>();
  for (const line of text.split("\n")) {
    if (line === "" || line.startsWith("#")) continue;
    const space = line.lastIndexOf(" ");
    map.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return map;
}

async function scrape(base: string): Promise<Map<string, number>> {
  const answer = await fetch(`${base}/metrics`);
  expect(answer.status).toBe(200);
  expect(answer.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return samples(await answer.text());
}

/** The status of `/readyz` once 200, or the last one after `tries` tries 100 ms apart. */
async function readyWithin(base: string, tries: number): Promise<number> {
  let status = 0;
  for (let i = 0; i < tries && status !== 200; i++) {
    const answer = await fetch(`${base}/readyz`);
    await answer.arrayBuffer();
    status = answer.status;
    if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return status;
}

const scenario = capturePodPullRequest();

describe("GET /readyz", () => {
  it("answers 200 while the in-process queue takes jobs, 503 once it is closed", async () => {
    const { base, app } = await startServer();
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(ready.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await ready.json()).toEqual({ status: "ready", queue: "memory" });

    await app.queue.close(0);
    const closed = await fetch(`${base}/readyz`);
    expect(closed.status).toBe(503);
    expect(await closed.json()).toEqual({ status: "not ready", queue: "memory" });
  });

  it("with REDIS_URL: 200 while Redis answers and the workers run, 503 while it is gone", async () => {
    redis = await startRedis();
    const { base } = await startServer(`${redis.url}/0`);
    // The workers connect in the background: ready within a few seconds.
    expect(await readyWithin(base, 50)).toBe(200);
    expect(await (await fetch(`${base}/readyz`)).json()).toEqual({
      status: "ready",
      queue: "redis",
    });

    await redis.stop();
    const began = Date.now();
    const gone = await fetch(`${base}/readyz`);
    expect(gone.status).toBe(503);
    expect(await gone.json()).toEqual({ status: "not ready", queue: "redis" });
    // It does not wait for ioredis' reconnection.
    expect(Date.now() - began).toBeLessThan(5000);

    // Redis back on its port: ready again once ioredis has reconnected.
    redis = await startRedis(redis.port);
    expect(await readyWithin(base, 100)).toBe(200);
  }, 60_000);
});

describe("GET /metrics", () => {
  it("counts a delivery, its job, the GitHub calls and the findings, in the App's own registry", async () => {
    const { base, app } = await startServer();
    const other = await startServer();
    const gh = new FakeGitHub();
    gh.scope.defaultReplyHeaders({
      "x-ratelimit-remaining": "4990",
      "x-ratelimit-resource": "core",
    });
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    expect(await deliver(base, pullRequestEvent("opened", scenario))).toBe(200);
    await app.queue.idle();
    gh.assertDone();
    const m = await scrape(base);

    expect(m.get('privilege_guard_webhooks_received_total{event="pull_request"}')).toBe(1);
    expect(
      m.get('privilege_guard_webhooks_answered_total{event="pull_request",status="200"}'),
    ).toBe(1);
    expect(m.get("privilege_guard_webhook_ack_seconds_count")).toBe(1);
    expect(m.get('privilege_guard_jobs_added_total{kind="pull-request",result="queued"}')).toBe(1);
    expect(
      m.get('privilege_guard_jobs_finished_total{kind="pull-request",outcome="completed"}'),
    ).toBe(1);
    expect(m.get('privilege_guard_scan_duration_seconds_count{kind="pull-request"}')).toBe(1);
    expect(m.get('privilege_guard_end_to_end_seconds_count{kind="pull-request"}')).toBe(1);
    expect(m.get('privilege_guard_queue_waiting_jobs{lane="scan"}')).toBe(0);
    expect(m.get('privilege_guard_jobs_active{lane="scan"}')).toBe(0);
    // The pull request is read twice (before the scan and before publishing), by route.
    expect(
      m.get(
        'privilege_guard_github_requests_total{route="GET /repos/{owner}/{repo}/pulls/{pull_number}",status="200"}',
      ),
    ).toBe(2);
    expect(
      m.get('privilege_guard_github_requests_total{route="POST /graphql",status="200"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(m.get('privilege_guard_github_rate_limit_remaining{resource="core"}')).toBe(4990);
    // One count per new finding, by its rule, as the check run's annotations name them.
    const annotations = posted.checkRunUpdates[0]?.output?.annotations ?? [];
    const rules = annotations.map((a) => /rule ([a-z0-9-]+)\)$/.exec(String(a.title))?.[1]);
    expect(rules.length).toBeGreaterThan(0);
    expect(rules).not.toContain(undefined);
    for (const rule of new Set(rules)) {
      expect(m.get(`privilege_guard_findings_total{rule="${rule}"}`)).toBe(
        rules.filter((r) => r === rule).length,
      );
    }

    // Another App in the same process counts apart; prom-client's global registry stays empty.
    const o = await scrape(other.base);
    expect(o.get('privilege_guard_webhooks_received_total{event="pull_request"}')).toBeUndefined();
    expect(o.has('privilege_guard_queue_waiting_jobs{lane="scan"}')).toBe(true);
    expect(await globalRegistry.getMetricsAsJSON()).toEqual([]);
  });

  it("counts a delivery refused for its signature as received and answered 400", async () => {
    const { base } = await startServer();
    const answer = await fetch(`${base}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "pull_request",
        "x-github-delivery": "d1",
        "x-hub-signature-256": "sha256=bogus",
      },
      body: "{}",
    });
    await answer.arrayBuffer();
    expect(answer.status).toBe(400);
    const m = await scrape(base);
    expect(m.get('privilege_guard_webhooks_received_total{event="pull_request"}')).toBe(1);
    expect(
      m.get('privilege_guard_webhooks_answered_total{event="pull_request",status="400"}'),
    ).toBe(1);
  });
});
