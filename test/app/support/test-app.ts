/**
 * A real Probot instance running the App, with Probot's retry and throttling switched off in the
 * function form (the object form is overwritten by Probot's own options, probot/probot#2039), a
 * private key generated for the test run, and the in-process job queue, which the test awaits.
 */
import { generateKeyPairSync } from "node:crypto";
import { type ApplicationFunctionOptions, Probot } from "probot";
import { type AppOptions, createApp } from "../../../src/app/create-app.js";
import { inProcess } from "../../../src/app/pure-function.js";
import { createGitHubClient, type GitHubClientOptions } from "../../../src/app/octokit-options.js";
import type { JobOutcome, JobQueue } from "../../../src/app/queue/job-queue.js";
import type { JobSpec } from "../../../src/app/queue/job-spec.js";
import { createMemoryQueue } from "../../../src/app/queue/memory-queue.js";
import { createMemoryRunRegistry } from "../../../src/app/queue/run-registry.js";

export type Handler = Parameters<ApplicationFunctionOptions["addHandler"]>[0];

export const APP_ID = 4242;
export const APP_SLUG = "privilege-guard";
export const APP_LOGIN = `${APP_SLUG}[bot]`;
/** The clock of every test: check-run timestamps are predictable. */
export const NOW = new Date("2024-05-01T12:00:00.000Z");

let key: string | undefined;

/** An RSA key made for this test process; never written to disk. */
export function testPrivateKey(): string {
  key ??= generateKeyPairSync("rsa", {
    modulusLength: 2048,
    publicKeyEncoding: { type: "spki", format: "pem" },
    privateKeyEncoding: { type: "pkcs1", format: "pem" },
  }).privateKey;
  return key;
}

export interface TestApp {
  readonly probot: Probot;
  readonly queue: JobQueue;
  /** Handlers the App registered with `addHandler`. */
  readonly handlers: readonly Handler[];
  /** Jobs that failed (the queue's failures): a test expects none unless it says so. */
  readonly jobErrors: readonly unknown[];
  /** Rate-limit waits the App asked for, in seconds (no real waiting in tests). */
  readonly waits: readonly number[];
  /** Delivers a webhook and waits until every job it started has finished. */
  receive(event: WebhookDelivery): Promise<void>;
}

export interface WebhookDelivery {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
}

export async function createTestApp(
  options: Partial<AppOptions> = {},
  client: GitHubClientOptions = {},
): Promise<TestApp> {
  const jobErrors: unknown[] = [];
  const waits: number[] = [];
  let queue: JobQueue | null = null;
  const probot = new Probot({
    appId: APP_ID,
    privateKey: testPrivateKey(),
    logLevel: "fatal",
    // The App's own GitHub client, without retries of 5xx answers (each test says what GitHub
    // answers), no write spacing and rate-limit waits recorded instead of waited.
    Octokit: createGitHubClient({
      retries: 0,
      writeSpacingMs: 0,
      notificationSpacingMs: 0,
      secondMs: 0,
      onRateLimitWait: (seconds) => waits.push(seconds),
      ...client,
    }),
  });
  const handlers: Handler[] = [];
  await probot.load(
    createApp({
      sweepIntervalMs: 0,
      now: () => NOW,
      // The evaluation runs in-process unless a test brings a worker pool (worker-budget tests).
      pure: inProcess,
      // The check run is created in progress at once, as for a scan slower than the delay; the
      // tests of a fast scan's run created completed in one request pass a delay.
      inProgressDelayMs: 0,
      ...options,
      // The queue of `options.createQueue` (or one in process), its failures recorded.
      createQueue: (backendOptions) => {
        const observed = {
          ...backendOptions,
          observer: {
            ...backendOptions.observer,
            finished(spec: JobSpec, outcome: JobOutcome, ms: number, error?: unknown) {
              backendOptions.observer.finished?.(spec, outcome, ms, error);
              if (outcome === "failed") jobErrors.push({ job: spec.kind, err: error });
            },
          },
        };
        const backend = options.createQueue?.(observed) ?? {
          kind: "memory" as const,
          queue: createMemoryQueue({ ...observed, concurrency: { scan: 4, interactive: 4 } }),
          runs: createMemoryRunRegistry(),
          async disconnect() {},
        };
        queue = backend.queue;
        return backend;
      },
    }),
    { cwd: process.cwd(), addHandler: (handler) => handlers.push(handler) },
  );
  if (!queue) throw new Error("the App made no job queue");
  const jobs: JobQueue = queue;
  return {
    probot,
    queue: jobs,
    handlers,
    jobErrors,
    waits,
    async receive(event) {
      await probot.receive(event as Parameters<Probot["receive"]>[0]);
      await jobs.idle();
    },
  };
}
