/**
 * The verdict of a check: what gates the merge. A required check that turns green for something
 * it did not read is a bypass, so a changed file that could not be read in full never gives
 * `success`: it gives `onUnreadable` (`failure` by default, `neutral` when the repository chose
 * so). A new finding at or above `failOn` fails the check whatever else holds.
 */
import type { Problem, Severity } from "../core/types.js";
import { isAtLeast } from "./severity-order.js";

export type Verdict = "success" | "failure" | "neutral" | "action_required";

/** What decides the verdict: the repository's configuration, as far as it matters here. */
export interface VerdictPolicy {
  readonly failOn: Severity;
  readonly onUnreadable: "failure" | "neutral";
}

/** Exceptions the pull request requests for itself that nobody has approved yet. */
export interface AwaitingApproval {
  readonly count: number;
  /** The conclusion while any awaits (config `exceptionApproval.conclusion`). */
  readonly conclusion: "action_required" | "failure";
}

/**
 * `failure` when a new finding is at least as severe as `failOn`; otherwise `onUnreadable` when
 * any problem stopped a changed file (the head side) from being read in full, whatever its code
 * (parse error, too large, binary, too deep, alias limit, internal error, contents missing, and
 * any code added later), except that an exception awaiting approval turns `neutral` (which would
 * let the merge through) or `success` into its own blocking conclusion; otherwise `success`.
 */
export function verdict(
  introduced: readonly { readonly severity: Severity }[],
  problems: readonly Problem[],
  policy: VerdictPolicy,
  awaiting: AwaitingApproval | null = null,
): Verdict {
  if (introduced.some((f) => isAtLeast(f.severity, policy.failOn))) return "failure";
  const unread = problems.length > 0 ? policy.onUnreadable : "success";
  if (unread === "failure") return "failure";
  if (awaiting && awaiting.count > 0) return awaiting.conclusion;
  return unread;
}
