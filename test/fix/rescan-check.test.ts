/** The re-scan test every container kind's fix verification applies, and its budget. */
import { describe, expect, it } from "@jest/globals";
import { resolveLimits } from "../../src/core/limits.js";
import {
  countBy,
  FIX_SCAN_ALLOWANCE,
  fixResolves,
  rescanBudget,
  spendRescan,
} from "../../src/fix/rescan-check.js";

const before = countBy(["s>privileged>container-privileged", "s>pid>container-host-namespaces"]);

describe("fixResolves", () => {
  it.each([
    ["the finding is gone", ["s>pid>container-host-namespaces"], [], true],
    [
      "a traded rule's finding comes in",
      ["s>pid>container-host-namespaces", "s>cap_add[SYS_ADMIN]>container-capabilities"],
      ["container-capabilities"],
      true,
    ],
    [
      "another rule's finding comes in",
      ["s>pid>container-host-namespaces", "s>cap_add[SYS_ADMIN]>container-capabilities"],
      [],
      false,
    ],
    [
      "the finding stays",
      ["s>privileged>container-privileged", "s>pid>container-host-namespaces"],
      [],
      false,
    ],
    [
      "an existing finding comes twice",
      ["s>pid>container-host-namespaces", "s>pid>container-host-namespaces"],
      [],
      false,
    ],
  ] as const)("%s: %s", (_name, after, trades, expected) => {
    expect(fixResolves("s>privileged>container-privileged", trades, before, after)).toBe(expected);
  });
});

describe("the re-scan budget", () => {
  it("holds maxFixScanFactor times the file plus the allowance, and refuses what does not fit", () => {
    const limits = resolveLimits({ maxFixScanFactor: 2 });
    const budget = rescanBudget("x".repeat(10), limits);
    expect(budget.left).toBe(20 + FIX_SCAN_ALLOWANCE);
    expect(spendRescan(budget, "y".repeat(FIX_SCAN_ALLOWANCE))).toBe(true);
    expect(spendRescan(budget, "y".repeat(21))).toBe(false);
    expect(budget.left).toBe(20);
  });
});
