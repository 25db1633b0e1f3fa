/**
 * Writes a manifest model in a random layout: indentation 2 or 4, indented or indentless
 * sequences, block or flow collections (per collection), plain or quoted strings, YAML 1.1
 * boolean spellings, comments, `---` markers with or without a comment, CRLF, a byte-order mark,
 * or JSON. Every layout reads back as the same data, as kubectl reads it.
 */
import fc from "fast-check";
import { Document, isCollection, isScalar, type Scalar, visit } from "yaml";
import type { PlainMap } from "./manifests.js";

export interface Style {
  readonly json: boolean;
  readonly indent: 2 | 4;
  readonly indentSeq: boolean;
  /** Chance that a collection is written in flow style. */
  readonly flow: 0 | 0.3 | 1;
  readonly trueStr: string;
  readonly falseStr: string;
  readonly stringType: "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE";
  readonly comments: boolean;
  readonly crlf: boolean;
  readonly bom: boolean;
  readonly marker: "none" | "plain" | "comment";
  /** Write an object used twice as an anchor and an alias (JSON expands them). */
  readonly aliases: boolean;
  readonly seed: number;
}

export const style: fc.Arbitrary<Style> = fc.record({
  json: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  indent: fc.constantFrom(2 as const, 4 as const),
  indentSeq: fc.boolean(),
  flow: fc.constantFrom(0 as const, 0 as const, 0.3 as const, 1 as const),
  trueStr: fc.constantFrom("true", "True", "TRUE", "yes", "Yes", "on", "ON", "y"),
  falseStr: fc.constantFrom("false", "False", "no", "off", "n"),
  stringType: fc.constantFrom("PLAIN" as const, "QUOTE_DOUBLE" as const, "QUOTE_SINGLE" as const),
  comments: fc.boolean(),
  crlf: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  bom: fc.integer({ min: 0, max: 9 }).map((n) => n < 1),
  marker: fc.constantFrom("none" as const, "plain" as const, "comment" as const),
  aliases: fc.boolean(),
  seed: fc.integer(),
});

/** mulberry32: the per-node choices of a style come from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function renderYaml(doc: PlainMap, s: Style, rand: () => number): string {
  const d = new Document(doc, { version: "1.1", aliasDuplicateObjects: s.aliases });
  visit(d, {
    Node(_, node) {
      if (isCollection(node)) node.flow = s.flow === 1 || rand() < s.flow;
      if (s.comments && isScalar(node) && rand() < 0.1) node.comment = " note: privileged: true";
    },
    Pair(_, pair) {
      if (s.comments && isScalar(pair.key) && rand() < 0.1) {
        (pair.key as Scalar).commentBefore = " privileged: true (commented out)";
      }
    },
  });
  return d.toString({
    indent: s.indent,
    indentSeq: s.indentSeq,
    trueStr: s.trueStr,
    falseStr: s.falseStr,
    defaultStringType: s.stringType,
    defaultKeyType: rand() < 0.2 ? "QUOTE_DOUBLE" : "PLAIN",
    lineWidth: 0,
    flowCollectionPadding: rand() < 0.5,
  });
}

/** The manifest as one file's text, in style `s`. */
export function render(docs: readonly PlainMap[], s: Style): string {
  const rand = random(s.seed);
  let text: string;
  if (s.json && docs.length === 1) {
    text = `${JSON.stringify(docs[0], null, s.indent)}\n`;
  } else {
    const parts = docs.map((doc, i) => {
      const body = renderYaml(doc, s, rand);
      if (i === 0 && s.marker === "none") return body;
      return `${s.marker === "comment" ? "--- # Source: chart/templates/x.yaml" : "---"}\n${body}`;
    });
    text = parts.join("");
  }
  if (s.crlf) text = text.replace(/\n/g, "\r\n");
  return s.bom ? `\uFEFF${text}` : text;
}

/** Changes to a text that make it odd or invalid: cuts, YAML punctuation, swapped lines. */
export const mutation = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.integer({ min: 0, max: 12 }),
  insert: fc.constantFrom(
    "",
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    '"',
    "'",
    "&a ",
    "*a",
    "<<: *a\n",
    "\t",
    "\n",
    "# ",
    "---\n",
    "...\n",
    "%YAML 1.2\n",
    "!!str ",
    "? ",
    "\\u0070",
    "privileged: true\n",
    "\u0000",
  ),
  swap: fc.boolean(),
});

export type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;

export function mutate(text: string, mutations: readonly Mutation[]): string {
  let out = text;
  for (const m of mutations) {
    const at = Math.floor(m.at * out.length);
    out = out.slice(0, at) + m.insert + out.slice(Math.min(out.length, at + m.length));
    if (m.swap) {
      const lines = out.split("\n");
      const i = Math.floor(m.at * (lines.length - 1));
      const line = lines[i];
      if (line !== undefined && i + 1 < lines.length) {
        lines[i] = lines[i + 1] as string;
        lines[i + 1] = line;
      }
      out = lines.join("\n");
    }
  }
  return out;
}
