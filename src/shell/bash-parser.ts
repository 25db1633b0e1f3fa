/**
 * The shell parser: tree-sitter's Bash grammar (`tree-sitter-bash`, the grammar GitHub's code
 * navigation uses) run by `web-tree-sitter` as WebAssembly. It tokenizes as a shell does (quoting,
 * line continuations, heredocs, comments, pipelines, lists, subshells, functions), gives every node
 * its source range in UTF-16 code units (JavaScript string offsets), never recurses on the
 * JavaScript stack, and recovers from syntax errors with ERROR nodes.
 *
 * The WebAssembly module is compiled once, when this module is first imported (importers wait for
 * it, and `parseBash` is then synchronous; `bash-language.ts`).
 */
import type { Node, Range } from "web-tree-sitter";
import { bashParser } from "./bash-language.js";
import { withoutGrammarGaps } from "./grammar-gaps.js";
import "./bash-language-loaded.js";

export type { Node as ShellNode } from "web-tree-sitter";

/**
 * Wall-clock budget of one parse, in milliseconds: tree-sitter is linear on real scripts (about
 * 3 MB/s), but its error recovery can backtrack on adversarial input; past the budget the parse is
 * abandoned and reported.
 */
export const PARSE_BUDGET_MS = 2000;

/** A slice of the text to parse: [start, end) in characters. Text outside every range is ignored. */
export interface TextRange {
  readonly start: number;
  readonly end: number;
}

export type ParseOutcome<T> =
  | { readonly ok: true; readonly value: T; readonly error: SyntaxProblem | null }
  | { readonly ok: false; readonly reason: string };

/** Where the first syntax error is (the parser recovers and the rest of the tree is still read). */
export interface SyntaxProblem {
  readonly offset: number;
  readonly message: string;
}

/**
 * Parses `text` (or only `ranges` of it, keeping the text's own offsets) and hands the tree's root
 * to `read`; the tree is freed afterwards, so `read` must copy what it keeps out of the nodes.
 */
export function parseBash<T>(
  text: string,
  read: (root: Node) => T,
  ranges: readonly TextRange[] = [],
): ParseOutcome<T> {
  // One parser for every parse: parsing is synchronous and never re-entrant, so it is reset and
  // reused (it keeps nothing between parses).
  const parser = bashParser();
  parser.reset();
  try {
    const deadline = performance.now() + PARSE_BUDGET_MS;
    const options = {
      includedRanges: ranges.length > 0 ? toRanges(text, ranges) : undefined,
      // Returning true cancels the parse (web-tree-sitter's contract; its type says void).
      progressCallback: (() => performance.now() > deadline) as () => void,
    };
    const prepared = withoutFinalContinuation(text, ranges);
    let tree = parser.parse(prepared, null, options);
    if (tree?.rootNode.hasError) {
      const again = withoutGrammarGaps(prepared, tree.rootNode);
      if (again !== prepared) {
        tree.delete();
        parser.reset();
        tree = parser.parse(again, null, options);
      }
    }
    if (!tree) return { ok: false, reason: `parsing took over ${PARSE_BUDGET_MS} ms; not scanned` };
    try {
      return { ok: true, value: read(tree.rootNode), error: firstError(tree.rootNode) };
    } finally {
      tree.delete();
    }
  } finally {
    parser.reset();
  }
}

/**
 * The text with a line continuation that ends the script (`cmd \` on its last line, or on the
 * last line of the last range: the ranges are pieces of one script) read as a blank, the same
 * length. The shell removes a backslash-newline and ends the command at the end of the input
 * (`bash -n` accepts it); tree-sitter's grammar takes the backslash there for an error.
 */
function withoutFinalContinuation(text: string, ranges: readonly TextRange[]): string {
  let at = ranges.length > 0 ? ranges.reduce((end, r) => Math.max(end, r.end), 0) : text.length;
  if (text[at - 1] === "\n") at--;
  if (text[at - 1] === "\r") at--;
  let backslashes = 0;
  while (text[at - 1 - backslashes] === "\\") backslashes++;
  return backslashes % 2 === 1 ? `${text.slice(0, at - 1)} ${text.slice(at)}` : text;
}

/** The first ERROR or MISSING node, in document order. */
function firstError(root: Node): SyntaxProblem | null {
  if (!root.hasError) return null;
  const cursor = root.walk();
  try {
    for (;;) {
      const node = cursor.currentNode;
      if (node.isMissing) return { offset: node.startIndex, message: `missing ${node.type}` };
      if (node.type === "ERROR") return { offset: node.startIndex, message: "unexpected text" };
      if (node.hasError && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) if (!cursor.gotoParent()) return null;
    }
  } finally {
    cursor.delete();
  }
}

/** tree-sitter's ranges as web-tree-sitter takes them: code-unit offsets, rows and columns. */
function toRanges(text: string, ranges: readonly TextRange[]): Range[] {
  const out: Range[] = [];
  let row = 0;
  let rowStart = 0;
  let scanned = 0;
  const pointAt = (offset: number) => {
    for (; scanned < offset; scanned++) {
      if (text.charCodeAt(scanned) === 10) {
        row++;
        rowStart = scanned + 1;
      }
    }
    return { row, column: offset - rowStart };
  };
  for (const r of ranges) {
    const startPosition = pointAt(r.start);
    const endPosition = pointAt(r.end);
    out.push({ startIndex: r.start, endIndex: r.end, startPosition, endPosition });
  }
  return out;
}
