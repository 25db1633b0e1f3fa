/**
 * The body of the review: how many new findings, the ones that cannot be commented inline (outside
 * the diff, or over the inline comment limit) with their fixes, a pointer to the check run, and the
 * review marker. At most MAX_COMMENT_BODY_CHARS characters: findings that do not fit are counted
 * in a closing note.
 */
import type { Level } from "../core/types.js";
import type { Placement } from "../diff/place-findings.js";
import { MAX_COMMENT_BODY_CHARS } from "./github-limits.js";
import {
  escapeText,
  fixAsDiff,
  headLines,
  inlineCode,
  locationOf,
  resourceCode,
  ruleMarkdown,
  ruleTitle,
} from "./github-markdown.js";
import { truncateText } from "./github-truncate.js";
import { commentMarker, REVIEW_MARKER } from "./markers.js";

export interface ListedFinding {
  readonly placement: Placement;
  /** Why it is not an inline comment. */
  readonly why: "not-in-hunk" | "no-patch" | "comment-limit";
}

export interface ReviewBodyInput {
  readonly newCount: number;
  readonly inlineCount: number;
  readonly listed: readonly ListedFinding[];
  readonly level: Level;
  readonly checkRunUrl?: string;
  readonly headTexts?: ReadonlyMap<string, string>;
  /** The inline comment limit (`review.maxComments`), named for findings past it. */
  readonly maxComments: number;
}

const WHY: Record<Exclude<ListedFinding["why"], "comment-limit">, string> = {
  "not-in-hunk":
    "its lines are not part of this pull request's diff, so GitHub allows no comment there",
  "no-patch":
    "GitHub shows no line-by-line diff for this file (too large or binary, or its lines end in lone CRs, which git does not count as line breaks)",
};

function why(listed: ListedFinding, maxComments: number): string {
  return listed.why === "comment-limit"
    ? `over the limit of ${maxComments} inline comments per review (\`review.maxComments\` in the configuration)`
    : WHY[listed.why];
}

export function buildReviewBody(input: ReviewBodyInput): string {
  const head = [REVIEW_MARKER, "## Privilege Guard", intro(input), checkRunPointer(input)];
  let body = head.join("\n\n");
  if (input.listed.length > 0) body += "\n\n### Not commented inline";
  const entries = input.listed.map((l) => renderListed(l, input.maxComments, input.headTexts));
  let shown = 0;
  for (const entry of entries) {
    const rest = entries.length - shown - 1;
    const reserve = rest > 0 ? moreNote(rest).length + 2 : 0;
    if (body.length + 2 + entry.length + reserve > MAX_COMMENT_BODY_CHARS) break;
    body += `\n\n${entry}`;
    shown++;
  }
  const left = entries.length - shown;
  if (left > 0) body += `\n\n${moreNote(left)}`;
  // Safety net (a single entry larger than the limit); the review marker comes first and stays.
  return truncateText(body, { maxChars: MAX_COMMENT_BODY_CHARS }, `\n\n${moreNote(left || 1)}`);
}

function intro(input: ReviewBodyInput): string {
  const n = input.newCount;
  const what = `**${n} new privileged ${n === 1 ? "setting" : "settings"}** at the Pod Security Standards **${input.level}** level`;
  const parts: string[] = [];
  if (input.inlineCount > 0) parts.push(`${input.inlineCount} commented inline`);
  if (input.listed.length > 0) parts.push(`${input.listed.length} listed below`);
  return `Found ${what}: ${parts.join(", ")}.`;
}

function checkRunPointer(input: ReviewBodyInput): string {
  const run = input.checkRunUrl
    ? `the [Privilege Guard check run](${input.checkRunUrl})`
    : "the Privilege Guard check run of this commit";
  return `See ${run} for the full report: it lists every finding, pre-existing and accepted ones included, and fails when a new one is severe enough.`;
}

function moreNote(count: number): string {
  return `_${count} more ${count === 1 ? "finding" : "findings"} in the check run._`;
}

function renderListed(
  listed: ListedFinding,
  maxComments: number,
  headTexts?: ReadonlyMap<string, string>,
): string {
  const f = listed.placement.finding;
  const lines = [
    `#### ${inlineCode(locationOf(f))} · ${escapeText(ruleTitle(f.ruleId))} (${f.severity})`,
    "",
    `${ruleMarkdown(f.message)} (${resourceCode(f.resource)}; rule ${inlineCode(f.ruleId)})`,
    "",
    `Not commented inline: ${why(listed, maxComments)}.`,
  ];
  if (f.fix) {
    const current = headLines(headTexts, f.path, f.fix.line, f.fix.endLine);
    lines.push(
      "",
      "<details>",
      "<summary>Suggested fix</summary>",
      "",
      ruleMarkdown(f.fix.description),
      "",
      fixAsDiff(f.fix, current),
      "",
      "</details>",
    );
  } else {
    lines.push("", `**Fix:** ${ruleMarkdown(f.remediation)}`);
  }
  lines.push("", commentMarker(f.fingerprint));
  return lines.join("\n");
}
