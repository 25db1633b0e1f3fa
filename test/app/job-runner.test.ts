import { describe, expect, it } from "@jest/globals";
import { createDeliveryDedupe } from "../../src/app/delivery-dedupe.js";
import { createJobRunner } from "../../src/app/job-runner.js";

const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe("the job runner", () => {
  it("returns at once, runs at most `concurrency` jobs together, and idle() waits for all", async () => {
    const errors: unknown[] = [];
    const runner = createJobRunner({ concurrency: 2, log: { error: (d) => errors.push(d) } });
    let running = 0;
    let peak = 0;
    const done: number[] = [];
    const job = (n: number) => async () => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
      done.push(n);
      if (n === 1) runner.enqueue("follow-up", job(99));
    };
    for (const n of [1, 2, 3, 4, 5]) runner.enqueue(`job ${n}`, job(n));
    expect(done).toEqual([]);
    await runner.idle();
    expect(peak).toBe(2);
    expect([...done].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 99]);
    expect(errors).toEqual([]);
  });

  it("logs a failing job and goes on with the others", async () => {
    const errors: { job?: string }[] = [];
    const runner = createJobRunner({ concurrency: 1, log: { error: (d) => errors.push(d) } });
    let ran = false;
    runner.enqueue("broken", async () => {
      throw new Error("boom");
    });
    runner.enqueue("fine", async () => {
      ran = true;
    });
    await runner.idle();
    expect(ran).toBe(true);
    expect(errors.map((e) => e.job)).toEqual(["broken"]);
  });
});

describe("delivery dedupe", () => {
  it("sees each delivery id once and forgets the oldest beyond its capacity", () => {
    const dedupe = createDeliveryDedupe(2);
    expect(["a", "b", "a", "c", "b", "a"].map((id) => dedupe.firstSeen(id))).toEqual([
      true,
      true,
      false,
      true,
      false,
      true,
    ]);
  });
});
