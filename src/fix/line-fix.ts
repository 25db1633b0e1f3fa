import type { Fix } from "../core/types.js";
import type { LineIndex } from "../yaml/line-index.js";
import { applyEdits, type TextEdit } from "./text-edit.js";

/** The line ending a text uses: that of its first line break ("\n" when it has none). */
export function lineEnding(text: string): "\n" | "\r\n" | "\r" {
  const cr = text.indexOf("\r");
  const nl = text.indexOf("\n");
  if (cr === -1 || (nl !== -1 && nl < cr)) return "\n";
  return text[cr + 1] === "\n" ? "\r\n" : "\r";
}

/** Whether the character before `offset` ends a line (LF, or a lone CR). */
function endsLine(text: string, offset: number): boolean {
  const c = text[offset - 1];
  return c === "\n" || (c === "\r" && text[offset] !== "\n");
}

/**
 * Turns character edits into a whole-line fix, as a suggestion block holds it: the lines the edits
 * touch, replaced by those lines with the edits applied. Returns null when nothing changes.
 */
export function toLineFix(
  text: string,
  index: LineIndex,
  edits: readonly TextEdit[],
  description: string,
  trades: readonly string[],
): Fix | null {
  if (edits.length === 0) return null;
  const start = Math.min(...edits.map((e) => e.start));
  const end = Math.max(...edits.map((e) => e.end));
  // A pure insertion at the start of a line goes at the end of the line before it: the lines it
  // is appended to, not the unrelated line that follows (the next document's `---`, say, or at
  // the end of the text no line at all).
  const insertion = start === end && start > 0 && text[start - 1] === "\n";
  const line = index.lineOf(insertion ? start - 1 : start);
  // An edit that ends exactly at a line start touches only the lines before it.
  const lastChar = end > start || insertion ? end - 1 : end;
  let endLine = index.lineOf(lastChar);
  if (end > start && text[lastChar] !== "\n" && endLine < line) endLine = line;
  if (endLine < line) endLine = line;
  const from = index.lineStart(line);
  const to = index.lineEnd(endLine);
  const shifted = edits.map((e) => ({ start: e.start - from, end: e.end - from, text: e.text }));
  const original = text.slice(from, to);
  let replaced = applyEdits(original, shifted).replace(/\r\n/g, "\n");
  if (replaced !== "" && !replaced.endsWith("\n")) replaced += "\n";
  const before = original.replace(/\r\n/g, "\n");
  if (replaced === (before.endsWith("\n") ? before : `${before}\n`)) return null;
  return { line, endLine, text: replaced, description, trades };
}

/** Applies a whole-line fix to a text, in the text's own line endings. */
export function applyLineFix(text: string, index: LineIndex, fix: Fix): string {
  const eol = lineEnding(text);
  const from = index.lineStart(fix.line);
  const to = index.lineEnd(fix.endLine);
  const lastLineHadBreak = to > from && endsLine(text, to);
  let replacement = eol === "\n" ? fix.text : fix.text.replace(/\n/g, eol);
  if (!lastLineHadBreak && replacement.endsWith(eol))
    replacement = replacement.slice(0, -eol.length);
  return text.slice(0, from) + replacement + text.slice(to);
}
