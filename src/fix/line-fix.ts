import type { Fix } from "../core/types.js";
import type { LineIndex } from "../yaml/line-index.js";
import { applyEdits, type TextEdit } from "./text-edit.js";

/** The line ending a text uses ("\r\n" when its first line break is one). */
export function lineEnding(text: string): "\n" | "\r\n" {
  const nl = text.indexOf("\n");
  return nl > 0 && text[nl - 1] === "\r" ? "\r\n" : "\n";
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
  const lastLineHadBreak = to > from && text[to - 1] === "\n";
  let replacement = eol === "\n" ? fix.text : fix.text.replace(/\n/g, eol);
  if (!lastLineHadBreak && replacement.endsWith(eol))
    replacement = replacement.slice(0, -eol.length);
  return text.slice(0, from) + replacement + text.slice(to);
}
