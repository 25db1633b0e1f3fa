/**
 * The result of evaluating a change: one model that every output is rendered from (the review and
 * the check run of the App; the CLI's text, compact, GitHub, JSON, JUnit and SARIF output; the
 * exit code). Plain data: it crosses a worker thread boundary unchanged.
 */
import type { Finding, Level, Problem, Severity } from "../core/types.js";
import type { Approval, ApprovalGate } from "./approval.js";
import type { Verdict } from "./verdict.js";

export type { Verdict } from "./verdict.js";

/** A finding kept as a justified exception. */
export interface Accepted {
  readonly finding: Finding;
  readonly reason: string;
  readonly source: "config" | "annotation";
  /** An annotation this change adds (or rewords): reviewers should look at it. */
  readonly requestedInThisPr: boolean;
  /** Who approved it, when it was requested in this change (the App reads approvals). */
  readonly approval?: Approval;
}

export interface Evaluation {
  readonly level: Level;
  /** The least severity that fails the change. */
  readonly failOn: Severity;
  /** What a changed file that could not be read in full does to the verdict. */
  readonly onUnreadable: "failure" | "neutral";
  /** Exceptions requested in the change need an approval (null: they pass, only flagged). */
  readonly approvalGate: ApprovalGate | null;
  /** What the change introduces, no exception covering it: what is reported and judged. */
  readonly reported: readonly Finding[];
  readonly accepted: readonly Accepted[];
  /** Findings the head has that the base already had: listed, never judged. */
  readonly existing: readonly Finding[];
  /** Findings of the base that the head no longer has. */
  readonly resolved: readonly Finding[];
  /** What stopped (part of) a changed file from being checked. */
  readonly problems: readonly Problem[];
  /** How many changed files were evaluated. */
  readonly files: number;
  /** Head texts by path, so that reports can quote the lines a fix replaces. */
  readonly headTexts: ReadonlyMap<string, string>;
  readonly verdict: Verdict;
}
