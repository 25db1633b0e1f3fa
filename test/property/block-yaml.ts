/**
 * Block YAML texts for testing the line check: a random tree written in the block style with every
 * layout the subset allows (indentation widths, indentless and compact sequences, flow leaves,
 * quotes, block scalars, comments), then broken a little: a line moved sideways, dropped, repeated
 * or swapped, a fragment slipped in. Most texts are valid, many are invalid only subtly.
 */
import fc from "fast-check";

type Tree = string | Tree[] | { readonly entries: readonly [string, Tree][] };

const KEYS = [
  ..."abcdefgh",
  "name",
  "privileged",
  "type",
  "add",
  "x.y/z",
  "k-1",
  '"q k"',
  "'s''k'",
];
/** Keys YAML 1.1 reads as booleans or numbers, where two spellings can be one key. */
const ODD_KEYS = ["true", "True", "1", "01"];
const key = fc.oneof(
  { weight: 15, arbitrary: fc.constantFrom(...KEYS) },
  { weight: 1, arbitrary: fc.constantFrom(...ODD_KEYS) },
);

const SCALARS = [
  "1",
  "x y",
  "'q'",
  '"q #"',
  "http://h:80/p#f",
  "--flag=1",
  "-1",
  "true",
  "[]",
  "{}",
  "[a, b]",
  "{c: d, e: [f]}",
  "RuntimeDefault",
  "caf\u00e9",
  "'\u65e5 #'",
  "|",
  "|-",
  ">",
];
/** Values that are not YAML where they stand. */
const BROKEN = ["a: b", "c:", "'open", "[a,", "{a: }x", '"x" y'];
const scalar = fc.oneof(
  { weight: 12, arbitrary: fc.constantFrom(...SCALARS) },
  { weight: 1, arbitrary: fc.constantFrom(...BROKEN) },
);

const trees = fc.letrec<{ node: Tree; map: Tree }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    scalar,
    fc.array(tie("node"), { minLength: 1, maxLength: 3 }),
    tie("map"),
  ),
  map: fc
    .uniqueArray(fc.tuple(key, tie("node")), {
      minLength: 1,
      maxLength: 4,
      selector: ([k]) => k,
    })
    .map((entries) => ({ entries })),
}));
/** A mapping at the root, as manifests have; keys within a mapping are distinct (edits may repeat one). */
const tree: fc.Arbitrary<Tree> = trees.map;

interface Layout {
  readonly width: number;
  readonly indentless: boolean;
  readonly comments: boolean;
  readonly rootIndent: number;
}

const layout: fc.Arbitrary<Layout> = fc.record({
  width: fc.integer({ min: 1, max: 4 }),
  indentless: fc.boolean(),
  comments: fc.boolean(),
  rootIndent: fc.constantFrom(0, 0, 0, 2),
});

/** The lines of `node` as the value of something at `indent`. */
function lines(node: Tree, indent: number, l: Layout): string[] {
  const pad = " ".repeat(indent);
  if (typeof node === "string") {
    if (node.startsWith("|") || node.startsWith(">")) return [`${pad}${node}`, `${pad}  text`];
    return [`${pad}${node}`];
  }
  const out: string[] = [];
  if (Array.isArray(node)) {
    for (const item of node) {
      const inner = lines(item, indent + 2, l);
      const [first = "", ...rest] = inner;
      out.push(`${pad}- ${first.trimStart()}`, ...rest);
    }
    return out;
  }
  for (const [key, value] of node.entries) {
    if (typeof value === "string") {
      const [first = "", ...rest] = lines(value, indent + l.width, l);
      out.push(`${pad}${key}: ${first.trimStart()}`, ...rest);
      continue;
    }
    out.push(`${pad}${key}:${l.comments ? " # c" : ""}`);
    const childIndent = Array.isArray(value) && l.indentless ? indent : indent + l.width;
    out.push(...lines(value, childIndent, l));
  }
  if (l.comments) out.splice(1, 0, `${pad}# comment`);
  return out;
}

const edit = fc.record({
  kind: fc.constantFrom("shift", "drop", "repeat", "swap", "insert", "none", "none"),
  at: fc.nat(),
  by: fc.integer({ min: -2, max: 2 }),
  fragment: fc.constantFrom("- x", "k: v", "  y", "#", "---", "z:", "w: [1,", "  - - q"),
});

export const blockYaml: fc.Arbitrary<string> = fc
  .tuple(tree, layout, fc.array(edit, { maxLength: 2 }), fc.boolean())
  .map(([t, l, edits, crlf]) => {
    const out = lines(t, l.rootIndent, l);
    for (const e of edits) {
      const i = e.at % out.length;
      const line = out[i] ?? "";
      if (e.kind === "shift") {
        out[i] =
          e.by >= 0 ? " ".repeat(e.by) + line : line.replace(new RegExp(`^ {0,${-e.by}}`), "");
      } else if (e.kind === "drop" && out.length > 1) out.splice(i, 1);
      else if (e.kind === "repeat") out.splice(i, 0, line);
      else if (e.kind === "swap" && i + 1 < out.length) out.splice(i, 2, out[i + 1] ?? "", line);
      else if (e.kind === "insert") out.splice(i, 0, e.fragment);
    }
    return `${out.join(crlf ? "\r\n" : "\n")}\n`;
  });
