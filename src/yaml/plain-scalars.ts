/**
 * The scalars and line ends of the plain YAML subset that `plain-block-check.ts` proves, as pure
 * functions of a text and positions in it (`end` is the end of the line, never passed).
 */

export const SPACE = 0x20;
export const HASH = 0x23;
export const DASH = 0x2d;
export const COLON = 0x3a;
export const DQUOTE = 0x22;
export const SQUOTE = 0x27;
const BACKSLASH = 0x5c;

/** Characters this subset does not let start a plain scalar (`-` is handled apart). */
const NOT_PLAIN_FIRST = new Set([..."#&*!|>'\"%@`,[]{}?:"].map((c) => c.charCodeAt(0)));
const FLOW_PLAIN_EXTRA = new Set([..."-=+~$()@%^;<>*!&?"].map((c) => c.charCodeAt(0)));
const NOT_STRING_WORD = /^(?:y|yes|n|no|true|false|on|off|null)$/i;

export function isQuote(c: number): boolean {
  return c === DQUOTE || c === SQUOTE;
}

/** A character of a plain key (`-` also, after the first). */
export function isWordChar(c: number): boolean {
  return (
    (c >= 0x61 && c <= 0x7a) || // a-z
    (c >= 0x41 && c <= 0x5a) || // A-Z
    (c >= 0x30 && c <= 0x39) || // 0-9
    c === 0x5f || // _
    c === 0x2e || // .
    c === 0x2f // /
  );
}

/** Characters of a plain scalar inside a flow collection, as this subset accepts them. */
function isFlowPlainChar(c: number): boolean {
  return isWordChar(c) || FLOW_PLAIN_EXTRA.has(c);
}

export function skipSpaces(text: string, j: number, end: number): number {
  let k = j;
  while (k < end && text.charCodeAt(k) === SPACE) k++;
  return k;
}

/** Only spaces from `j`, then the end of the line or a comment (which needs a space before it). */
export function trailing(text: string, j: number, end: number): boolean {
  const k = skipSpaces(text, j, end);
  return k === end || (text.charCodeAt(k) === HASH && k > j);
}

/** The index just past a quoted scalar at `i` closed on this line without escapes, or -1. */
export function quotedEnd(text: string, i: number, end: number): number {
  const quote = text.charCodeAt(i);
  let j = i + 1;
  while (j < end) {
    const ch = text.charCodeAt(j);
    if (quote === DQUOTE && ch === BACKSLASH) return -1;
    if (ch === quote) {
      if (quote === SQUOTE && j + 1 < end && text.charCodeAt(j + 1) === SQUOTE) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    j++;
  }
  return -1;
}

/**
 * Where a plain scalar at `k` in block context ends (before trailing spaces and any comment), or
 * -1 when it is not one of the subset: it may not start with an indicator, nor hold `: ` or end
 * with `:`.
 */
export function plainScalarEnd(text: string, k: number, end: number): number {
  const c = text.charCodeAt(k);
  if (NOT_PLAIN_FIRST.has(c)) return -1;
  if (c === DASH && (k + 1 === end || text.charCodeAt(k + 1) === SPACE)) return -1;
  let last = k + 1;
  for (let j = k + 1; j < end; j++) {
    const ch = text.charCodeAt(j);
    if (ch === SPACE) continue;
    if (ch === HASH && text.charCodeAt(j - 1) === SPACE) break;
    if (ch === COLON && (j + 1 === end || text.charCodeAt(j + 1) === SPACE)) return -1;
    last = j + 1;
  }
  return last;
}

/** The index just past a quoted or plain scalar at `j` inside a flow collection, or -1. */
export function flowScalarEnd(text: string, j: number, end: number): number {
  if (j >= end) return -1;
  const c = text.charCodeAt(j);
  if (isQuote(c)) return quotedEnd(text, j, end);
  const dashed = c === DASH && j + 1 < end && isFlowPlainChar(text.charCodeAt(j + 1));
  if (!isWordChar(c) && !dashed) return -1;
  let k = j + 1;
  while (k < end && isFlowPlainChar(text.charCodeAt(k))) k++;
  return k;
}

/**
 * A plain key that YAML 1.1 may read as a number, a boolean or null (`1`, `0o7`, `.5`, `yes`, `On`,
 * `~`): then two spellings can be one key (`true` and `True`), which only a parser can tell.
 */
export function mayNotBeString(key: string): boolean {
  const c = key.charCodeAt(0);
  if ((c >= 0x30 && c <= 0x39) || c === 0x2e) return true;
  return key.length <= 5 && NOT_STRING_WORD.test(key);
}

/** A key from `start` to `end` as the parser reads it: unquoted (no escapes but a doubled `'`). */
export function keyText(text: string, start: number, end: number): string {
  const c = text.charCodeAt(start);
  if (c === DQUOTE) return text.slice(start + 1, end - 1);
  if (c === SQUOTE) return text.slice(start + 1, end - 1).replaceAll("''", "'");
  return text.slice(start, end);
}
