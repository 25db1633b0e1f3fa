/**
 * The check run that gates the merge, with the conclusion of `verdict`: failure when a new finding
 * (not accepted) is at least as severe as `failOn`; pre-existing and accepted findings never fail
 * it; a changed file not read in full concludes it per `onUnreadable` (failure by default, never
 * success). `neutral` would pass a required check, so it is only used where the contract asks for
 * it (invalid config, or the repository's `onError: neutral` / `onUnreadable: neutral`).
 */
import type { Finding, Level, Problem, Severity } from "../core/types.js";
import {
  type Annotation,
  acceptedAnnotation,
  findingAnnotation,
  problemAnnotation,
} from "./check-run-annotations.js";
import { type ApprovalGate, awaitsApproval } from "./check-run-approvals.js";
import { buildDetailsText, buildSummary, CHECK_TEXT_LIMIT } from "./check-run-summary.js";
import { inlineCode } from "./github-markdown.js";
import { truncateText } from "./github-truncate.js";
import { compareFindings } from "./severity-order.js";
import { type Verdict, verdict } from "./verdict.js";

export type { Annotation } from "./check-run-annotations.js";

export interface Accepted {
  readonly finding: Finding;
  readonly reason: string;
  readonly source: "config" | "annotation";
  readonly requestedInThisPr: boolean;
  /** Who approved an exception requested in this PR, and when (`/privilege-guard approve`). */
  readonly approval?: { readonly by: string; readonly at: string };
}

export interface CheckRunInput {
  /** New, not accepted. */
  readonly introduced: readonly Finding[];
  /** Already on the base branch. */
  readonly existing: readonly Finding[];
  readonly accepted: readonly Accepted[];
  readonly problems: readonly Problem[];
  /** Fail when any introduced finding is at least this severe. */
  readonly failOn: Severity;
  /** The conclusion when a changed file could not be read in full (default `failure`). */
  readonly onUnreadable?: "failure" | "neutral";
  readonly level: Level;
  /** Head texts by path, to show the lines each fix replaces (optional). */
  readonly headTexts?: ReadonlyMap<string, string>;
  /** Defaults to "/privilege-guard". */
  readonly commandName?: string;
  /**
   * Exceptions requested in this PR keep the check from passing until approved (pull request
   * scans); absent, they are only flagged.
   */
  readonly approval?: ApprovalGate;
}

export interface CheckRunOutput {
  readonly conclusion: Verdict;
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly annotations: readonly Annotation[];
}

/** "No more than 50 items are allowed" per create or update request (`checks/create` maxItems). */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;

export function buildCheckRun(input: CheckRunInput): CheckRunOutput {
  const onUnreadable = input.onUnreadable ?? "failure";
  const awaiting = input.approval ? input.accepted.filter(awaitsApproval).length : 0;
  const conclusion = verdict(
    input.introduced,
    input.problems,
    { failOn: input.failOn, onUnreadable },
    input.approval ? { count: awaiting, conclusion: input.approval.conclusion } : null,
  );
  const problemLevel = onUnreadable === "failure" ? "failure" : "warning";
  const annotations: Annotation[] = [
    ...[...input.introduced].sort(compareFindings).map((f) => findingAnnotation(f, input.failOn)),
    ...input.problems.map((p) => problemAnnotation(p, problemLevel)),
    ...input.accepted.filter((a) => a.requestedInThisPr).map(acceptedAnnotation),
  ];
  const text = buildDetailsText(input);
  return {
    conclusion,
    title: titleOf(input),
    summary: buildSummary({ ...input, onUnreadable }),
    ...(text === undefined ? {} : { text }),
    annotations,
  };
}

/** For a scan that failed as a whole (GitHub unreachable, an internal error). */
export function buildErrorCheckRun(
  message: string,
  conclusion: "neutral" | "failure",
): CheckRunOutput {
  const consequence =
    conclusion === "failure"
      ? "The check fails so that nothing unchecked is merged (the repository's `onError: failure`)."
      : "The check is neutral (the repository's `onError: neutral`): it does not block the merge, so review the changed manifests by hand.";
  const summary = [
    "Privilege Guard could not finish scanning this change.",
    "",
    "```text",
    message.replace(/`{3,}/g, "'''"),
    "```",
    "",
    consequence,
    "",
    "Press **Re-scan** on this check run (or, on a pull request, comment `/privilege-guard rescan`) to try again.",
  ].join("\n");
  return {
    conclusion,
    title: "Scan failed",
    summary: truncateText(summary, CHECK_TEXT_LIMIT, "\n```\n\n_(cut)_"),
    annotations: [],
  };
}

/** For an invalid `.github/privilege-guard.yml`: neutral, with each error on its own line. */
export function buildConfigErrorCheckRun(errors: readonly string[]): CheckRunOutput {
  const n = errors.length;
  const summary = [
    `\`.github/privilege-guard.yml\` has ${n} ${n === 1 ? "error" : "errors"}, so Privilege Guard did not use it:`,
    "",
    ...errors.map((e) => `- ${inlineCode(e)}`),
    "",
    "Fix the file (the JSON Schema `schema/privilege-guard.schema.json` of Privilege Guard lets editors check it as you type); `docs/configuration.md` describes every option.",
  ].join("\n");
  return {
    conclusion: "neutral",
    title: "Invalid configuration",
    summary: truncateText(
      summary,
      CHECK_TEXT_LIMIT,
      "\n- _… more errors (cut to GitHub's size limit)_",
    ),
    annotations: [],
  };
}

function titleOf(input: CheckRunInput): string {
  const n = input.introduced.length;
  const main =
    n === 0
      ? "No new privileged settings"
      : `${n} new privileged ${n === 1 ? "setting" : "settings"}`;
  const requested = input.accepted.filter((a) => a.requestedInThisPr).length;
  const unread = new Set(input.problems.map((p) => p.path)).size;
  const parts = [main];
  if (requested > 0) parts.push(`${requested} new ${requested === 1 ? "exception" : "exceptions"}`);
  const awaiting = input.approval ? input.accepted.filter(awaitsApproval).length : 0;
  if (awaiting > 0) parts.push(`${awaiting} awaiting approval`);
  if (unread > 0) parts.push(`${unread} ${unread === 1 ? "file" : "files"} not read`);
  return parts.join(", ");
}
