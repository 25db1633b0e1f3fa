import { createHmac } from "node:crypto";
import { request } from "node:http";
import { afterEach, describe, expect, it } from "@jest/globals";
import type { Server } from "probot";
import { createApp } from "../../src/app/create-app.js";
import { MAX_WEBHOOK_BODY_BYTES } from "../../src/app/webhook-body-limit.js";
import { useNockGuards } from "./support/nock-guards.js";
import { startProbotServer } from "./support/probot-server.js";

useNockGuards();

const SECRET = "webhook-secret-for-tests";

let server: Server | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

/** The App on Probot's own server (as `probot run` mounts it) on 127.0.0.1; its port. */
async function startServer(): Promise<number> {
  const started = await startProbotServer(createApp({ sweepIntervalMs: 0 }), { secret: SECRET });
  server = started.server;
  return started.port;
}

const deliveryHeaders = (signature: string) => ({
  "content-type": "application/json",
  "x-github-event": "ping",
  "x-github-delivery": "d1",
  "x-hub-signature-256": signature,
});

interface Answer {
  readonly status: number;
  readonly body: string;
  /** Request body bytes written before the answer came. */
  readonly sent: number;
}

/**
 * POSTs to the webhook path: `declared` as Content-Length (or chunked when null), then `total`
 * bytes in 1 MiB chunks, stopping as soon as the server answers.
 */
function post(
  port: number,
  headers: Record<string, string>,
  declared: number | null,
  total: number,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = request(
      {
        host: "127.0.0.1",
        port,
        method: "POST",
        path: "/api/github/webhooks",
        headers: declared === null ? headers : { ...headers, "content-length": String(declared) },
      },
      (res) => {
        answered = true;
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c: string) => {
          body += c;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body, sent }));
      },
    );
    req.on("error", (error) => {
      if (!answered) reject(error);
    });
    const chunk = Buffer.alloc(1024 * 1024, "a");
    const pump = () => {
      while (!answered && sent < total) {
        const part = chunk.subarray(0, Math.min(chunk.length, total - sent));
        sent += part.length;
        if (!req.write(part)) {
          req.once("drain", pump);
          return;
        }
      }
      if (!answered) req.end();
    };
    if (total === 0) req.end();
    else pump();
  });
}

describe("webhook bodies over GitHub's 25 MB cap", () => {
  it("refuses a declared 400 MB body with 413 before reading any of it", async () => {
    const port = await startServer();
    const answer = await post(port, deliveryHeaders("sha256=bogus"), 400 * 1024 * 1024, 0);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining("26214400 bytes") });
  });

  it("refuses a chunked body as soon as it passes the cap", async () => {
    const port = await startServer();
    const answer = await post(port, deliveryHeaders("sha256=bogus"), null, 40 * 1024 * 1024);
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: expect.stringContaining("at most") });
  });

  it("still verifies and accepts deliveries within the cap", async () => {
    const port = await startServer();
    const payload = JSON.stringify({ zen: "Keep it logically awesome.", hook_id: 1 });
    const signature = `sha256=${createHmac("sha256", SECRET).update(payload).digest("hex")}`;
    const bogus = await postText(port, deliveryHeaders("sha256=00"), payload);
    expect(bogus.status).toBe(400);
    const signed = await postText(port, deliveryHeaders(signature), payload);
    expect(signed.status).toBe(200);
    expect(MAX_WEBHOOK_BODY_BYTES).toBe(25 * 1024 * 1024);
  });
});

async function postText(port: number, headers: Record<string, string>, text: string) {
  const res = await fetch(`http://127.0.0.1:${port}/api/github/webhooks`, {
    method: "POST",
    headers,
    body: text,
  });
  await res.arrayBuffer();
  return res;
}
