import {
  COLON,
  flowScalarEnd,
  isQuote,
  keyText,
  mayNotBeString,
  SPACE,
  skipSpaces,
} from "./plain-scalars.js";

const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const COMMA = 0x2c;

/** Reports one entry of a flow collection: its key (null in a sequence), depth and raw value. */
export type FlowReport = (key: string | null, depth: number, value: string) => boolean;

export function opensFlow(c: number): boolean {
  return c === OPEN_BRACKET || c === OPEN_BRACE;
}

/** How a flow collection's value is reported: its opening bracket (entries follow on their own). */
export function flowValue(c: number): string {
  return c === OPEN_BRACE ? "{" : "[";
}

/**
 * The index just past a flow collection opened at `i` and closed on this line, or -1 when it is not
 * one of the subset (single line, scalar keys followed by `: `, no empty or trailing entry, no key
 * set twice, nesting up to `maxDepth`). Its entries are reported at `depth`, each before its own.
 */
export function flowEnd(
  text: string,
  i: number,
  end: number,
  depth: number,
  maxDepth: number,
  report: FlowReport,
): number {
  if (depth > maxDepth) return -1;
  const mapping = text.charCodeAt(i) === OPEN_BRACE;
  const close = mapping ? CLOSE_BRACE : CLOSE_BRACKET;
  let j = skipSpaces(text, i + 1, end);
  if (j < end && text.charCodeAt(j) === close) return j + 1;
  const keys = mapping ? new Set<string>() : null;
  for (;;) {
    let key: string | null = null;
    if (keys) {
      const keyStart = j;
      j = flowScalarEnd(text, j, end);
      if (j < 0 || text.charCodeAt(j) !== COLON || text.charCodeAt(j + 1) !== SPACE) return -1;
      key = keyText(text, keyStart, j);
      if (keys.has(key) || (!isQuote(text.charCodeAt(keyStart)) && mayNotBeString(key))) return -1;
      keys.add(key);
      j = skipSpaces(text, j + 1, end);
    }
    const c = text.charCodeAt(j);
    if (j < end && opensFlow(c)) {
      if (!report(key, depth, flowValue(c))) return -1;
      j = flowEnd(text, j, end, depth + 1, maxDepth, report);
      if (j < 0) return -1;
    } else {
      const start = j;
      j = flowScalarEnd(text, j, end);
      if (j < 0 || !report(key, depth, text.slice(start, j))) return -1;
    }
    j = skipSpaces(text, j, end);
    if (j >= end) return -1;
    const ch = text.charCodeAt(j);
    if (ch === close) return j + 1;
    if (ch !== COMMA) return -1;
    j = skipSpaces(text, j + 1, end);
    if (j >= end || text.charCodeAt(j) === close) return -1;
  }
}
