/**
 * JSON with comments, as the dev container tools read `devcontainer.json`: `//` and `/* *\/`
 * comments and trailing commas allowed (https://containers.dev/implementors/json_reference/).
 * Read by jsonc-parser (the parser VS Code's JSON language service uses), whose nodes carry their
 * own character offsets: every position comes from the parser, never from a text search.
 */
import jsonc from "jsonc-parser";
import type { Node, ParseError } from "jsonc-parser";
import { textNestingExceeds } from "../yaml/depth-guard.js";
import { withLineFeeds } from "../yaml/line-breaks.js";
import type { LineIndex } from "../yaml/line-index.js";

const { parseTree, printParseErrorCode, visit } = jsonc;

export type { Node } from "jsonc-parser";

const OPTIONS = { allowTrailingComma: true, disallowComments: false } as const;

/** The byte-order mark an editor may write first; the tools skip it. */
export const BOM = "\uFEFF";

/**
 * The text as the parser is given it, one character for one (every offset holds for the original):
 * a leading byte-order mark as a space, and each lone CR as an LF, since the parser's line
 * counting, the comments' lines and the fixes follow the engine's `LineIndex`.
 */
export function jsoncView(text: string): string {
  const lines = withLineFeeds(text);
  return lines.startsWith(BOM) ? ` ${lines.slice(1)}` : lines;
}

export interface JsoncProblem {
  readonly code: "parse-error" | "too-deep";
  readonly message: string;
  readonly offset: number;
}

/** The tree of a JSONC text, or the first reason it cannot be read. */
export function readJsonc(
  text: string,
  maxDepth: number,
): { root: Node | null; problem: JsoncProblem | null } {
  // The parser recurses once per level: the nesting is bounded before it runs.
  const deep = textNestingExceeds(text, maxDepth);
  if (deep !== -1) {
    return {
      root: null,
      problem: {
        code: "too-deep",
        message: `nesting deeper than ${maxDepth} levels; not read`,
        offset: deep,
      },
    };
  }
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, OPTIONS) ?? null;
  const first = errors[0];
  if (first) {
    return {
      root: null,
      problem: {
        code: "parse-error",
        message: `JSON with comments: ${describe(printParseErrorCode(first.error))}`,
        offset: first.offset,
      },
    };
  }
  return { root, problem: null };
}

/** `CommaExpected` → "comma expected". */
function describe(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
}

/**
 * The comments that stand alone on their line (nothing but blanks before them), by 1-based line
 * (a block comment over several lines by its last line), as the parser's scanner finds them.
 */
export function ownLineComments(text: string, index: LineIndex): Map<number, string> {
  const found = new Map<number, string>();
  visit(
    text,
    {
      onComment: (offset, length) => {
        const line = index.lineOf(offset);
        if (text.slice(index.lineStart(line), offset).trim() !== "") return;
        found.set(index.lineOf(offset + length - 1), text.slice(offset, offset + length));
      },
    },
    OPTIONS,
  );
  return found;
}

/** The value of the object's property `key` (the last one, as JSON.parse keeps), with its key node. */
export function property(
  object: Node | null | undefined,
  key: string,
): { key: Node; value: Node } | null {
  if (object?.type !== "object") return null;
  let found: { key: Node; value: Node } | null = null;
  for (const p of object.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k?.value === key && v) found = { key: k, value: v };
  }
  return found;
}

/** The properties of an object, in order, with their keys. */
export function properties(object: Node | null | undefined): { key: Node; value: Node }[] {
  if (object?.type !== "object") return [];
  const out: { key: Node; value: Node }[] = [];
  for (const p of object.children ?? []) {
    const [k, v] = p.children ?? [];
    if (k && v && typeof k.value === "string") out.push({ key: k, value: v });
  }
  return out;
}

/** The node's range `[start, end)`. */
export function nodeSpan(node: Node): readonly [number, number] {
  return [node.offset, node.offset + node.length];
}
