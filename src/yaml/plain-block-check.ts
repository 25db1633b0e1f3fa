import { isPrintableAscii } from "../core/refusal.js";
import { flowEnd, flowValue, opensFlow } from "./plain-flow.js";
import {
  COLON,
  DASH,
  HASH,
  isQuote,
  isWordChar,
  keyText,
  mayNotBeString,
  plainScalarEnd,
  quotedEnd,
  SPACE,
  skipSpaces,
  trailing,
} from "./plain-scalars.js";

/**
 * A proof of well-formedness for the plain block YAML most manifests are written in, several times
 * faster than any YAML parser because it builds nothing: it walks the lines once, keeping only a
 * stack of the open block collections' indentations.
 *
 * It answers true only when the text is certainly one well-formed YAML document, and false when it
 * is not or when the text uses anything outside the subset it knows; false is "not proven", never
 * "broken", and the caller then asks a real parser. The subset:
 * - printable characters and line breaks (LF or CRLF) only: no tab, control or byte order mark;
 * - an optional `---` first line; comments; blank lines;
 * - block mappings whose keys are plain (`[A-Za-z0-9_./]` then also `-`) or quoted without
 *   escapes, and block sequences, nested by indentation, compact (`- key: v`, `- - v`) and
 *   indentless (`key:` then `- v` at the key's column);
 * - values on the key's own line: plain scalars (no `: `, not starting with an indicator), quoted
 *   scalars without backslashes, flow collections that close on the same line, and block scalars
 *   (`|`, `>`, with `-`/`+` chomping) whose lines are more indented than their key.
 * Anchors, aliases, tags, directives, explicit keys, multi-line plain or quoted scalars, flow
 * collections over several lines, escapes, a key set twice in one mapping, block keys that YAML 1.1
 * may read as other than a string (`yes`, `1`) and nesting deeper than `MAX_DEPTH` are all "not
 * proven". `printableAscii` says the caller found the text printable ASCII (`isPrintableAscii`),
 * sparing that test.
 */
export function checkPlainBlockYaml(
  text: string,
  visitor: PlainBlockVisitor = ACCEPT_ALL,
  printableAscii = false,
): boolean {
  if (!printableAscii && !isPrintableAscii(text) && OUTSIDE_SUBSET.test(text)) return false;
  return new LineWalk(text, visitor).run();
}

/**
 * What the walk reports as it goes, in document order, so that a caller can judge the content in
 * the same pass. `depth` counts the collections open around the node (block ones, then flow ones).
 * `value` is the raw text of a value written on the node's own line: a scalar as written, quotes
 * included; a block scalar's header; for a flow collection only its opening bracket, its entries
 * following as events of their own (at `depth + 1`). It is null when the value is on the lines
 * below (its entries follow, deeper) or absent. Returning false stops the walk, which then answers
 * false.
 */
export interface PlainBlockVisitor {
  /** A mapping key (unquoted), in a block or a flow mapping. */
  key(key: string, depth: number, value: string | null): boolean;
  /** An entry of a block or flow sequence. */
  item(depth: number, value: string | null): boolean;
}

const ACCEPT_ALL: PlainBlockVisitor = { key: () => true, item: () => true };

/**
 * A character outside the subset: a control (tab included) other than a line feed or the carriage
 * return of a CRLF, a character YAML 1.1 reads as a line break (U+0085, U+2028, U+2029), a byte
 * order mark, a surrogate (characters beyond the BMP are left to a parser) or a non-character.
 */
const OUTSIDE_SUBSET =
  /[^\x20-\x7e\n\r\u00a0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]|\r(?!\n)/;
const MAX_DEPTH = 64;

const BAR = 0x7c;
const GREATER = 0x3e;
const PLUS = 0x2b;

interface Collection {
  readonly indent: number;
  readonly sequence: boolean;
  /** A sequence at its parent key's own column (`key:` then `- item`). */
  readonly indentless: boolean;
  /** A mapping's keys so far: a key set twice is left to a parser, which reports it. */
  readonly keys: Set<string> | null;
}

