import { Redis } from "ioredis";
import type { JobExecutor, JobQueue, QueueObserver } from "./job-queue.js";
import type { Lane } from "./job-spec.js";
import { createMemoryQueue } from "./memory-queue.js";
import { createRedisQueue } from "./redis-queue.js";
import {
  createMemoryRunRegistry,
  createRedisRunRegistry,
  type RunRegistry,
} from "./run-registry.js";

export interface QueueBackend {
  readonly queue: JobQueue;
  readonly runs: RunRegistry;
  /** "memory" or "redis", for logs and readiness. */
  readonly kind: "memory" | "redis";
  /** Closes what the backend opened (the Redis connection), after the queue is closed. */
  disconnect(): Promise<void>;
}

/**
 * The queue and the registry of runs in progress: on Redis (BullMQ) when `redisUrl` is set, so
 * that jobs survive restarts and processes share the work; in this process otherwise.
 */
export interface QueueBackendOptions {
  readonly redisUrl?: string;
  readonly concurrency: Readonly<Record<Lane, number>>;
  readonly execute: JobExecutor;
  readonly observer: QueueObserver;
}

export function createQueueBackend(options: QueueBackendOptions): QueueBackend {
  if (!options.redisUrl) {
    return {
      kind: "memory",
      queue: createMemoryQueue(options),
      runs: createMemoryRunRegistry(),
      async disconnect() {},
    };
  }
  // BullMQ's workers block on Redis: commands must wait for a reconnect rather than fail.
  const redis = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  redis.on("error", () => {
    // ioredis reconnects by itself; `/readyz` reports Redis as unreachable meanwhile.
  });
  return {
    kind: "redis",
    queue: createRedisQueue({ ...options, redis }),
    runs: createRedisRunRegistry(redis),
    async disconnect() {
      // `quit` waits for a connection; a client that has none is just disconnected.
      if (redis.status !== "ready") redis.disconnect();
      else await redis.quit().catch(() => redis.disconnect());
    },
  };
}
