import { describe, expect, it } from "@jest/globals";
import {
  CHECK_NAME,
  externalIdFor,
  isReviewDue,
  parseExternalId,
  RESCAN_ACTION,
  withoutReviewDue,
  withReviewDue,
} from "../../src/app/check-run-ref.js";
import { ANNOTATIONS_PER_REQUEST, checkRunUpdates } from "../../src/app/check-run-updates.js";
import type { CheckAnnotation } from "../../src/app/github-port.js";

const annotation = (n: number): CheckAnnotation => ({
  path: `f${n}.yaml`,
  start_line: n,
  end_line: n,
  annotation_level: "failure",
  title: `t${n}`,
  message: `m${n}`,
});
const result = (count: number) => ({
  conclusion: "failure" as const,
  title: "T",
  summary: "S",
  text: "X",
  annotations: Array.from({ length: count }, (_, i) => annotation(i + 1)),
});
const AT = "2024-05-01T12:00:00.000Z";
const ACTION = {
  label: "Re-scan",
  description: "Scan this commit again",
  identifier: RESCAN_ACTION,
};

describe("checkRunUpdates", () => {
  it("completes in one request when there are at most 50 annotations", () => {
    for (const count of [0, 1, 50]) {
      const updates = checkRunUpdates(result(count), AT, [ACTION]);
      expect(updates).toHaveLength(1);
      expect(updates[0]?.completion).toEqual({ conclusion: "failure", completedAt: AT });
      expect(updates[0]?.output.annotations).toHaveLength(count);
      expect(updates[0]?.actions).toEqual([ACTION]);
    }
  });

  it("sends the first 50 with the completion and appends the rest 50 at a time, in order", () => {
    const updates = checkRunUpdates(result(121), AT, [ACTION]);
    expect(updates.map((u) => u.output.annotations?.length)).toEqual([50, 50, 21]);
    expect(
      updates.slice(1).every((u) => u.completion === undefined && u.actions === undefined),
    ).toBe(true);
    expect(
      updates.every(
        (u) => u.output.title === "T" && u.output.summary === "S" && u.output.text === "X",
      ),
    ).toBe(true);
    expect(updates.flatMap((u) => u.output.annotations ?? []).map((a) => a.start_line)).toEqual(
      Array.from({ length: 121 }, (_, i) => i + 1),
    );
    expect(ANNOTATIONS_PER_REQUEST).toBe(50);
  });
});

describe("check run identity", () => {
  it("round-trips the subject through external_id and rejects anything else", () => {
    expect(CHECK_NAME).toBe("privilege-guard");
    expect(RESCAN_ACTION.length).toBeLessThanOrEqual(20);
    const base = "a".repeat(40);
    expect(parseExternalId(externalIdFor({ kind: "pull-request", pullNumber: 7 }))).toEqual({
      kind: "pull-request",
      pullNumber: 7,
    });
    expect(parseExternalId(externalIdFor({ kind: "merge-group", baseSha: base }))).toEqual({
      kind: "merge-group",
      baseSha: base,
    });
    for (const bad of [
      null,
      undefined,
      "",
      "pull-request:",
      "pull-request:0",
      "pull-request:x",
      "merge-group:main",
      "42",
    ]) {
      expect(parseExternalId(bad)).toBeNull();
    }
  });

  it("marks a run due its review without losing its subject (Re-run and Re-scan still map back)", () => {
    const plain = externalIdFor({ kind: "pull-request", pullNumber: 7 });
    const due = withReviewDue(plain);
    expect(due).toBe("pull-request:7#review-due");
    expect(withReviewDue(due)).toBe(due);
    expect([isReviewDue(plain), isReviewDue(due), isReviewDue(null)]).toEqual([false, true, false]);
    expect(withoutReviewDue(due)).toBe(plain);
    expect(parseExternalId(due)).toEqual({ kind: "pull-request", pullNumber: 7 });
  });
});