/** The walk over one text's lines; all its state lives and dies with one call of `run`. */
class LineWalk {
  readonly #text: string;
  readonly #visitor: PlainBlockVisitor;
  readonly #open: Collection[] = [];
  #rootSeen = false;
  /** Column of a key or dash whose value is still to come on later lines, or -1. */
  #pending = -1;
  #pendingIsKey = false;
  /** Column of the key or dash owning the last line's inline value: later lines may not be deeper. */
  #closedAt = -1;
  /** An open block scalar: the column its lines must be deeper than, and their indentation. */
  #scalarParent = -1;
  #scalarIndent = -1;

  constructor(text: string, visitor: PlainBlockVisitor) {
    this.#text = text;
    this.#visitor = visitor;
  }

  run(): boolean {
    const text = this.#text;
    let pos = 0;
    let first = true;
    while (pos < text.length) {
      const nl = text.indexOf("\n", pos);
      let end = nl === -1 ? text.length : nl;
      if (end > pos && text.charCodeAt(end - 1) === 0x0d) end--;
      const i = skipSpaces(text, pos, end);
      const indent = i - pos;
      const startOfText = first;
      pos = nl === -1 ? text.length : nl + 1;
      if (this.#scalarParent >= 0) {
        const inScalar = this.#blockScalarLine(indent, i === end);
        if (inScalar === null) return false;
        if (inScalar) continue;
      }
      if (i === end || text.charCodeAt(i) === HASH) continue;
      first = false;
      if (indent === 0 && (text.startsWith("---", i) || text.startsWith("...", i))) {
        if (!startOfText || !text.startsWith("---", i) || !trailing(text, i + 3, end)) {
          return false;
        }
        continue;
      }
      if (!this.#line(i, end, indent)) return false;
    }
    return this.#rootSeen;
  }

  /** Whether a line belongs to the open block scalar; null when it makes the text invalid. */
  #blockScalarLine(indent: number, blank: boolean): boolean | null {
    if (this.#scalarIndent < 0) {
      if (blank) return indent === 0 ? true : null;
      if (indent > this.#scalarParent) {
        this.#scalarIndent = indent;
        return true;
      }
    } else {
      if (blank || indent >= this.#scalarIndent) return true;
      if (indent > this.#scalarParent) return null;
    }
    this.#scalarParent = -1;
    this.#scalarIndent = -1;
    return false;
  }

  /** One content line: its first character at `i`, in column `indent`. */
  #line(i: number, end: number, indent: number): boolean {
    const text = this.#text;
    if (this.#closedAt >= 0 && indent > this.#closedAt) return false;
    this.#closedAt = -1;
    const dash = this.#isDash(i, end);
    const keyEnd = dash ? -1 : this.#keyEnd(i, end);
    if (!dash && keyEnd < 0) return false;
    const pending = this.#pending;
    this.#pending = -1;
    if (pending >= 0 && indent > pending) {
      if (!this.#push(indent, dash, false)) return false;
    } else if (pending >= 0 && indent === pending && dash && this.#pendingIsKey) {
      if (!this.#push(indent, true, true)) return false;
    } else if (!this.#settle(indent, dash)) {
      return false;
    }
    if (!dash) return this.#keyValue(i, keyEnd, end, indent);
    let at = i;
    let column = indent;
    // Compact nesting after dashes: `- - item`, `- key: value`.
    for (;;) {
      if (trailing(text, at + 1, end)) {
        this.#pending = column;
        this.#pendingIsKey = false;
        return this.#visitor.item(this.#open.length, null);
      }
      const k = skipSpaces(text, at + 1, end);
      const inner = column + (k - at);
      if (this.#isDash(k, end)) {
        if (!this.#visitor.item(this.#open.length, null)) return false;
        if (!this.#push(inner, true, false)) return false;
        at = k;
        column = inner;
        continue;
      }
      const innerKeyEnd = this.#keyEnd(k, end);
      if (innerKeyEnd >= 0) {
        if (!this.#visitor.item(this.#open.length, null)) return false;
        if (!this.#push(inner, false, false)) return false;
        return this.#keyValue(k, innerKeyEnd, end, inner);
      }
      return this.#value(k, end, column, null);
    }
  }

  #isDash(i: number, end: number): boolean {
    return (
      this.#text.charCodeAt(i) === DASH && (i + 1 === end || this.#text.charCodeAt(i + 1) === SPACE)
    );
  }

  /** Opens a collection at `indent`. */
  #push(indent: number, sequence: boolean, indentless: boolean): boolean {
    if (this.#open.length >= MAX_DEPTH) return false;
    this.#open.push({ indent, sequence, indentless, keys: sequence ? null : new Set() });
    this.#rootSeen = true;
    return true;
  }

  /** Closes collections deeper than a line at `indent`; the one left must take this line. */
  #settle(indent: number, dash: boolean): boolean {
    const open = this.#open;
    if (open.length === 0) return !this.#rootSeen && this.#push(indent, dash, false);
    let top = open[open.length - 1];
    while (top && (top.indent > indent || (top.indent === indent && top.indentless && !dash))) {
      open.pop();
      top = open[open.length - 1];
    }
    return top !== undefined && top.indent === indent && top.sequence === dash;
  }

  /** The index of a key's colon when a key of the subset starts at `i`, or -1. */
  #keyEnd(i: number, end: number): number {
    const text = this.#text;
    const c = text.charCodeAt(i);
    let j: number;
    if (isQuote(c)) {
      j = quotedEnd(text, i, end);
      if (j < 0) return -1;
    } else {
      if (!isWordChar(c)) return -1;
      j = i + 1;
      while (j < end && (isWordChar(text.charCodeAt(j)) || text.charCodeAt(j) === DASH)) j++;
    }
    if (text.charCodeAt(j) !== COLON) return -1;
    return j + 1 === end || text.charCodeAt(j + 1) === SPACE ? j : -1;
  }

  /** A key from `i` to its colon at `colon`, and what follows on the line; the key is in `column`. */
  #keyValue(i: number, colon: number, end: number, column: number): boolean {
    const text = this.#text;
    const key = keyText(text, i, colon);
    const depth = this.#open.length;
    const keys = this.#open[depth - 1]?.keys;
    if (!keys || keys.has(key) || (!isQuote(text.charCodeAt(i)) && mayNotBeString(key))) {
      return false;
    }
    keys.add(key);
    if (trailing(text, colon + 1, end)) {
      this.#pending = column;
      this.#pendingIsKey = true;
      return this.#visitor.key(key, depth, null);
    }
    return this.#value(skipSpaces(text, colon + 1, end), end, column, key);
  }

  /**
   * An inline value at `k`, owned by the key or dash in column `owner`, reported to the visitor
   * as the value of `key`, or of a sequence entry when `key` is null.
   */
  #value(k: number, end: number, owner: number, key: string | null): boolean {
    const text = this.#text;
    const c = text.charCodeAt(k);
    this.#closedAt = owner;
    const depth = this.#open.length;
    if (opensFlow(c)) {
      if (!this.#report(key, depth, flowValue(c))) return false;
      const j = flowEnd(text, k, end, depth + 1, MAX_DEPTH, this.#reportEntry);
      return j >= 0 && trailing(text, j, end);
    }
    const valueEnd = this.#blockValueEnd(k, end, owner);
    return valueEnd >= 0 && this.#report(key, depth, text.slice(k, valueEnd));
  }

  #report(key: string | null, depth: number, value: string | null): boolean {
    return key === null ? this.#visitor.item(depth, value) : this.#visitor.key(key, depth, value);
  }

  readonly #reportEntry = (key: string | null, depth: number, value: string): boolean =>
    this.#report(key, depth, value);

  /**
   * Where an inline scalar at `k` ends (before trailing spaces and any comment), or -1 when it is
   * not one of the subset. A block scalar's header opens the block scalar owned by `owner`.
   */
  #blockValueEnd(k: number, end: number, owner: number): number {
    const text = this.#text;
    const c = text.charCodeAt(k);
    if (isQuote(c)) {
      const j = quotedEnd(text, k, end);
      return j >= 0 && trailing(text, j, end) ? j : -1;
    }
    if (c === BAR || c === GREATER) {
      // `|` or `>`, then an optional chomping indicator; an explicit indentation is not handled.
      let j = k + 1;
      const chomp = text.charCodeAt(j);
      if (chomp === DASH || chomp === PLUS) j++;
      if (!trailing(text, j, end)) return -1;
      this.#closedAt = -1;
      this.#scalarParent = owner;
      this.#scalarIndent = -1;
      return j;
    }
    return plainScalarEnd(text, k, end);
  }
}
