/**
 * Machine-readable output: `{"findings":[...],"accepted":[...],"problems":[...]}`, and for a diff
 * also `existing` and `resolved` counts. Findings are the engine's `Finding`s, unchanged.
 */
import type { ReviewData } from "./review-data.js";

export function renderJson(review: ReviewData): string {
  const out = {
    findings: review.findings,
    accepted: review.accepted,
    problems: review.problems,
    files: review.files,
    ...(review.diff
      ? {
          existing: review.diff.existing,
          resolved: review.diff.resolved,
          base: review.diff.base,
          head: review.diff.head,
          mergeBase: review.diff.mergeBase,
        }
      : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
