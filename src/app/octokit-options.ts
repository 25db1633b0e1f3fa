import { AsyncLocalStorage } from "node:async_hooks";
import Bottleneck from "bottleneck";
import { ProbotOctokit } from "probot";

/**
 * How the App talks to GitHub, as options of Probot's Octokit (its throttling and retry plugins)
 * rather than hooks of its own:
 * - every HTTP attempt has a timeout, so a hung response cannot hold a scan (and its check run in
 *   progress) for minutes;
 * - transient failures (5xx, timeouts, network errors) are retried by @octokit/plugin-retry with
 *   growing waits (1 s, 4 s, …), a bounded number of times;
 * - rate limits are left to @octokit/plugin-throttling: a secondary limit is waited out as GitHub's
 *   `retry-after` says (up to a bound), a bounded number of times; the primary limit only when it
 *   resets within a minute. Past that the request fails and the job's own retry (durable queue) or
 *   the check run's error result takes over;
 * - GraphQL queries that only read are not spaced as writes: the throttling plugin counts every
 *   `POST /graphql` as a write (one a second), which spaced a 250-file pull request's blob reads a
 *   second apart. Mutations still are.
 */
export interface GitHubClientOptions {
  /** Timeout of one HTTP attempt (default 15 s). */
  readonly requestTimeoutMs?: number;
  /** Retries of a 5xx answer or a failed attempt (default 2). */
  readonly retries?: number;
  /** Retries after a rate limit (default 2). */
  readonly rateLimitRetries?: number;
  /** Longest `retry-after` waited out (default 120 s); a longer one fails the request. */
  readonly maxRetryAfterSeconds?: number;
  /** Spacing of writes (default 1 s, GitHub's guidance for content-creating requests). */
  readonly writeSpacingMs?: number;
  /** Spacing of writes that notify people (reviews, comments; default 3 s, the plugin's). */
  readonly notificationSpacingMs?: number;
  /** Milliseconds per second of wait (1000; tests make waits instant). */
  readonly secondMs?: number;
  /** Told of each rate-limit wait, in seconds (logs, metrics, tests). */
  readonly onRateLimitWait?: (seconds: number, request: { method: string; url: string }) => void;
}

/**
 * How the client retries a failed request (its retry plugin's settings): the port retries by
 * hand, the same way, the one write it must not let Octokit retry blindly (a completed check
 * run's creation: `octokit-port.ts`).
 */
export interface RetryPolicy {
  /** Retries after the first attempt. */
  readonly retries: number;
  /** The wait before retry n is n² times this (1 s, 4 s, … as @octokit/plugin-retry waits). */
  readonly baseMs: number;
}

/** The policy of a client made by `createGitHubClient`; none (no retries) for another client. */
export function retryPolicyOf(octokit: object): RetryPolicy {
  const policy = (octokit as { retryPolicy?: RetryPolicy }).retryPolicy;
  return policy ?? { retries: 0, baseMs: 1000 };
}

/** Whether a request is a GraphQL query that only reads (not a mutation or subscription). */
export function isGraphqlRead(options: { url?: unknown; query?: unknown }): boolean {
  if (typeof options.url !== "string" || !options.url.includes("/graphql")) return false;
  if (typeof options.query !== "string") return false;
  const body = options.query.replace(/#[^\n]*/g, "").trimStart();
  return body.startsWith("{") || /^query\b/.test(body);
}

interface ThrottleOptions {
  readonly connection?: unknown;
  readonly Bottleneck?: typeof Bottleneck;
  readonly [key: string]: unknown;
}

interface RequestInfo {
  readonly method: string;
  readonly url: string;
}

/** The Octokit class the App gives Probot. */
export function createGitHubClient(options: GitHubClientOptions = {}): typeof ProbotOctokit {
  const timeoutMs = options.requestTimeoutMs ?? 15_000;
  const secondMs = options.secondMs ?? 1000;
  const maxRetryAfter = options.maxRetryAfterSeconds ?? 120;
  const rateLimitRetries = options.rateLimitRetries ?? 2;
  const reading = new AsyncLocalStorage<boolean>();
  // The limiters, per Redis connection (Probot's shared throttling) or per process.
  const groups = new Map<string, Bottleneck.Group>();

  function limiterGroup(throttle: ThrottleOptions | undefined, id: string, minTime: number) {
    const connection = throttle?.connection;
    const key = `${id}:${connection ? "shared" : "local"}`;
    let group = groups.get(key);
    if (!group) {
      const Limiter = throttle?.Bottleneck ?? Bottleneck;
      group = new Limiter.Group({
        id,
        maxConcurrent: 1,
        minTime,
        timeout: 120_000,
        ...(connection ? { connection: connection as Bottleneck.IORedisConnection } : {}),
      });
      groups.set(key, group);
    }
    return group;
  }

  function writeGroup(throttle: ThrottleOptions | undefined) {
    const writes = limiterGroup(throttle, "octokit-write", options.writeSpacingMs ?? 1000);
    return {
      key(id: string) {
        const limiter = writes.key(id);
        return {
          schedule(jobOptions: object, task: () => Promise<unknown>) {
            return reading.getStore() ? task() : limiter.schedule(jobOptions, task);
          },
        };
      },
    };
  }

  const waitHandler =
    (limitRetries: number, maxSeconds: number) =>
    (retryAfter: number, request: RequestInfo, _octokit: unknown, retryCount: number) => {
      if (retryCount >= limitRetries || retryAfter > maxSeconds) return false;
      options.onRateLimitWait?.(retryAfter, { method: request.method, url: request.url });
      return true;
    };

  /** Runs GraphQL reads in a context the write limiter lets through. */
  const readsNotThrottled = (octokit: { hook: InstanceType<typeof ProbotOctokit>["hook"] }) => {
    octokit.hook.wrap("request", (request, requestOptions) =>
      isGraphqlRead(requestOptions as { url?: unknown; query?: unknown })
        ? reading.run(true, () => request(requestOptions))
        : request(requestOptions),
    );
  };

  const timedFetch: typeof fetch = async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
    try {
      return await fetch(input, { ...init, signal });
    } catch (error) {
      // Octokit turns this into a 500 RequestError, which the retry plugin retries.
      if (timeout.aborted && !init?.signal?.aborted) {
        throw new Error(`no answer within ${timeoutMs / 1000} s`, { cause: error });
      }
      throw error;
    }
  };

  const retryPolicy: RetryPolicy = { retries: options.retries ?? 2, baseMs: secondMs };
  const exposeRetryPolicy = () => ({ retryPolicy });

  return ProbotOctokit.plugin(readsNotThrottled, exposeRetryPolicy).defaults(
    (instanceOptions: { throttle?: ThrottleOptions; request?: object }) => ({
      ...instanceOptions,
      request: { ...instanceOptions.request, fetch: timedFetch },
      retry: {
        retries: retryPolicy.retries,
        retryAfterBaseValue: retryPolicy.baseMs,
        // 429 and rate-limit 403s are the throttling plugin's; the rest are not transient.
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
      throttle: {
        ...instanceOptions.throttle,
        enabled: true,
        retryAfterBaseValue: secondMs,
        write: writeGroup(instanceOptions.throttle),
        notifications: limiterGroup(
          instanceOptions.throttle,
          "octokit-notifications",
          options.notificationSpacingMs ?? 3000,
        ),
        onSecondaryRateLimit: waitHandler(rateLimitRetries, maxRetryAfter),
        onRateLimit: waitHandler(1, 60),
      },
    }),
  ) as typeof ProbotOctokit;
}
