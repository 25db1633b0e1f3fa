/**
 * Acknowledgements before job work. Jobs run on the same main thread that answers webhooks (their
 * GitHub calls: an installation token signed with RS256, GraphQL reads, check runs), so during a
 * burst of deliveries the jobs the first deliveries started took half of the main thread and the
 * last deliveries waited for them. Here the job side asks, before and after each GitHub call,
 * whether deliveries are coming in: a delivery waiting for its answer, or one answered less than
 * `settleMs` ago (the gaps between the deliveries of a burst). If so it waits until neither holds,
 * and then the waiting calls go on one at a time, each after the next I/O phase, so that they do
 * not all take the thread at once while more deliveries may arrive. Each call waits at most
 * `maxWaitMs`, so that a delivery that hangs (its queue write waiting for Redis) never stalls a
 * scan for longer.
 *
 * A delivery counts from the moment its body is read until its answer is written or its
 * connection closes: a client that sends its body slowly holds nothing back. Outside bursts a
 * call goes ahead at once; a lone delivery's scan waits `settleMs` once, after its answer.
 */
import type { ServerResponse } from "node:http";
import type { Octokit } from "./octokit.js";
import type { NodeHandler } from "./webhook-body-limit.js";

export interface AckFirst {
  /** Counts a delivery (its body read) until `res` is answered or closed. */
  track(res: ServerResponse): void;
  /** Resolves at once when no delivery is coming in, else once none is (bounded). */
  quiet(): Promise<void>;
  /** Deliveries waiting for their answer now. */
  readonly waiting: number;
}

export interface AckFirstOptions {
  /** How long job work waits at most, each time it asks (default 1 s). */
  readonly maxWaitMs?: number;
  /** How long after the last answer deliveries are taken to be still coming in (default 10 ms). */
  readonly settleMs?: number;
}

export function createAckFirst(options: AckFirstOptions = {}): AckFirst {
  const maxWaitMs = options.maxWaitMs ?? 1000;
  const settleMs = options.settleMs ?? 10;
  let waiting = 0;
  let lastAnswer = Number.NEGATIVE_INFINITY;
  const sleepers = new Set<() => void>();
  let scheduled = false;

  const settling = () => performance.now() - lastAnswer < settleMs;

  // The first waiting call goes on once no delivery is coming in, after the I/O phase (which may
  // hold further deliveries); the next one after the following phase, and so on.
  function wake(): void {
    scheduled = false;
    if (waiting > 0 || sleepers.size === 0) return;
    const quietFor = performance.now() - lastAnswer;
    if (quietFor < settleMs) {
      scheduled = true;
      setTimeout(wake, settleMs - quietFor).unref();
      return;
    }
    const [next] = sleepers;
    next?.();
    schedule();
  }

  function schedule(): void {
    if (scheduled || waiting > 0 || sleepers.size === 0) return;
    scheduled = true;
    setImmediate(wake);
  }

  return {
    track(res) {
      waiting++;
      let answered = false;
      const done = () => {
        if (answered) return;
        answered = true;
        waiting--;
        lastAnswer = performance.now();
        schedule();
      };
      res.once("finish", done);
      res.once("close", done);
    },
    quiet() {
      if (waiting === 0 && sleepers.size === 0 && !settling()) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const resume = () => {
          clearTimeout(timer);
          sleepers.delete(resume);
          resolve();
        };
        const timer = setTimeout(resume, maxWaitMs);
        timer.unref();
        sleepers.add(resume);
        schedule();
      });
    },
    get waiting() {
      return waiting;
    },
  };
}

/** `middleware`, with each webhook delivery whose body has been read counted by `acks`. */
export function trackDeliveries<H extends NodeHandler>(middleware: H, acks: AckFirst): H {
  const tracked = (...[req, res, next]: Parameters<NodeHandler>) => {
    if (req.method === "POST" && typeof (req as { body?: unknown }).body === "string") {
      acks.track(res);
    }
    return middleware(req, res, next);
  };
  return tracked as H;
}

/** Octokit's requests wait for `acks.quiet()` before they are sent and before their answer is used. */
export function yieldToAcks(octokit: Pick<Octokit, "hook">, acks: AckFirst): void {
  octokit.hook.wrap("request", async (request, options) => {
    await acks.quiet();
    const response = await request(options);
    await acks.quiet();
    return response;
  });
}
