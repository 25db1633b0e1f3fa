import { describe, expect, it } from "@jest/globals";
import type { Problem, Severity } from "../../src/core/types.js";
import { type VerdictPolicy, verdict } from "../../src/evaluation/verdict.js";

const problem = (code: string): Problem =>
  ({ path: "k8s/a.yaml", code, message: "m", line: 1, column: 1 }) as Problem;
const finding = (severity: Severity) => ({ severity });
const strict: VerdictPolicy = { failOn: "high", onUnreadable: "failure" };
const lenient: VerdictPolicy = { failOn: "high", onUnreadable: "neutral" };

describe("verdict", () => {
  it("is success only when nothing fails and every changed file was read", () => {
    expect(verdict([], [], strict)).toBe("success");
    expect(verdict([finding("medium")], [], strict)).toBe("success");
  });

  it("fails on a new finding at or above failOn, whatever onUnreadable says", () => {
    expect(verdict([finding("critical")], [], lenient)).toBe("failure");
    expect(verdict([finding("high")], [problem("binary")], lenient)).toBe("failure");
  });

  it.each([
    "parse-error",
    "too-large",
    "binary",
    "too-deep",
    "alias-limit",
    "internal-error",
    "contents-missing",
    // A code a later file kind may add (Helm) is unread all the same.
    "template-not-checked",
  ])("concludes onUnreadable, never success, on a %s problem", (code) => {
    expect(verdict([], [problem(code)], strict)).toBe("failure");
    expect(verdict([finding("low")], [problem(code)], lenient)).toBe("neutral");
  });

  it("blocks while an exception requested in the PR awaits approval, and never hides a failure", () => {
    const awaiting = { count: 1, conclusion: "action_required" as const };
    expect(verdict([], [], strict, awaiting)).toBe("action_required");
    expect(verdict([], [], strict, { ...awaiting, conclusion: "failure" })).toBe("failure");
    // neutral would let the merge through: the approval still gates it.
    expect(verdict([], [problem("binary")], lenient, awaiting)).toBe("action_required");
    expect(verdict([], [problem("binary")], strict, awaiting)).toBe("failure");
    expect(verdict([finding("critical")], [], strict, awaiting)).toBe("failure");
    expect(verdict([], [], strict, { ...awaiting, count: 0 })).toBe("success");
  });
});
