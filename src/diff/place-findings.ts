/**
 * Where each finding can be commented on a pull request. GitHub rejects a whole review when one
 * comment's lines are not RIGHT-side lines of a single hunk ("must be part of the diff", "start
 * line must be part of the same hunk"), so a comment's range [startLine, line] is either entirely
 * inside one hunk or the finding is placed `outside` (it then goes in the review body and the check
 * run; it is never dropped).
 */
import type { Finding, Fix } from "../core/types.js";
import { type Hunk, hunkContaining, hunkShowsRange, parsePatch } from "./parse-patch.js";

export type Placement =
  | {
      readonly kind: "inline";
      readonly finding: Finding;
      /** First head line of the comment; equal to `line` for a single-line comment. */
      readonly startLine: number;
      readonly line: number;
      /** The finding's fix replaces exactly [startLine, line]: it can be a ```suggestion. */
      readonly suggestion: boolean;
      /** The head text of [startLine, line] as the patch shows it, one entry per line. */
      readonly currentLines?: readonly string[];
    }
  | {
      readonly kind: "outside";
      readonly finding: Finding;
      readonly reason: "not-in-hunk" | "no-patch";
    };

/**
 * Places every finding, in input order. `patches` maps head path → GitHub's `patch` for that file
 * (undefined when GitHub sent none: a large or binary diff).
 *
 * - The fix covers the finding's lines and all the fix's lines are in one hunk: the comment spans
 *   the fix's lines and carries the suggestion.
 * - Otherwise, the finding's lines are in one hunk: the comment spans the finding's lines, with a
 *   suggestion only when the fix's lines are exactly those lines.
 * - Otherwise the finding is `outside`.
 *
 * A suggestion is withheld when it would change nothing: its text equals the current lines
 * (GitHub calls such a suggestion invalid).
 */
export function placeFindings(
  findings: readonly Finding[],
  patches: ReadonlyMap<string, string | undefined>,
): Placement[] {
  const parsed = new Map<string, Hunk[] | null>();
  const hunksOf = (path: string): Hunk[] | null => {
    if (!parsed.has(path)) {
      const patch = patches.get(path);
      parsed.set(path, typeof patch === "string" ? parsePatch(patch) : null);
    }
    return parsed.get(path) ?? null;
  };
  return findings.map((finding) => placeOne(finding, hunksOf(finding.path)));
}

function placeOne(finding: Finding, hunks: readonly Hunk[] | null): Placement {
  if (!hunks) return { kind: "outside", finding, reason: "no-patch" };
  const start = finding.line;
  const end = Math.max(finding.line, finding.endLine);
  const fix = usableFix(finding.fix);

  if (fix && fix.line <= start && fix.endLine >= end) {
    const hunk = hunkContaining(hunks, fix.line);
    if (hunk && hunkShowsRange(hunk, fix.line, fix.endLine)) {
      const current = linesOf(hunk, fix.line, fix.endLine);
      return inline(finding, fix.line, fix.endLine, changes(fix, current), current);
    }
  }
  const hunk = hunkContaining(hunks, start);
  if (hunk && hunkShowsRange(hunk, start, end)) {
    const current = linesOf(hunk, start, end);
    const exact = fix !== null && fix.line === start && fix.endLine === end;
    return inline(finding, start, end, exact && changes(fix, current), current);
  }
  return { kind: "outside", finding, reason: "not-in-hunk" };
}

function inline(
  finding: Finding,
  startLine: number,
  line: number,
  suggestion: boolean,
  currentLines: readonly string[],
): Placement {
  return { kind: "inline", finding, startLine, line, suggestion, currentLines };
}

/** A fix that replaces whole lines; a fix with an empty or inverted range cannot be suggested. */
function usableFix(fix: Fix | undefined): Fix | null {
  if (!fix) return null;
  if (!Number.isInteger(fix.line) || !Number.isInteger(fix.endLine)) return null;
  if (fix.line < 1 || fix.endLine < fix.line) return null;
  return fix;
}

function linesOf(hunk: Hunk, start: number, end: number): string[] {
  const out: string[] = [];
  for (let n = start; n <= end; n++) out.push(hunk.rightText.get(n) ?? "");
  return out;
}

/** Whether applying the fix would change the current lines (same text: nothing to suggest). */
function changes(fix: Fix, current: readonly string[]): boolean {
  const replaced = current.map((l) => `${l}\n`).join("");
  return fix.text.replace(/\r/g, "") !== replaced;
}
