/**
 * Acknowledgements before job work. Jobs run on the same main thread that answers webhooks (their
 * GitHub calls: an installation token signed with RS256, GraphQL reads, check runs), so during a
 * burst of deliveries the jobs the first deliveries started took half of the main thread and the
 * last deliveries waited for them. Here the job side asks, before and after each GitHub call,
 * whether a delivery is waiting for its answer, and if so waits until none is (then for the
 * I/O phase to end), at most `maxWaitMs` each time so that a delivery that hangs (its queue
 * write waiting for Redis) never stalls a scan for longer than that.
 *
 * A delivery counts from the moment its body is read until its answer is written or its
 * connection closes: a client that sends its body slowly holds nothing back. With no delivery
 * waiting (a lone delivery once answered, every job outside a burst) a call goes ahead at once.
 */
import type { ServerResponse } from "node:http";
import type { Octokit } from "./octokit.js";
import type { NodeHandler } from "./webhook-body-limit.js";

export interface AckFirst {
  /** Counts a delivery (its body read) until `res` is answered or closed. */
  track(res: ServerResponse): void;
  /** Resolves at once when no delivery waits for its answer, else once none does (bounded). */
  quiet(): Promise<void>;
  /** Deliveries waiting for their answer now. */
  readonly waiting: number;
}

/** How long job work waits at most for the deliveries to be answered, each time it asks. */
export const DEFAULT_MAX_WAIT_MS = 500;

export function createAckFirst(maxWaitMs = DEFAULT_MAX_WAIT_MS): AckFirst {
  let waiting = 0;
  const sleepers = new Set<() => void>();
  let scheduled = false;

  // Once the last delivery is answered, the rest of this I/O phase may hold further deliveries:
  // job work resumes after it (setImmediate), if none is waiting then.
  function wake(): void {
    scheduled = false;
    if (waiting > 0) return;
    for (const resume of [...sleepers]) resume();
  }

  return {
    track(res) {
      waiting++;
      let answered = false;
      const done = () => {
        if (answered) return;
        answered = true;
        waiting--;
        if (waiting === 0 && sleepers.size > 0 && !scheduled) {
          scheduled = true;
          setImmediate(wake);
        }
      };
      res.once("finish", done);
      res.once("close", done);
    },
    quiet() {
      if (waiting === 0) return Promise.resolve();
      return new Promise<void>((resolve) => {
        const resume = () => {
          clearTimeout(timer);
          sleepers.delete(resume);
          resolve();
        };
        const timer = setTimeout(resume, maxWaitMs);
        timer.unref();
        sleepers.add(resume);
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
