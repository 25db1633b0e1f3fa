/**
 * A command's words as the shell sees them after quote removal, read from the parser's nodes:
 * `"--cap-add"=ALL` is `--cap-add=ALL`, `--net\<newline>=host` is `--net=host`, and whatever only
 * the running shell knows (`$VAR`, `$(cmd)`, `${{ expr }}` placeholders) is marked dynamic.
 */
import type { ArgWord } from "../container/arg-word.js";
import { DYNAMIC } from "../container/arg-word.js";
import type { ShellNode } from "./bash-parser.js";

/** Node types whose value the shell computes at run time. */
const EXPANSIONS = new Set([
  "simple_expansion",
  "expansion",
  "command_substitution",
  "process_substitution",
  "arithmetic_expansion",
  "brace_expression",
]);

/** Characters a backslash escapes inside double quotes (bash(1), QUOTING). */
const DOUBLE_QUOTE_ESCAPES = new Set(["$", "`", '"', "\\", "\n"]);

/** ANSI-C escapes of `$'…'` that the flags read here can contain (bash(1), QUOTING). */
const ANSI_C_ESCAPES: Readonly<Record<string, string>> = {
  n: "\n",
  t: "\t",
  r: "\r",
  "\\": "\\",
  "'": "'",
  '"': '"',
  "?": "?",
  a: "\u0007",
  b: "\b",
  e: "\u001b",
  E: "\u001b",
  f: "\f",
  v: "\v",
};

/** The word a node stands for, with its source range. */
export function wordOf(node: ShellNode, opaque: readonly OpaqueRange[] = []): ArgWord {
  const start = node.startIndex;
  const end = node.endIndex;
  // A word that is one substitution whose value the file gives (`$(DOCKER)` after `DOCKER ?= docker`).
  const known = opaque.find((r) => r.start === start && r.end === end && r.value !== undefined);
  if (known?.value !== undefined) return { value: known.value, dynamic: false, start, end };
  const value = shellValue(node);
  const hidden = opaque.some((r) => r.start < end && r.end > start);
  return { value, dynamic: hidden || value.includes(DYNAMIC), start, end };
}

/** A part of the text that is a placeholder for something only the runner knows (`${{ … }}`). */
export interface OpaqueRange {
  readonly start: number;
  readonly end: number;
  /**
   * What the substitution gives where the file itself says so: a make variable that every
   * assignment in the Makefile sets to the same literal word. A word that is this substitution
   * alone reads as that value.
   */
  readonly value?: string;
}

function shellValue(node: ShellNode): string {
  const type = node.type;
  if (EXPANSIONS.has(type)) return DYNAMIC;
  switch (type) {
    case "word":
      return unescapeWord(node.text);
    case "raw_string":
      return node.text.slice(1, -1);
    case "ansi_c_string":
      return unescapeAnsiC(node.text.slice(2, -1));
    case "string":
      return doubleQuoted(node, 1);
    case "translated_string":
      return doubleQuoted(node, 2);
    case "concatenation":
      return node.children.map((c) => (c ? shellValue(c) : "")).join("");
    default:
      return node.text;
  }
}

/** An unquoted word: a backslash quotes the next character; backslash-newline disappears. */
function unescapeWord(text: string): string {
  if (!text.includes("\\")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "\\" && i + 1 < text.length) {
      i++;
      if (text[i] !== "\n") out += text[i];
    } else out += c;
  }
  return out;
}

/**
 * A double-quoted string: its expansions are dynamic, the text between them loses the backslashes
 * that quote `$`, backquote, `"`, backslash and newline. `open` is the length of the opening quote
 * (`"` or `$"`).
 */
function doubleQuoted(node: ShellNode, open: number): string {
  const text = node.text;
  const base = node.startIndex;
  let out = "";
  let at = open;
  for (const child of node.namedChildren) {
    if (!child || !EXPANSIONS.has(child.type)) continue;
    out += unescapeDouble(text.slice(at, child.startIndex - base));
    out += DYNAMIC;
    at = child.endIndex - base;
  }
  return out + unescapeDouble(text.slice(at, text.length - 1));
}

function unescapeDouble(text: string): string {
  if (!text.includes("\\")) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "\\" && next !== undefined && DOUBLE_QUOTE_ESCAPES.has(next)) {
      i++;
      if (next !== "\n") out += next;
    } else out += c;
  }
  return out;
}

function unescapeAnsiC(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const next = text[i + 1];
    if (c === "\\" && next !== undefined) {
      const mapped = ANSI_C_ESCAPES[next];
      if (mapped !== undefined) {
        out += mapped;
        i++;
        continue;
      }
      // Numeric and Unicode escapes: the flag is not readable without running the shell.
      return DYNAMIC;
    }
    out += c;
  }
  return out;
}
