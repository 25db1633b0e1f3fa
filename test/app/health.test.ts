import { createServer } from "node:net";
import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { Probot, ProbotOctokit, Server } from "probot";
import { createApp } from "../../src/app/create-app.js";
import { useNockGuards } from "./support/nock-guards.js";
import { APP_ID, testPrivateKey } from "./support/test-app.js";

useNockGuards();

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

let server: Server | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe("GET /healthz", () => {
  it("answers 200 JSON through Probot's server, beside the webhook route", async () => {
    const options = {
      appId: APP_ID,
      privateKey: testPrivateKey(),
      logLevel: "fatal" as const,
      Octokit: ProbotOctokit.defaults((o: object) => ({
        ...o,
        retry: { enabled: false },
        throttle: { enabled: false },
      })),
    };
    const quiet = await new Probot(options).ready();
    const port = await freePort();
    server = new Server({
      Probot: Probot.defaults(options),
      port,
      host: "127.0.0.1",
      log: quiet.log,
    });
    await server.load(createApp());
    await server.start();
    nock.enableNetConnect("127.0.0.1");

    const ok = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await ok.json()).toEqual({ status: "ok" });

    const head = await fetch(`http://127.0.0.1:${port}/healthz?probe=lb`, { method: "HEAD" });
    expect(head.status).toBe(200);

    const post = await fetch(`http://127.0.0.1:${port}/healthz`, { method: "POST" });
    expect(post.status).toBe(404);
    await post.arrayBuffer();

    // The webhook endpoint is still Probot's: an unsigned delivery is refused.
    const unsigned = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
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
