import type { Finding } from "../core/types.js";
import { CHECK_TEXT_LIMIT } from "../report/check-run-summary.js";
import { escapeText, inlineCode, locationOf, ruleTitle } from "../report/github-markdown.js";
import { truncateText } from "../report/github-truncate.js";
import type { CheckResult } from "./check-run-updates.js";

/** GitHub lists at most 3,000 files of a pull request (pulls/list-files). */
export const MAX_PULL_REQUEST_FILES = 3000;
/** GitHub's comparison lists at most 300 changed files (repos/compare-commits). */
export const MAX_COMPARE_FILES = 300;

/**
 * The pull request's head moved on while this commit was scanned. The old commit's run completes
 * as neutral with this explanation (its review is not posted); the new head has its own run,
 * and only the head commit's checks gate the merge.
 */
export function supersededResult(scannedSha: string, currentSha: string): CheckResult {
  return {
    conclusion: "neutral",
    title: "Superseded by a newer push",
    summary: [
      `The pull request's head moved from \`${scannedSha.slice(0, 7)}\` to \`${currentSha.slice(0, 7)}\` while this commit was being scanned.`,
      "",
      "Its results are not posted: the newer commit gets its own check run and review.",
    ].join("\n"),
    annotations: [],
  };
}

/**
 * The process stopped (a restart or deploy) before the scan finished. The check fails closed
 * until the commit is scanned again (Re-scan, or the next push).
 */
export const INTERRUPTED_TITLE = "Scan interrupted";

export function interruptedResult(): CheckResult {
  return {
    conclusion: "failure",
    title: INTERRUPTED_TITLE,
    summary: [
      "The App stopped (a restart or a deploy) before this scan finished, so nothing was published for this commit.",
      "",
      "Press **Re-scan** (or comment `/privilege-guard rescan`) to scan it again.",
    ].join("\n"),
    annotations: [],
  };
}

export function tooManyFilesMessage(count: number, limit: number, what: string): string {
  return `${what} changes ${count} files; GitHub lists at most ${limit}, so the change cannot be scanned completely. Split it into smaller changes.`;
}

/** The result with a note put first in its details text (within GitHub's size limit). */
export function withNote(result: CheckResult, note: string | null): CheckResult {
  if (!note) return result;
  const text = result.text ? `${note}\n\n${result.text}` : note;
  return { ...result, text: truncateText(text, CHECK_TEXT_LIMIT, "\n\n_(cut)_") };
}

/**
 * The check run's note when the review could not comment every new finding in the hunks: which
 * ones are listed in the review body instead (they are in this check run's report too).
 */
export function overLimitNote(
  overLimit: readonly Pick<Finding, "path" | "line" | "endLine" | "ruleId">[],
  maxComments: number,
): string | null {
  if (overLimit.length === 0) return null;
  const n = overLimit.length;
  const head = `${n === 1 ? "1 new finding" : `${n} new findings`} past the review's limit of ${maxComments} inline comments (\`review.maxComments\` in the configuration) ${n === 1 ? "is" : "are"} listed in the review body with ${n === 1 ? "its fix" : "their fixes"}, not commented inline:`;
  const lines = overLimit.map(
    (f) => `- ${inlineCode(locationOf(f))} ${escapeText(ruleTitle(f.ruleId))}`,
  );
  return [head, "", ...lines].join("\n");
}
