/**
 * Quoted scalars as go-yaml reads them. kubectl and Helm decode with go-yaml, whose scanner ends a
 * quoted scalar only at its closing quote: a continuation line may be indented less than the
 * YAML specification requires (only `---` or `...` at the start of a line stops it). Charts rely
 * on that, e.g. netdata's DaemonSet:
 *
 *     args:
 *       - "-c"
 *       - '
 *       chmod 777 /persistencevarlibdir;
 *       '
 *
 * The `yaml` package follows the specification and cuts such a scalar at its first line ("Missing
 * closing 'quote"). This module reads it as go-yaml does, keeping every offset: in the text given
 * to the parser, each such scalar becomes a one-character plain placeholder followed by blanks
 * (line breaks kept), and after composing, the placeholder node gets the scalar's value, style and
 * source range back.
 */
import { CST, type Document, parseDocument, Scalar, visit } from "yaml";
import { documentMarkerAt } from "./split-documents.js";

/** A quoted scalar read as go-yaml reads it. */
export interface LenientQuoted {
  /** Offset of the opening quote. */
  readonly start: number;
  /** Offset just past the closing quote. */
  readonly end: number;
  readonly value: string;
  readonly type: Scalar.Type;
}

/** The `yaml` package's error for a quoted scalar it cut short. */
const CUT = /^Missing closing ['"]quote/u;

/** The character a cut scalar's opening quote is replaced with in the text given to the parser. */
const PLACEHOLDER = "_";

/**
 * Opening-quote offsets of the quoted scalars the `yaml` package cut short in these documents:
 * those it says miss their closing quote, and single-quoted ones it cut after an escaped quote at
 * the end of a line (`rule: 'has(self.grpc) ? self.protocol == ''GRPC''` then `: true'` on a line
 * indented less, the Gateway API's CRDs), which it takes for closed: a cut ending in `''` reads
 * as the closing quote, and the errors come later, from the rest of the scalar.
 */
export function cutQuotedScalars(
  tokens: readonly CST.Token[],
  docs: readonly Document[],
): number[] {
  const ends = new Set<number>();
  for (const doc of docs)
    for (const error of doc.errors)
      if (error.code === "MISSING_CHAR" && CUT.test(error.message)) ends.add(error.pos[0]);
  if (!docs.some((doc) => doc.errors.length > 0)) return [];
  const starts: number[] = [];
  for (const token of tokens) {
    if (token.type !== "document") continue;
    CST.visit(token, (item) => {
      for (const node of [item.key, item.value]) {
        if (node?.type !== "single-quoted-scalar" && node?.type !== "double-quoted-scalar")
          continue;
        if (
          ends.has(node.offset + node.source.length) ||
          (node.type === "single-quoted-scalar" && endsUnclosed(node.source))
        )
          starts.push(node.offset);
      }
    });
  }
  return starts.sort((a, b) => a - b);
}

/**
 * Whether a single-quoted scalar's source ends without its closing quote: after the opening
 * quote, an even number of quotes ends it (each `''` is a quote within), so the last is escaped.
 */
function endsUnclosed(source: string): boolean {
  let n = 0;
  for (let i = source.length - 1; i > 0 && source[i] === "'"; i--) n++;
  return n % 2 === 0;
}

/**
 * `text` with each quoted scalar opening at `starts` replaced by a placeholder and blanks, and
 * those scalars as go-yaml reads them; null when one of them does not read as go-yaml reads it
 * either (no closing quote, a document marker within, a key over several lines), so that the
 * parser's own error stands.
 */
export function lenientQuotes(
  text: string,
  starts: readonly number[],
): { readonly text: string; readonly scalars: readonly LenientQuoted[] } | null {
  const scalars: LenientQuoted[] = [];
  let out = "";
  let copied = 0;
  for (const start of starts) {
    // A quote the parser took for an opening one inside a scalar read before (its closing quote
    // on a line indented too little, read as the start of another scalar) is that scalar's.
    if (start < copied) continue;
    const scalar = readQuoted(text, start);
    if (!scalar) return null;
    scalars.push(scalar);
    out += text.slice(copied, start) + PLACEHOLDER;
    const close = FLOW_END.exec(text.slice(scalar.end));
    if (close?.[1] && /[\r\n]/u.test(text.slice(start, scalar.end))) {
      // The end of the flow collection the scalar closes, on a later line indented no more than
      // its key (Pixie's `command: ['sh', '-c', 'set -x; …` then `        ']`): go-yaml reads
      // the indentation of flow content nowhere, the `yaml` package refuses it. The end is moved
      // next to the placeholder, into the scalar's own blanks: every other offset stays.
      const at = scalar.end + close[0].length - 1;
      out +=
        close[1] +
        blanked(text.slice(start + 2, scalar.end)) +
        blanked(text.slice(scalar.end, at + 1));
      copied = at + 1;
    } else {
      out += blanked(text.slice(start + 1, scalar.end));
      copied = scalar.end;
    }
  }
  return { text: out + text.slice(copied), scalars };
}

/** Blanks, then the end of a flow collection. */
const FLOW_END = /^[ \t\r\n]*([\]}])/u;

