// A worker process for the SIGKILL test: takes one scan, remembers its check run, and hangs as a
// scan stuck mid-way would. Runs the built queue (lib/), as the App's process does.
import { Redis } from "ioredis";
import { createRedisQueue } from "../../../lib/app/queue/redis-queue.js";

const redis = new Redis(process.env.REDIS_URL ?? "", { maxRetriesPerRequest: null });
createRedisQueue({
  redis,
  prefix: process.env.QUEUE_PREFIX,
  concurrency: { scan: 1, interactive: 1 },
  lockMs: 2000,
  pollMs: 100,
  execute: async (spec, run) => {
    await run.keepRun(4242);
    process.stdout.write(`started ${spec.kind === "pull-request" ? spec.scan.headSha : ""}\n`);
    await new Promise(() => {});
  },
});
process.stdout.write("ready\n");
