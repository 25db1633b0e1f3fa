import { isAlias, isCollection, isMap, isPair, isScalar, type Node } from "yaml";

/** How a file lays out its block collections, so that inserted lines look like their neighbours. */
export interface Layout {
  /** Spaces per nesting level. */
  readonly step: number;
  /** True when `- item` lines are indented under their key; false for kubectl's indentless style. */
  readonly indentSeq: boolean;
  /** True for JSON documents: new content is written as JSON. */
  readonly json: boolean;
}

const KEY_LINE = /^( *)(?:- +)?[^\s#-][^#]*:\s*(?:#.*)?$/;
const ITEM_LINE = /^( *)- /;

/** Reads the indentation step and sequence style from the text of one document. */
export function detectLayout(text: string): Layout {
  const lines = text.split("\n").map((l) => l.replace(/\r$/, ""));
  let step = 0;
  let indentSeq: boolean | null = null;
  for (let i = 0; i + 1 < lines.length && (step === 0 || indentSeq === null); i++) {
    const key = KEY_LINE.exec(lines[i] ?? "");
    if (!key) continue;
    const next = nextContent(lines, i + 1);
    if (next === null) continue;
    const keyIndent = keyColumn(lines[i] ?? "");
    const item = ITEM_LINE.exec(next);
    const nextIndent = (/^ */.exec(next)?.[0] ?? "").length;
    if (item) {
      if (indentSeq === null) indentSeq = nextIndent > keyIndent;
      if (step === 0 && nextIndent > keyIndent) step = nextIndent - keyIndent;
    } else if (step === 0 && nextIndent > keyIndent) step = nextIndent - keyIndent;
  }
  const start = text.trimStart();
  // `{{` opens a Go template action (a chart template), not a JSON object.
  const json = start.startsWith("[") || (start.startsWith("{") && !start.startsWith("{{"));
  return { step: step || 2, indentSeq: indentSeq ?? true, json };
}

/** Column (0-based) of the key on a `key:` line, past any `- ` item markers. */
function keyColumn(line: string): number {
  const m = /^( *(?:- +)*)/.exec(line);
  return m?.[1]?.length ?? 0;
}

function nextContent(lines: readonly string[], from: number): string | null {
  for (let j = from; j < lines.length; j++) {
    const l = lines[j] ?? "";
    if (l.trim() === "" || l.trim().startsWith("#")) continue;
    return l;
  }
  return null;
}

/** Offset just past the last character of a node's own content (no trailing breaks or comments). */
export function contentEnd(node: Node, text: string, base: number): number {
  if (isCollection(node) && !node.flow) {
    const last = node.items[node.items.length - 1];
    if (last) {
      if (isPair(last)) {
        const v = last.value as Node | null;
        if (v && (isScalar(v) || isAlias(v) || isCollection(v)) && v.range)
          return contentEnd(v, text, base);
        const k = last.key as Node | null;
        if (k?.range) return contentEnd(k, text, base);
      } else if (isScalar(last) || isAlias(last) || isCollection(last)) {
        return contentEnd(last as Node, text, base);
      }
    }
  }
  let end = base + (node.range?.[1] ?? 0);
  while (end > 0 && (text[end - 1] === "\n" || text[end - 1] === "\r")) end--;
  if (isMap(node) && node.flow) return end;
  return end;
}
