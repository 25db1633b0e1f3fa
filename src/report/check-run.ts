/**
 * The check run that gates the merge, with the conclusion of `verdict`: failure when a new finding
 * (not accepted) is at least as severe as `failOn`; pre-existing and accepted findings never fail
 * it; a changed file not read in full concludes it per `onUnreadable` (failure by default, never
 * success). `neutral` would pass a required check, so it is only used where the contract asks for
 * it (invalid config, or the repository's `onError: neutral` / `onUnreadable: neutral`).
 */
import { compareFindings } from "../core/severity-order.js";
import type { Evaluation } from "../evaluation/evaluation.js";
import type { Conclusion } from "../evaluation/verdict.js";
import {
  type Annotation,
  acceptedAnnotation,
  findingAnnotation,
  problemAnnotation,
} from "./check-run-annotations.js";
import { buildDetailsText, buildSummary, CHECK_TEXT_LIMIT } from "./check-run-summary.js";
import { fencedBlock, fenceFor } from "./code-fence.js";
import { inlineCode } from "./github-markdown.js";
import { truncateText } from "./github-truncate.js";

export type { Accepted } from "../evaluation/evaluation.js";
export type { Annotation } from "./check-run-annotations.js";

export interface CheckRunOptions {
  /** Defaults to "/privilege-guard". */
  readonly commandName?: string;
}

export interface CheckRunOutput {
  readonly conclusion: Conclusion;
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly annotations: readonly Annotation[];
}

/** "No more than 50 items are allowed" per create or update request (`checks/create` maxItems). */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;

/** The check run of an evaluation: its verdict is the conclusion. */
export function buildCheckRun(input: Evaluation, options: CheckRunOptions = {}): CheckRunOutput {
  const annotations = buildAnnotations(input);
  const text = buildDetailsText(input);
  return {
    conclusion: input.verdict.conclusion,
    title: titleOf(input),
    summary: buildSummary(input, options.commandName),
    ...(text === undefined ? {} : { text }),
    annotations,
  };
}

/**
 * The annotations of an evaluation (the check run's, and the CLI's `github` workflow commands):
 * each reported finding (failure at or above `failOn`, else warning), each problem (per
 * `onUnreadable`), and a notice per exception the change requests for itself (none when
 * `requestedExceptions` is false: a scan has no change to request one in).
 */
export function buildAnnotations(
  input: Evaluation,
  { requestedExceptions = true }: { readonly requestedExceptions?: boolean } = {},
): Annotation[] {
  const problemLevel = input.onUnreadable === "failure" ? "failure" : "warning";
  return [
    ...[...input.reported].sort(compareFindings).map((f) => findingAnnotation(f, input.failOn)),
    ...input.problems.map((p) => problemAnnotation(p, problemLevel)),
    ...(requestedExceptions
      ? input.accepted.filter((a) => a.requestedInThisPr).map(acceptedAnnotation)
      : []),
  ];
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
    fencedBlock("text", `${message}\n`),
    "",
    consequence,
    "",
    "Press **Re-scan** on this check run (or, on a pull request, comment `/privilege-guard rescan`) to try again.",
  ].join("\n");
  return {
    conclusion,
    title: "Scan failed",
    // A cut inside the fenced message closes it with its own fence.
    summary: truncateText(
      summary,
      CHECK_TEXT_LIMIT,
      `\n${fenceFor(`text\n${message}\n`)}\n\n_(cut)_`,
    ),
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

function titleOf(input: Evaluation): string {
  const n = input.reported.length;
  const main =
    n === 0
      ? "No new privileged settings"
      : `${n} new privileged ${n === 1 ? "setting" : "settings"}`;
  const requested = input.accepted.filter((a) => a.requestedInThisPr).length;
  const unread = new Set(input.problems.map((p) => p.path)).size;
  const parts = [main];
  if (requested > 0) parts.push(`${requested} new ${requested === 1 ? "exception" : "exceptions"}`);
  const awaiting = input.verdict.awaitingApproval;
  if (awaiting > 0) parts.push(`${awaiting} awaiting approval`);
  if (unread > 0) parts.push(`${unread} ${unread === 1 ? "file" : "files"} not read`);
  return parts.join(", ");
}
