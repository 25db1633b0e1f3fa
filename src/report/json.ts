/**
 * Machine-readable output of an evaluation: `findings` (reported, the engine's `Finding`s
 * unchanged), `accepted` (with reason and source), `problems`, `files`, the `verdict`, and for a
 * diff the `existing` and `resolved` counts and the revisions compared.
 */
import type { RunReport } from "./review-data.js";

export function renderJson({ evaluation, diff }: RunReport): string {
  const out = {
    findings: evaluation.reported,
    accepted: evaluation.accepted,
    problems: evaluation.problems,
    files: evaluation.files,
    level: evaluation.level,
    verdict: {
      conclusion: evaluation.verdict.conclusion,
      fails: evaluation.verdict.fails,
      failOn: evaluation.failOn,
      onUnreadable: evaluation.onUnreadable,
      failing: evaluation.verdict.failing.length,
      unreadFiles: evaluation.verdict.unreadFiles,
    },
    ...(diff
      ? {
          existing: evaluation.existing.length,
          resolved: evaluation.resolved.length,
          base: diff.base,
          head: diff.head,
          mergeBase: diff.mergeBase,
        }
      : {}),
  };
  return `${JSON.stringify(out, null, 2)}\n`;
}