/** Gives the placeholder nodes of a document composed from `lenientQuotes`' text their scalars. */
export function restoreQuoted(doc: Document, scalars: readonly LenientQuoted[]): void {
  const byStart = new Map(scalars.map((s) => [s.start, s]));
  visit(doc, {
    Scalar: (_, node) => {
      const scalar = node.range ? byStart.get(node.range[0]) : undefined;
      if (!scalar || !node.range || node.value !== PLACEHOLDER) return;
      node.value = scalar.value;
      node.type = scalar.type;
      node.range = [scalar.start, scalar.end, Math.max(node.range[2], scalar.end)];
    },
  });
}

/** Line breaks kept, every other character a space: the same offsets, lines and line count. */
export function blanked(text: string): string {
  return text.replace(/[^\r\n]/gu, " ");
}

/**
 * The quoted scalar opening at `start`, closed as go-yaml's `yaml_parser_scan_flow_scalar` closes
 * it: `''` is a quote within single quotes, `\` escapes the next character within double quotes,
 * and `---` or `...` at the start of a line is an error. Its value is the `yaml` package's reading
 * of the same scalar with each continuation line indented by one space (a continuation line's
 * leading blanks are never part of the value).
 */
function readQuoted(text: string, start: number): LenientQuoted | null {
  const quote = text[start];
  if (quote !== "'" && quote !== '"') return null;
  let i = start + 1;
  for (;;) {
    if (i >= text.length) return null;
    const c = text[i];
    if (atLineStart(text, i) && documentMarkerAt(text, i)) return null;
    if (quote === "'" && c === "'") {
      if (text[i + 1] === "'") i += 2;
      else break;
    } else if (quote === '"' && c === "\\") i += 2;
    else if (quote === '"' && c === '"') break;
    else i++;
  }
  const end = i + 1;
  // A multi-line implicit key is an error for go-yaml as well.
  if (/^[ \t]*:(?:[ \t\r\n]|$)/u.test(text.slice(end, end + 64))) return null;
  const lines = text.slice(start, end).split(/\r\n|\r|\n/u);
  const source = lines
    .map((line, n) => (n === 0 ? line : ` ${line.replace(/^[ \t]+/u, "")}`))
    .join("\n");
  const read = parseDocument(source, { version: "1.1", logLevel: "error" });
  const node = read.contents;
  if (read.errors.length > 0 || !(node instanceof Scalar) || typeof node.value !== "string")
    return null;
  return {
    start,
    end,
    value: node.value,
    type: quote === "'" ? Scalar.QUOTE_SINGLE : Scalar.QUOTE_DOUBLE,
  };
}

/** Whether `at` starts a line (after LF, CRLF or a lone CR). */
function atLineStart(text: string, at: number): boolean {
  const before = text[at - 1];
  return before === "\n" || (before === "\r" && text[at] !== "\n");
}
