/**
 * The body of one inline review comment: what is wrong, what protection it removes, the fix (a
 * ```suggestion when it replaces exactly the commented lines, else a diff), how to keep it as an
 * exception, where to read more, and the hidden marker.
 */
import type { Finding } from "../core/types.js";
import type { Placement } from "../diff/place-findings.js";
import { fencedBlock } from "./code-fence.js";
import { MAX_COMMENT_BODY_CHARS } from "./github-limits.js";
import {
  exceptionHowTo,
  fixAsDiff,
  headLines,
  ruleMarkdown,
  ruleTitle,
} from "./github-markdown.js";
import { truncateText } from "./github-truncate.js";
import { commentMarker } from "./markers.js";

export type InlinePlacement = Extract<Placement, { kind: "inline" }>;

export interface CommentContext {
  readonly commandName: string;
  readonly headTexts?: ReadonlyMap<string, string>;
}

/** The comment for an inline placement, at most MAX_COMMENT_BODY_CHARS characters. */
export function buildCommentBody(placement: InlinePlacement, context: CommentContext): string {
  const marker = commentMarker(placement.finding.fingerprint);
  const full = renderComment(placement, context, true);
  const withMarker = `${full}\n\n${marker}`;
  if (withMarker.length <= MAX_COMMENT_BODY_CHARS) return withMarker;
  // A huge fix: drop the suggestion rather than send a cut (and wrong) one.
  const short = renderComment(placement, context, false);
  const note = "\n\n_(cut to GitHub's comment size limit; the check run has the whole report)_";
  const room = MAX_COMMENT_BODY_CHARS - marker.length - 2;
  return `${truncateText(short, { maxChars: room }, note)}\n\n${marker}`;
}

function renderComment(
  placement: InlinePlacement,
  context: CommentContext,
  allowFixText: boolean,
): string {
  const f = placement.finding;
  const parts = [
    `**${ruleTitle(f.ruleId)}** · severity **${f.severity}**${f.pss ? ` · PSS \`${f.pss}\`` : ""}`,
    ruleMarkdown(f.message),
    `**What this removes:** ${f.removes.join(", ")}. ${ruleMarkdown(f.explanation)}`,
    ...fixSection(f, placement, context, allowFixText),
    exceptionDetails(f),
    `Comment \`${context.commandName} explain ${f.ruleId}\` for more.`,
  ];
  return parts.join("\n\n");
}

function fixSection(
  f: Finding,
  placement: InlinePlacement,
  context: CommentContext,
  allowFixText: boolean,
): string[] {
  const fix = f.fix;
  if (!fix) return [`**Fix:** ${ruleMarkdown(f.remediation)}`];
  const fixText = fix.text.replace(/\r/g, "");
  if (!allowFixText) {
    return [
      `**Fix:** ${ruleMarkdown(fix.description)}`,
      "_The suggested change is too long to show here._",
    ];
  }
  const suggestion =
    placement.suggestion &&
    fix.line === placement.startLine &&
    fix.endLine === placement.line &&
    fixText !== currentText(placement);
  if (suggestion)
    return [`**Fix:** ${ruleMarkdown(fix.description)}`, fencedBlock("suggestion", fixText)];
  const current =
    fix.line === placement.startLine && fix.endLine === placement.line && placement.currentLines
      ? placement.currentLines
      : headLines(context.headTexts, f.path, fix.line, fix.endLine);
  return [
    `**Fix:** ${ruleMarkdown(fix.description)}`,
    details(
      `Suggested change (${rangeText(fix.line, fix.endLine)}, beyond the lines of this comment)`,
      fixAsDiff(fix, current),
    ),
  ];
}

function currentText(placement: InlinePlacement): string | null {
  return placement.currentLines ? placement.currentLines.map((l) => `${l}\n`).join("") : null;
}

function exceptionDetails(f: Finding): string {
  return details(
    "If this workload truly needs it",
    `${f.exception}\n\n${exceptionHowTo(f.ruleId)}`,
  );
}

function details(summary: string, content: string): string {
  return `<details>\n<summary>${summary}</summary>\n\n${content}\n\n</details>`;
}

function rangeText(start: number, end: number): string {
  return end > start ? `lines ${start}-${end}` : `line ${start}`;
}
