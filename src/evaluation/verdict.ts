/**
 * The verdict of a change: what gates the merge (the check run's conclusion, the CLI's exit code).
 * A required check that turns green for something it did not read is a bypass, so a changed file
 * that could not be read in full never gives `success`: it gives `onUnreadable` (`failure` by
 * default, `neutral` when the repository chose so). A new finding at or above `failOn` fails the
 * change whatever else holds. An exception the change requests for itself blocks it until it is
 * approved. Accepted and pre-existing findings never fail it.
 */
import { isAtLeast } from "../core/severity-order.js";
import type { Finding, Problem, Severity } from "../core/types.js";

export type Conclusion = "success" | "failure" | "neutral" | "action_required";

/** What decides the verdict: the repository's configuration, as far as it matters here. */
export interface VerdictPolicy {
  readonly failOn: Severity;
  readonly onUnreadable: "failure" | "neutral";
}

/** Exceptions the change requests for itself that nobody has approved yet. */
export interface AwaitingApproval {
  readonly count: number;
  /** The conclusion while any awaits (config `exceptionApproval.conclusion`). */
  readonly conclusion: "action_required" | "failure";
}

/** Whether the change passes, and why not. */
export interface Verdict {
  readonly conclusion: Conclusion;
  /** The conclusion blocks a merge (`failure` or `action_required`): the CLI exits 1. */
  readonly fails: boolean;
  /** Reported findings at least as severe as `failOn`. */
  readonly failing: readonly Finding[];
  /** Files (head sides) that could not be read in full. */
  readonly unreadFiles: readonly string[];
  /** Exceptions requested in the change that await approval (0 without an approval gate). */
  readonly awaitingApproval: number;
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
): Conclusion {
  if (introduced.some((f) => isAtLeast(f.severity, policy.failOn))) return "failure";
  const unread = problems.length > 0 ? policy.onUnreadable : "success";
  if (unread === "failure") return "failure";
  if (awaiting && awaiting.count > 0) return awaiting.conclusion;
  return unread;
}

/** The verdict with its reasons: the findings that fail, the files not read, what awaits approval. */
export function decideVerdict(
  reported: readonly Finding[],
  problems: readonly Problem[],
  policy: VerdictPolicy,
  awaiting: AwaitingApproval | null = null,
): Verdict {
  const conclusion = verdict(reported, problems, policy, awaiting);
  return {
    conclusion,
    fails: conclusion === "failure" || conclusion === "action_required",
    failing: reported.filter((f) => isAtLeast(f.severity, policy.failOn)),
    unreadFiles: [...new Set(problems.map((p) => p.path))],
    awaitingApproval: awaiting?.count ?? 0,
  };
}
