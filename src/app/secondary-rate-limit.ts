import { errorHeader, isSecondaryRateLimit } from "./http-error.js";
import type { Octokit } from "./octokit-port.js";

/**
 * Retries requests that hit GitHub's secondary rate limit. Probot's throttle options only log
 * those ("Secondary quota detected…") and let the 403 through, so without this a burst of review
 * or check-run writes would lose its result. The hook sits outside Probot's own throttling and
 * retry plugins, so each retry is spaced by them again.
 */
export interface SecondaryRateLimitOptions {
  /** Retries after the first attempt. */
  readonly maxRetries: number;
  /** GitHub's `retry-after` is honoured up to this many seconds. */
  readonly maxWaitSeconds: number;
  /** Used when GitHub sends no `retry-after` (GitHub's guidance: wait at least a minute). */
  readonly defaultWaitSeconds: number;
  readonly sleep: (milliseconds: number) => Promise<void>;
  readonly onRetry?: (waitSeconds: number, attempt: number, url: string) => void;
}

export const DEFAULT_SECONDARY_RATE_LIMIT: SecondaryRateLimitOptions = {
  maxRetries: 2,
  maxWaitSeconds: 120,
  defaultWaitSeconds: 60,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Seconds to wait before the next attempt. */
export function secondaryWaitSeconds(error: unknown, options: SecondaryRateLimitOptions): number {
  const header = Number(errorHeader(error, "retry-after"));
  const wait = Number.isFinite(header) && header > 0 ? header : options.defaultWaitSeconds;
  return Math.min(wait, options.maxWaitSeconds);
}

export function retrySecondaryRateLimits(
  octokit: Octokit,
  options: SecondaryRateLimitOptions,
): void {
  octokit.hook.wrap("request", async (request, requestOptions) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await request(requestOptions);
      } catch (error) {
        if (!isSecondaryRateLimit(error) || attempt > options.maxRetries) throw error;
        const wait = secondaryWaitSeconds(error, options);
        options.onRetry?.(wait, attempt, String(requestOptions.url ?? ""));
        await options.sleep(wait * 1000);
      }
    }
  });
}
