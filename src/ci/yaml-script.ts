/**
 * Where the shell code of a YAML scalar (a `run:` step, a `script:` line) lies in the file: a
 * literal block's lines without their indentation, a folded block's or plain scalar's lines with
 * the line breaks YAML folds into spaces, a quoted scalar's inside when it holds no escapes. Other
 * scalars (quoted with escapes) are read as their value, placed at the whole scalar.
 */
import type { Scalar } from "yaml";
import type { TextRange } from "../shell/bash-parser.js";
import type { ShellSnippet } from "../shell/shell-snippet.js";
import type { LineIndex } from "../yaml/line-index.js";
import type { Range } from "../yaml/yaml-doc.js";

export function scalarSnippet(
  node: Scalar,
  range: Range,
  text: string,
  index: LineIndex,
): ShellSnippet | null {
  const value = typeof node.value === "string" ? node.value : null;
  if (value === null || value.trim() === "") return null;
  const [start, end] = range;
  switch (node.type) {
    case "BLOCK_LITERAL":
      return blockSnippet(start, end, text, index, false);
    case "BLOCK_FOLDED":
      return blockSnippet(start, end, text, index, true);
    case "PLAIN":
      return plainSnippet(start, end, text, index);
    case "QUOTE_SINGLE":
    case "QUOTE_DOUBLE": {
      const inner = { start: start + 1, end: end - 1 };
      if (text.slice(inner.start, inner.end) === value) return { at: { ranges: [inner] } };
      return { at: { value, range: { start, end } } };
    }
    default:
      return { at: { value, range: { start, end } } };
  }
}

/** Lines of a block scalar: from the line after the header to the scalar's end. */
function blockSnippet(
  start: number,
  end: number,
  text: string,
  index: LineIndex,
  folded: boolean,
): ShellSnippet {
  const first = index.lineOf(start) + 1;
  const last = index.lineOf(Math.max(start, end - 1));
  let indent = -1;
  const lines: { start: number; end: number; lead: number }[] = [];
  for (let line = first; line <= last; line++) {
    const from = index.lineStart(line);
    const to = Math.min(index.lineEnd(line), end);
    if (from >= to) continue;
    const lead = leadingSpaces(text, from, to);
    const blank = from + lead >= to || text[from + lead] === "\n" || text[from + lead] === "\r";
    if (blank) continue;
    // The block's indentation is that of its first non-empty line (YAML 1.2, 8.1.1.1).
    if (indent < 0) indent = lead;
    lines.push({ start: from, end: to, lead });
  }
  const ranges: TextRange[] = lines.map((l) => ({
    start: l.start + Math.min(l.lead, indent),
    end: l.end,
  }));
  const folds: number[] = [];
  if (folded) {
    // A line break between two lines at the block's own indentation folds into a space (8.1.3).
    for (let i = 0; i + 1 < lines.length; i++) {
      const a = lines[i];
      const b = lines[i + 1];
      if (!a || !b || a.lead !== indent || b.lead !== indent) continue;
      if (index.lineOf(b.start) !== index.lineOf(a.start) + 1) continue;
      const br = lineBreakAt(text, a.end);
      if (br >= 0) folds.push(br);
    }
  }
  return { at: { ranges }, ...(folds.length > 0 ? { folds } : {}) };
}

/** A plain scalar: its first line from the scalar's start, further lines folded into spaces. */
function plainSnippet(start: number, end: number, text: string, index: LineIndex): ShellSnippet {
  const firstLine = index.lineOf(start);
  const lastLine = index.lineOf(Math.max(start, end - 1));
  if (firstLine === lastLine) return { at: { ranges: [{ start, end }] } };
  const ranges: TextRange[] = [];
  const folds: number[] = [];
  for (let line = firstLine; line <= lastLine; line++) {
    const from = line === firstLine ? start : index.lineStart(line);
    const to = Math.min(index.lineEnd(line), end);
    const lead = leadingSpaces(text, from, to);
    if (from + lead >= to) continue;
    ranges.push({ start: from + lead, end: to });
    if (line < lastLine) {
      const br = lineBreakAt(text, to);
      if (br >= 0) folds.push(br);
    }
  }
  return { at: { ranges }, folds };
}

function leadingSpaces(text: string, from: number, to: number): number {
  let n = 0;
  while (from + n < to && text[from + n] === " ") n++;
  return n;
}

/** The offset of the "\n" (or "\r" of "\r\n") that ends a line whose end (past the break) is `lineEnd`. */
function lineBreakAt(text: string, lineEnd: number): number {
  if (text[lineEnd - 1] !== "\n") return -1;
  return text[lineEnd - 2] === "\r" ? lineEnd - 2 : lineEnd - 1;
}
