import {
  Composer,
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  visit,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import type { ScanMemo } from "../core/scan-memo.js";
import type { Limits } from "../core/types.js";
import { buildAliasGraph } from "../yaml/alias-graph.js";
import { textNestingExceeds } from "../yaml/depth-guard.js";
import { COMPOSE_OPTIONS, type ParseProblem, readComposed } from "../yaml/parse-stream.js";
import { TokenParser } from "../yaml/token-parser.js";
import type { YamlDoc } from "../yaml/yaml-doc.js";
import type { ReadChunk } from "./scan-document.js";

/**
 * The fixed document of a chunk read without parsing it whole: the lines a fix writes are parsed
 * on their own and grafted in place of the mapping entries their lines replace; every other node
 * is the original's. Most fixes change a few lines of a long document, and parsing is most of
 * what verifying a fix costs.
 *
 * It reads exactly what parsing the fixed text reads, because a block mapping's entries are read
 * from their own lines: an entry starts on a line of its own at the mapping's indentation and
 * takes every following line indented deeper (or blank, or a comment), and what is inside reads
 * the same wherever the entry stands. So the graft is made only where that holds: the document is
 * plain YAML (no template, alias, directive or problem), the replaced lines are whole
 * entries of one block mapping (from the first character of an entry's first line, which holds
 * nothing but its key's indentation, to the end of an entry's lines, with no line of anything
 * else), and the new lines parse on their own, with no error, as one block mapping indented as
 * the entries were (or as nothing). Anything else is left to a full re-scan (null). The grafted
 * document is checked as any parsed document is (duplicate keys, nesting depth), so a fix that
 * sets a key the mapping already has is seen.
 *
 * Nodes after the fix keep their original offsets: the graft is for judging a fix (findings by
 * identity, objects as data), never for positions.
 */
export function graftedDocs(
  docs: readonly YamlDoc[],
  chunk: ReadChunk,
  edit: { readonly from: number; readonly to: number; readonly replacement: string },
  limits: Limits,
  memo: ScanMemo | null = null,
): { docs: YamlDoc[]; problems: ParseProblem[] } | null {
  const [yamlDoc, ...more] = docs;
  if (!yamlDoc || more.length > 0 || yamlDoc.templated || yamlDoc.aliased) return null;
  if (yamlDoc.duplicateKeys) return null;
  if (chunk.values || chunk.template) return null;
  const { text } = chunk;
  const { from, to, replacement } = minimalEdit(text, edit);
  if (DIRECTIVE_OR_MARKER.test(replacement) || /^%/m.test(text)) return null;
  const doc = yamlDoc.doc;
  const root = doc.contents;
  if (!isMap(root) || root.flow) return null;
  const fragment = fragmentMap(replacement, from, memo);
  if (fragment === null) return null;
  const place =
    from === to
      ? fragment.pairs.length > 0
        ? locateInsert(root, [], text, from, fragment.indent)
        : null
      : locate(root, [], text, from, to);
  if (!place || (fragment.pairs.length > 0 && fragment.indent !== place.indent)) return null;
  if (textNestingExceeds(replacement, limits.maxDepth - place.path.length - 1) >= 0) return null;
  const pairs = fragment.pairs;
  const items = place.map.items;
  const grafted = copyOf(place.map, {
    items: [...items.slice(0, place.first), ...pairs, ...items.slice(place.end)],
  });
  const contents = place.path.reduceRight<Node>(
    (child, step) => replaced(step, child),
    grafted as Node,
  );
  const fixed = copyOf(doc, { contents }) as Document.Parsed;
  const problems: ParseProblem[] = [];
  // The original has no alias and no key set twice, and the new lines no anchor, alias or tag:
  // what the walk of the whole fixed document learns is in the grafted mapping, which it enters
  // before anything inside it, every other mapping keeping its keys.
  const graph = buildAliasGraph({ contents: grafted });
  const read = readComposed(fixed, { ...chunk, start: 0 }, problems, {
    derivedFrom: yamlDoc,
    graph,
  });
  return { docs: read ? [read] : [], problems };
}

const DIRECTIVE_OR_MARKER = /^(?:%|---(?:\s|$)|\.\.\.(?:\s|$))/m;

/** One step from a collection down to the collection that holds the graft. */
interface Step {
  readonly parent: YAMLMap | YAMLSeq;
  readonly index: number;
}

interface Place {
  readonly map: YAMLMap;
  /** Entries [first, end) of `map` are replaced. */
  readonly first: number;
  readonly end: number;
  /** The column of the mapping's keys. */
  readonly indent: number;
  readonly path: readonly Step[];
}

/**
 * The block mapping whose whole entries the lines [from, to) are, descending through entries and
 * sequence items whose lines hold the edit below their first line; null when there is none.
 */
function locate(
  map: YAMLMap,
  path: readonly Step[],
  text: string,
  from: number,
  to: number,
): Place | null {
  const lines = mapEntryLines(map, text);
  if (lines === null) return null;
  const touched = lines.flatMap(([start, end], i) => (start < to && end > from ? [i] : []));
  const first = touched[0];
  const last = touched[touched.length - 1];
  if (first === undefined || last === undefined) return null;
  const [start, end] = lines[first] as [number, number];
  const pair = map.items[first] as Pair;
  if (touched.length === 1 && from > start) {
    // Within one entry, below its key's line: the graft is deeper.
    if (to > end) return null;
    return locateIn(pair.value, [...path, { parent: map, index: first }], text, from, to);
  }
  // Whole entries: from the start of the first one's line, to the end of the last one's lines or
  // into the blank and comment lines before the next entry (never past the mapping's last entry).
  const next = lines[last + 1];
  const lastEnd = (lines[last] as [number, number])[1];
  if (from !== start || to < lastEnd || (next ? to > next[0] : to !== lastEnd)) return null;
  const key = pair.key;
  if (!isScalar(key) || !key.range) return null;
  const indent = key.range[0] - start;
  if (text.slice(start, key.range[0]).trim() !== "") return null;
  return { map, first, end: last + 1, indent, path };
}

function locateIn(
  node: unknown,
  path: readonly Step[],
  text: string,
  from: number,
  to: number,
): Place | null {
  // An entry on the line of a sequence's `- ` is never replaced: see the indentation check.
  if (isMap(node) && !node.flow) return locate(node, path, text, from, to);
  if (isSeq(node) && !node.flow) {
    const index = node.items.findIndex((item) => {
      const range = (item as Node | null)?.range;
      return range
        ? range[0] < to && lineEndAt(text, Math.max(range[0], range[1] - 1)) > from
        : false;
    });
    if (index < 0) return null;
    return locateIn(node.items[index], [...path, { parent: node, index }], text, from, to);
  }
  return null;
}

/** The lines of each entry of a mapping (see `entryLines`); null when one has none. */
function mapEntryLines(map: YAMLMap, text: string): [number, number][] | null {
  const spans = map.items.map((pair) => entryLines(pair, text));
  return spans.some((s) => s === null) ? null : (spans as [number, number][]);
}

/** An entry's lines: [start of its key's line, end of the line of its value's last character). */
function entryLines(pair: unknown, text: string): [number, number] | null {
  if (!isPair(pair)) return null;
  const key = pair.key as Node | null;
  const value = pair.value as Node | null;
  if (!key?.range) return null;
  const valueEnd = value?.range ? value.range[1] : key.range[1];
  const start = text.lastIndexOf("\n", key.range[0] - 1) + 1;
  return [start, lineEndAt(text, Math.max(key.range[0], valueEnd - 1))];
}

/** The offset just past the line break of the line holding `offset` (or the text's end). */
function lineEndAt(text: string, offset: number): number {
  const at = text.indexOf("\n", offset);
  return at < 0 ? text.length : at + 1;
}

/** The new lines read on their own: their entries (offsets from the lines' start) and key column. */
interface Fragment {
  readonly map: YAMLMap;
  readonly indent: number;
}

/**
 * The entries of the new lines parsed on their own, their offsets moved to where they stand, and
 * the column of their keys; null unless they read, without error, as one block mapping (or as
 * nothing, when no line is added). The reading depends on the lines alone, and fixes write the
 * same lines again and again (`securityContext:` with one setting, at a few indentations), so it
 * is made once per text in the scan's memo; each graft takes a copy of its own.
 */
function fragmentMap(
  replacement: string,
  at: number,
  memo: ScanMemo | null,
): { pairs: Pair[]; indent: number } | null {
  if (replacement === "") return { pairs: [], indent: -1 };
  const fragment = memo
    ? memo.get(`kubernetes/graft-fragment\u0000${replacement}`, () => readFragment(replacement))
    : readFragment(replacement);
  if (!fragment) return null;
  const pairs = fragment.map.items.map((pair) => movedCopy(pair, at));
  return { pairs: pairs as Pair[], indent: fragment.indent };
}

/**
 * A copy of a fragment's node (a pair, collection or scalar: it holds no alias), its offsets and
 * those of everything inside moved by `at`. Made with `copyOf`: `yaml`'s own `clone` takes every
 * property's descriptor, and cost more than the reading it saves.
 */
function movedCopy(node: unknown, at: number): unknown {
  if (isPair(node))
    return copyOf(node, { key: movedCopy(node.key, at), value: movedCopy(node.value, at) });
  if (!isMap(node) && !isSeq(node) && !isScalar(node)) return node;
  const range = node.range;
  const changes: Record<string, unknown> = range
    ? { range: [range[0] + at, range[1] + at, range[2] + at] }
    : {};
  if (isMap(node) || isSeq(node)) changes.items = node.items.map((item) => movedCopy(item, at));
  return copyOf(node, changes);
}

/** `fragmentMap`'s reading of the new lines, offsets from their start; never changed after. */
function readFragment(replacement: string): Fragment | null {
  const tokens = Array.from(new TokenParser().parse(replacement));
  const docs = Array.from(new Composer(COMPOSE_OPTIONS).compose(tokens)) as Document.Parsed[];
  const [doc, ...more] = docs;
  if (!doc || more.length > 0 || doc.errors.length > 0 || doc.warnings.length > 0) return null;
  const map = doc.contents;
  if (!isMap(map) || map.flow || !isPlain(doc)) return null;
  const key = map.items[0]?.key as Node | undefined;
  if (!key?.range) return null;
  const indent = key.range[0] - (replacement.lastIndexOf("\n", key.range[0] - 1) + 1);
  return { map, indent };
}

/**
 * An edit of whole lines without the lines it writes as they were, at either end: a fix that
 * adds a setting after a block often rewrites the block's last line unchanged.
 */
function minimalEdit(
  text: string,
  edit: { readonly from: number; readonly to: number; readonly replacement: string },
): { from: number; to: number; replacement: string } {
  const { replacement } = edit;
  let from = edit.from;
  let head = 0;
  for (;;) {
    const end = text.indexOf("\n", from);
    if (end < 0 || end >= edit.to) break;
    const line = text.slice(from, end + 1);
    if (!replacement.startsWith(line, head)) break;
    from = end + 1;
    head += line.length;
  }
  let to = edit.to;
  let tail = replacement.length;
  while (to > from) {
    const start = text.lastIndexOf("\n", to - 2) + 1;
    if (start < from) break;
    const line = text.slice(start, to);
    if (tail - line.length < head || replacement.slice(tail - line.length, tail) !== line) break;
    to = start;
    tail -= line.length;
  }
  return { from, to, replacement: replacement.slice(head, tail) };
}

/**
 * The block mapping that lines inserted at the line boundary `at`, their keys at column
 * `indent`, become entries of, and where: after the entry whose lines end there (blank and
 * comment lines aside), descending into the entries and sequence items that hold `at` or end at
 * it while `indent` is deeper than their mapping's keys; null when there is none.
 */
function locateInsert(
  map: YAMLMap,
  path: readonly Step[],
  text: string,
  at: number,
  indent: number,
): Place | null {
  const lines = mapEntryLines(map, text);
  if (lines === null) return null;
  let k = -1;
  while (k + 1 < lines.length && (lines[k + 1] as [number, number])[0] < at) k++;
  const entry = lines[k];
  const pair = map.items[k] as Pair | undefined;
  const key = map.items[0]?.key as Node | undefined;
  if (!entry || !pair || !key?.range) return null;
  const column = key.range[0] - (text.lastIndexOf("\n", key.range[0] - 1) + 1);
  const inside = at < entry[1];
  if (!inside && !BLANK_OR_COMMENT_LINES.test(text.slice(entry[1], at))) return null;
  if (indent > column)
    return insertIn(pair.value, [...path, { parent: map, index: k }], text, at, indent);
  if (inside || indent !== column) return null;
  return { map, first: k + 1, end: k + 1, indent, path };
}

const BLANK_OR_COMMENT_LINES = /^(?:[ \t]*(?:#[^\n]*)?\r?\n)*$/;

function insertIn(
  node: unknown,
  path: readonly Step[],
  text: string,
  at: number,
  indent: number,
): Place | null {
  if (isMap(node) && !node.flow) return locateInsert(node, path, text, at, indent);
  if (isSeq(node) && !node.flow) {
    let index = -1;
    for (const [i, item] of node.items.entries()) {
      const range = (item as Node | null)?.range;
      if (!range) return null;
      if (text.lastIndexOf("\n", range[0] - 1) + 1 < at) index = i;
    }
    if (index < 0) return null;
    return insertIn(node.items[index], [...path, { parent: node, index }], text, at, indent);
  }
  return null;
}

/** Whether a fragment holds no anchor, alias or tag: what it reads is what its text says. */
function isPlain(doc: Document.Parsed): boolean {
  let plain = true;
  visit(doc, {
    Alias: () => {
      plain = false;
      return visit.BREAK;
    },
    Node: (_, node) => {
      if (node.anchor || node.tag) {
        plain = false;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return plain;
}

/** A step's parent with its child at the step replaced, the parent otherwise shared. */
function replaced(step: Step, child: Node): Node {
  const items = [...step.parent.items];
  const item = items[step.index];
  if (isPair(item)) items[step.index] = copyOf(item, { value: child });
  else items[step.index] = child;
  return copyOf(step.parent, { items }) as Node;
}

/**
 * A shallow copy of a `yaml` node or document (its own properties, with `yaml`'s type marks). Its
 * enumerable properties are plain fields, copied by value; the others (the type mark, a
 * collection's schema) keep their attributes. Taking every property's descriptor instead cost
 * twice as long, in a copy made several times per fix verified.
 */
function copyOf<T extends object>(original: T, changes: Partial<Record<string, unknown>>): T {
  const copy = Object.assign(Object.create(Object.getPrototypeOf(original)) as T, original);
  for (const key of Reflect.ownKeys(original)) {
    if (isEnumerable.call(original, key)) continue;
    Object.defineProperty(copy, key, Object.getOwnPropertyDescriptor(original, key) ?? {});
  }
  return Object.assign(copy, changes);
}

const isEnumerable = Object.prototype.propertyIsEnumerable;
