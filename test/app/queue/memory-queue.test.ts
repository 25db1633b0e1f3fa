import { describe, expect, it } from "@jest/globals";
import { type JobOutcome, stopReason } from "../../../src/app/queue/job-queue.js";
import type { JobSpec } from "../../../src/app/queue/job-spec.js";
import { createMemoryQueue } from "../../../src/app/queue/memory-queue.js";

/** A job that runs until the test releases it. */
interface Held {
  readonly spec: JobSpec;
  readonly signal: AbortSignal;
  release(): void;
}

function harness(concurrency = { scan: 2, interactive: 2 }) {
  const started: Held[] = [];
  const outcomes: [string, JobOutcome][] = [];
  const queue = createMemoryQueue({
    concurrency,
    execute: (spec, { signal }) =>
      new Promise<void>((resolve) => {
        started.push({ spec, signal, release: resolve });
      }),
    observer: {
      finished: (spec, outcome) => outcomes.push([label(spec), outcome]),
    },
  });
  return { queue, started, outcomes };
}

const origin = (installationId = 1, deliveryId = "d") => ({
  installationId,
  deliveryId,
  receivedAt: 0,
});

function scan(
  pullNumber: number,
  headSha: string,
  installationId = 1,
  trigger: "pull_request" | "slash_command" = "pull_request",
): JobSpec {
  return {
    kind: "pull-request",
    ...origin(installationId, `${pullNumber}-${headSha}`),
    scan: { owner: "o", repo: "r", pullNumber, headSha, trigger },
  };
}

function command(deliveryId: string): JobSpec {
  return {
    kind: "command",
    ...origin(1, deliveryId),
    input: { owner: "o", repo: "r", pullNumber: 1, commentId: 1, commentBody: "/x", author: "a" },
  };
}

function label(spec: JobSpec): string {
  if (spec.kind === "pull-request") return `#${spec.scan.pullNumber}@${spec.scan.headSha}`;
  return spec.deliveryId;
}

const flush = () => new Promise((resolve) => setImmediate(resolve));

describe("the in-process job queue", () => {
  it("runs one scan per pull request at a time and coalesces duplicates of a head", async () => {
    const { queue, started } = harness();
    expect(await queue.add(scan(1, "a"))).toBe("queued");
    expect(await queue.add(scan(1, "a"))).toBe("coalesced");
    expect(await queue.add(scan(2, "a"))).toBe("queued");
    expect(started.map((h) => label(h.spec))).toEqual(["#1@a", "#2@a"]);
    for (let i = 0; i < 200; i++) expect(await queue.add(scan(1, "a"))).toBe("coalesced");
    for (const held of started) held.release();
    await queue.idle();
    expect(started).toHaveLength(2);
  });

  it("a newer head stops the running scan of an older one and runs after it", async () => {
    const { queue, started, outcomes } = harness();
    await queue.add(scan(1, "a"));
    expect(await queue.add(scan(1, "b"))).toBe("superseding");
    const [first] = started;
    expect(stopReason(first?.signal)).toEqual({ kind: "superseded", headSha: "b" });
    // Not started before the older one returns: one scan per pull request at a time.
    expect(started).toHaveLength(1);
    first?.release();
    await flush();
    expect(started.map((h) => label(h.spec))).toEqual(["#1@a", "#1@b"]);
    started[1]?.release();
    await queue.idle();
    expect(outcomes).toEqual([
      ["#1@a", "superseded"],
      ["#1@b", "completed"],
    ]);
  });

  it("a newer head replaces a waiting scan of an older one, which never runs", async () => {
    const { queue, started, outcomes } = harness();
    await queue.add(scan(1, "a"));
    await queue.add(scan(1, "b"));
    expect(await queue.add(scan(1, "c"))).toBe("superseding");
    expect(await queue.add(scan(1, "c"))).toBe("coalesced");
    started[0]?.release();
    await flush();
    started[1]?.release();
    await queue.idle();
    expect(started.map((h) => label(h.spec))).toEqual(["#1@a", "#1@c"]);
    expect(outcomes).toEqual([
      ["#1@b", "superseded"],
      ["#1@a", "superseded"],
      ["#1@c", "completed"],
    ]);
  });

  it("an explicit rescan of the head being scanned runs once more after it", async () => {
    const { queue, started } = harness();
    await queue.add(scan(1, "a"));
    expect(await queue.add(scan(1, "a", 1, "slash_command"))).toBe("queued");
    expect(await queue.add(scan(1, "a", 1, "slash_command"))).toBe("coalesced");
    started[0]?.release();
    await flush();
    expect(started).toHaveLength(2);
    expect(started[0]?.signal.aborted).toBe(false);
    started[1]?.release();
    await queue.idle();
  });

  it("serves installations in turn, so one installation's burst does not starve another", async () => {
    const { queue, started } = harness({ scan: 1, interactive: 1 });
    for (let n = 1; n <= 5; n++) await queue.add(scan(n, "a", 1));
    await queue.add(scan(100, "a", 2));
    await queue.add(scan(101, "a", 2));
    for (let i = 0; i < 7; i++) {
      started[i]?.release();
      await flush();
    }
    await queue.idle();
    // #1 started before installation 2 queued anything; then the two take turns.
    expect(started.map((h) => `${h.spec.installationId}:${label(h.spec)}`)).toEqual([
      "1:#1@a",
      "1:#2@a",
      "2:#100@a",
      "1:#3@a",
      "2:#101@a",
      "1:#4@a",
      "1:#5@a",
    ]);
  });

  it("runs commands in their own lane, never behind scans", async () => {
    const { queue, started } = harness({ scan: 1, interactive: 1 });
    await queue.add(scan(1, "a"));
    await queue.add(scan(2, "a"));
    await queue.add(command("help"));
    expect(started.map((h) => label(h.spec))).toEqual(["#1@a", "help"]);
    expect(await queue.counts()).toEqual({
      scan: { waiting: 1, active: 1 },
      interactive: { waiting: 0, active: 1 },
    });
    for (let i = 0; i < 3; i++) {
      started[i]?.release();
      await flush();
    }
    await queue.idle();
  });

  it("on close, takes no more jobs, waits for running ones, then stops them", async () => {
    const { queue, started } = harness();
    await queue.add(scan(1, "a"));
    const closing = queue.close(20);
    await expect(queue.add(scan(2, "a"))).rejects.toThrow("shutting down");
    expect(await queue.ready()).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(stopReason(started[0]?.signal)).toEqual({ kind: "shutdown" });
    started[0]?.release();
    await closing;
    expect(started).toHaveLength(1);
  });

  it("reports a failing job and goes on with the others", async () => {
    const outcomes: JobOutcome[] = [];
    const ran: string[] = [];
    const queue = createMemoryQueue({
      concurrency: { scan: 1, interactive: 1 },
      execute: async (spec) => {
        ran.push(label(spec));
        if (label(spec) === "#1@a") throw new Error("boom");
      },
      observer: { finished: (_spec, outcome) => outcomes.push(outcome) },
    });
    await queue.add(scan(1, "a"));
    await queue.add(scan(2, "a"));
    await queue.idle();
    expect(ran).toEqual(["#1@a", "#2@a"]);
    expect(outcomes).toEqual(["failed", "completed"]);
  });
});
