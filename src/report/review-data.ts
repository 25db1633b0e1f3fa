/**
 * What the CLI's reporters render: the findings of a scan or of a change, as plain data. The text,
 * JSON and SARIF reporters all read this one shape, so every format says the same thing.
 */
import type { Finding } from "../core/types.js";

/**
 * Something that stopped (part of) a file from being checked: an engine `Problem`, or a file the
 * CLI could not read (`unreadable`).
 */
export interface ReportProblem {
  readonly path: string;
  readonly code: string;
  readonly message: string;
  readonly line: number;
  readonly column: number;
}

/** What a diff adds to a review: which revisions were compared and what was left unreported. */
export interface DiffSummary {
  /** The base ref as given (`origin/main`). */
  readonly base: string;
  /** The head ref as given, or `working tree`. */
  readonly head: string;
  /** The merge base commit the head was compared with. */
  readonly mergeBase: string;
  /** Findings already present at the merge base: not reported. */
  readonly existing: number;
  /** Findings of the merge base that the head no longer has. */
  readonly resolved: number;
}

export interface ReviewData {
  /** Findings to act on (scan: all; diff: the introduced ones), accepted ones excluded. */
  readonly findings: readonly Finding[];
  /** Findings kept as declared exceptions (`privilege-guard.io/allow-<rule>` with a reason). */
  readonly accepted: readonly Finding[];
  readonly problems: readonly ReportProblem[];
  /** How many files were checked. */
  readonly files: number;
  /** Present for a diff. */
  readonly diff?: DiffSummary;
}

/** Whether a review fails: any finding to act on, or any file that could not be checked. */
export function reviewFails(review: ReviewData): boolean {
  return review.findings.length > 0 || review.problems.length > 0;
}
