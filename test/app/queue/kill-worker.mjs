// A worker process for the SIGKILL tests: takes one scan, remembers its check run (KEEP_RUN,
// default 4242), and hangs as a scan stuck mid-way would, or one that completed its check run
// and has not posted its review yet. Runs the built queue (lib/), as the App's process does.
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
    await run.keepRun(Number(process.env.KEEP_RUN ?? "4242"));
    process.stdout.write(`started ${spec.kind === "pull-request" ? spec.scan.headSha : ""}\n`);
    await new Promise(() => {});
  },
});
process.stdout.write("ready\n");
