/**
 * A job queue for the tests of the webhook side: it records each job it is given, or refuses it
 * with `addError`, and runs nothing (so no GitHub call is made).
 */
import type { JobQueue } from "../../../src/app/queue/job-queue.js";
import type { JobSpec } from "../../../src/app/queue/job-spec.js";

export function recordingQueue(jobs: JobSpec[], addError?: Error): JobQueue {
  return {
    async add(spec) {
      if (addError) throw addError;
      jobs.push(spec);
      return "queued";
    },
    async idle() {},
    async counts() {
      return { scan: { waiting: 0, active: 0 }, interactive: { waiting: 0, active: 0 } };
    },
    async ready() {
      return true;
    },
    async close() {},
  };
}
