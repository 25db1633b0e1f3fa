import { afterEach, describe, expect, it } from "@jest/globals";
import type { Server } from "probot";
import { createApp } from "../../src/app/create-app.js";
import { useNockGuards } from "./support/nock-guards.js";
import { startProbotServer } from "./support/probot-server.js";

useNockGuards();

let server: Server | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe("GET /healthz", () => {
  it("answers 200 JSON through Probot's server, beside the webhook route", async () => {
    const started = await startProbotServer(createApp());
    server = started.server;
    const { base } = started;

    const ok = await fetch(`${base}/healthz`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await ok.json()).toEqual({ status: "ok" });

    const head = await fetch(`${base}/healthz?probe=lb`, { method: "HEAD" });
    expect(head.status).toBe(200);

    const post = await fetch(`${base}/healthz`, { method: "POST" });
    expect(post.status).toBe(404);
    await post.arrayBuffer();

    // The webhook endpoint is still Probot's: an unsigned delivery is refused.
    const unsigned = await fetch(`${base}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-github-event": "ping",
        "x-github-delivery": "1",
      },
      body: "{}",
    });
    expect(unsigned.status).toBe(400);
    await unsigned.arrayBuffer();
  });
});
