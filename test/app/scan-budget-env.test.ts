import { describe, expect, it } from "@jest/globals";
import { DEFAULT_SCAN_BUDGET, scanBudgetFromEnv } from "../../src/app/worker-pool.js";

describe("the scan budget from the environment", () => {
  it("keeps the defaults for what is unset or empty", () => {
    expect(scanBudgetFromEnv({})).toEqual(DEFAULT_SCAN_BUDGET);
    expect(scanBudgetFromEnv({ PRIVILEGE_GUARD_SCAN_TIMEOUT_MS: " " })).toEqual(
      DEFAULT_SCAN_BUDGET,
    );
  });

  it("reads each variable", () => {
    expect(
      scanBudgetFromEnv({
        PRIVILEGE_GUARD_SCAN_TIMEOUT_MS: "30000",
        PRIVILEGE_GUARD_SCAN_MEMORY_MB: "768",
        PRIVILEGE_GUARD_SCAN_THREADS: "2",
        PRIVILEGE_GUARD_WARM_THREADS: "0",
      }),
    ).toEqual({ timeoutMs: 30_000, memoryMb: 768, threads: 2, warmThreads: 0 });
  });

  it.each([
    ["PRIVILEGE_GUARD_SCAN_TIMEOUT_MS", "30s", "at least 1"],
    ["PRIVILEGE_GUARD_SCAN_TIMEOUT_MS", "0", "at least 1"],
    ["PRIVILEGE_GUARD_SCAN_MEMORY_MB", "8", "at least 16"],
    ["PRIVILEGE_GUARD_SCAN_MEMORY_MB", "-512", "at least 16"],
    ["PRIVILEGE_GUARD_SCAN_THREADS", "1.5", "at least 1"],
    ["PRIVILEGE_GUARD_WARM_THREADS", "-1", "at least 0"],
  ])("refuses %s=%s with a message naming it", (name, value, bound) => {
    expect(() => scanBudgetFromEnv({ [name]: value })).toThrow(
      `${name} must be a whole number of ${bound}, not ${JSON.stringify(value)}`,
    );
  });
});
