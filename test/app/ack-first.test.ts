/**
 * Job work waits while webhook deliveries come in (`ack-first.ts`): a GitHub call goes out at
 * once when none does, a while after the last answer (and the I/O phase) when some do, one call
 * at a time, and after the bound when an answer never comes.
 */
import { EventEmitter } from "node:events";
import type { ServerResponse } from "node:http";
import { describe, expect, it } from "@jest/globals";
import { Octokit } from "@octokit/rest";
import { createAckFirst, trackDeliveries, yieldToAcks } from "../../src/app/ack-first.js";
import type { NodeHandler } from "../../src/app/webhook-body-limit.js";

/** A response as the tracker sees it: it emits `finish` when answered, `close` when closed. */
function response(): ServerResponse & EventEmitter {
  return new EventEmitter() as ServerResponse & EventEmitter;
}

/** Whether `promise` has settled after the pending I/O phase and its immediates. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe("createAckFirst", () => {
  it("lets job work go on at once when no delivery waits for its answer", async () => {
    const acks = createAckFirst();
    expect(acks.waiting).toBe(0);
    expect(await settled(acks.quiet())).toBe(true);
  });

  it("holds job work until every waiting delivery is answered", async () => {
    const acks = createAckFirst({ maxWaitMs: 60_000, settleMs: 0 });
    const first = response();
    const second = response();
    acks.track(first);
    acks.track(second);
    expect(acks.waiting).toBe(2);
    const quiet = acks.quiet();
    expect(await settled(quiet)).toBe(false);
    first.emit("finish");
    expect(await settled(quiet)).toBe(false);
    // A connection closed before its answer counts as done, once (`close` follows `finish`).
    second.emit("close");
    first.emit("close");
    expect(acks.waiting).toBe(0);
    expect(await settled(quiet)).toBe(true);
  });

  it("lets the waiting calls go on one at a time, so that a delivery arriving between them holds the rest", async () => {
    const acks = createAckFirst({ maxWaitMs: 60_000, settleMs: 0 });
    const first = response();
    acks.track(first);
    const resumed: string[] = [];
    const a = acks.quiet().then(() => resumed.push("a"));
    const b = acks.quiet().then(() => resumed.push("b"));
    first.emit("finish");
    // One turn of the event loop: the first call goes on, the second waits for the next turn.
    await new Promise((resolve) => setImmediate(resolve));
    await a;
    expect(resumed).toEqual(["a"]);
    const second = response();
    acks.track(second);
    expect(await settled(b)).toBe(false);
    second.emit("finish");
    expect(await settled(b)).toBe(true);
    expect(resumed).toEqual(["a", "b"]);
  });

  it("holds job work for a while after the last answer, while a burst's next deliveries may come", async () => {
    const acks = createAckFirst({ maxWaitMs: 60_000, settleMs: 40 });
    const delivery = response();
    acks.track(delivery);
    delivery.emit("finish");
    const began = performance.now();
    const quiet = acks.quiet();
    expect(await settled(quiet)).toBe(false);
    await quiet;
    expect(performance.now() - began).toBeGreaterThanOrEqual(30);
    // Once settled, a call goes ahead at once.
    expect(await settled(acks.quiet())).toBe(true);
  });

  it("waits at most the bound for an answer that does not come", async () => {
    const acks = createAckFirst({ maxWaitMs: 30 });
    acks.track(response());
    const began = performance.now();
    await acks.quiet();
    expect(performance.now() - began).toBeGreaterThanOrEqual(25);
    expect(acks.waiting).toBe(1);
  });
});

describe("trackDeliveries", () => {
  it("counts a POST whose body has been read until it is answered, and nothing else", async () => {
    const acks = createAckFirst();
    const seen: string[] = [];
    const inner: NodeHandler = (req) => {
      seen.push(`${req.method} ${acks.waiting}`);
      return true;
    };
    const handler = trackDeliveries(inner, acks);
    const delivery = response();
    await handler({ method: "POST", body: "{}" } as never, delivery);
    await handler({ method: "GET" } as never, response());
    await handler({ method: "POST" } as never, response());
    expect(seen).toEqual(["POST 1", "GET 1", "POST 1"]);
    delivery.emit("finish");
    expect(acks.waiting).toBe(0);
  });
});

describe("yieldToAcks", () => {
  it("sends a GitHub call only once the waiting deliveries are answered, and at once otherwise", async () => {
    const acks = createAckFirst({ maxWaitMs: 60_000, settleMs: 0 });
    const sent: string[] = [];
    const octokit = new Octokit({
      request: {
        fetch: async (url: string) => {
          sent.push(new URL(url).pathname);
          return new Response(JSON.stringify({ id: 1 }), {
            status: 200,
            headers: { "content-type": "application/json" },
          });
        },
      },
    });
    yieldToAcks(octokit, acks);

    await octokit.request("GET /app");
    expect(sent).toEqual(["/app"]);

    const delivery = response();
    acks.track(delivery);
    const call = octokit.request("GET /repos/{owner}/{repo}", { owner: "acme", repo: "platform" });
    expect(await settled(call)).toBe(false);
    expect(sent).toEqual(["/app"]);
    delivery.emit("finish");
    const { data } = await call;
    expect(data).toEqual({ id: 1 });
    expect(sent).toEqual(["/app", "/repos/acme/platform"]);
  });
});
