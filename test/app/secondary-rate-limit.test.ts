import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { ProbotOctokit } from "probot";
import { describeError, isSecondaryRateLimit } from "../../src/app/http-error.js";
import {
  retrySecondaryRateLimits,
  type SecondaryRateLimitOptions,
} from "../../src/app/secondary-rate-limit.js";
import { useNockGuards } from "./support/nock-guards.js";

useNockGuards();

const LIMITED = {
  message:
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
};

function client(overrides: Partial<SecondaryRateLimitOptions> = {}) {
  const waits: number[] = [];
  const octokit = new ProbotOctokit({
    auth: { token: "test-token" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  retrySecondaryRateLimits(octokit, {
    maxRetries: 2,
    maxWaitSeconds: 120,
    defaultWaitSeconds: 60,
    sleep: async (ms) => {
      waits.push(ms / 1000);
    },
    ...overrides,
  });
  return { octokit, waits };
}

describe("secondary rate limits", () => {
  it("waits retry-after seconds and retries until GitHub answers", async () => {
    const { octokit, waits } = client();
    const scope = nock("https://api.github.com")
      .post("/repos/o/r/issues/1/comments")
      .reply(403, LIMITED, { "retry-after": "7" })
      .post("/repos/o/r/issues/1/comments")
      .reply(429, { message: "Too many requests" }, { "retry-after": "500" })
      .post("/repos/o/r/issues/1/comments")
      .reply(201, { id: 1 });
    const { data } = await octokit.rest.issues.createComment({
      owner: "o",
      repo: "r",
      issue_number: 1,
      body: "x",
    });
    expect(data.id).toBe(1);
    // 500 s is capped at maxWaitSeconds.
    expect(waits).toEqual([7, 120]);
    expect(scope.isDone()).toBe(true);
  });

  it("waits a minute when GitHub gives no retry-after, and stops after maxRetries", async () => {
    const { octokit, waits } = client({ maxRetries: 1 });
    nock("https://api.github.com").get("/repos/o/r").times(2).reply(403, LIMITED);
    const error = await octokit.rest.repos.get({ owner: "o", repo: "r" }).catch((e: unknown) => e);
    expect(isSecondaryRateLimit(error)).toBe(true);
    expect(waits).toEqual([60]);
    expect(describeError(error)).toBe(`GitHub answered 403 (GET /repos/o/r): ${LIMITED.message}`);
  });

  it("does not retry other 403s (a missing permission) or other errors", async () => {
    const { octokit, waits } = client();
    nock("https://api.github.com")
      .get("/repos/o/r")
      .reply(403, { message: "Resource not accessible by integration" });
    const error = await octokit.rest.repos.get({ owner: "o", repo: "r" }).catch((e: unknown) => e);
    expect(isSecondaryRateLimit(error)).toBe(false);
    expect(waits).toEqual([]);
    expect(describeError(new Error("plain\nsecond line"))).toBe("plain");
  });
});
