import {
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  stringify,
  type Node,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import type { ScanMemo } from "../core/scan-memo.js";
import type { LineIndex } from "../yaml/line-index.js";
import { PartialMap } from "../yaml/partial-map.js";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import { contentEnd, type Layout } from "./layout.js";
import { removeSeqItem } from "./remove-item.js";
import {
  applySeqOps,
  buildValue,
  groupByHead,
  type MapOp,
  shift,
  toPlain,
  type Value,
} from "./map-ops.js";
import { renderFlow, renderScalar, unquote, YAML_VERSION } from "./render-yaml.js";
import type { TextEdit } from "./text-edit.js";

export type { MapOp, Value } from "./map-ops.js";

/**
 * Builds text edits that change mappings in place: values replaced in their own source ranges,
 * new keys appended after the mapping's last line in the file's own indentation, pairs removed
 * by whole lines. Never re-serialises the file. Returns null where a safe edit is not possible
 * (a value reached through an alias, an unusual layout); the caller then offers no fix.
 */
export class MapEditor {
  readonly #text: string;
  readonly #index: LineIndex;
  readonly #doc: YamlDoc;
  readonly #layout: Layout;
  readonly #memo: ScanMemo | null;

  /** `memo`: the scan's, where renderings of new lines are kept (the same few again and again). */
  constructor(
    text: string,
    index: LineIndex,
    doc: YamlDoc,
    layout: Layout,
    memo: ScanMemo | null = null,
  ) {
    this.#text = text;
    this.#index = index;
    this.#doc = doc;
    this.#layout = layout;
    this.#memo = memo;
  }

  /** Edits applying `ops` to `map`. */
  edit(map: Ref<YAMLMap>, ops: readonly MapOp[]): TextEdit[] | null {
    if (!map.direct) return null;
    if (map.node.flow || this.#layout.json) return this.#rewriteFlow(map, ops);
    const edits: TextEdit[] = [];
    const appended: Record<string, Value> = {};
    let deleted = 0;
    for (const [key, keyOps] of groupByHead(ops)) {
      const entry = this.#doc.entries(map).find((e) => e.key === key);
      if (entry && !entry.pair) {
        if (keyOps.some((o) => o.op === "delete" || o.op === "removeItems")) return null;
      }
      if (!entry?.pair || !entry.value) {
        const value = buildValue(keyOps.map(shift), undefined);
        if (value !== undefined) appended[key] = value;
        continue;
      }
      const own = keyOps.filter((o) => o.path.length === 1);
      const nested = keyOps.filter((o) => o.path.length > 1).map((o) => shift(o));
      const value = entry.value;
      if (own.some((o) => o.op === "delete")) {
        const removal = this.#deletePair(entry.range);
        if (!removal) return null;
        edits.push(removal);
        deleted++;
        continue;
      }
      const set = own.find((o) => o.op === "set");
      if (set && set.op === "set") {
        const e = this.#replaceValue(entry.range, value, set.value);
        if (!e) return null;
        edits.push(...e);
        continue;
      }
      const seqOps = own.filter((o) => o.op === "addItems" || o.op === "removeItems");
      if (seqOps.length > 0) {
        const e = this.#editSeq(entry.range, value, seqOps);
        if (!e) return null;
        edits.push(...e);
      }
      if (nested.length > 0) {
        if (!isMap(value.node)) {
          if (sharesNodes(value.node)) return null;
          const replacement = buildValue(nested, toPlain(value.node));
          if (replacement === undefined) continue;
          const e = this.#replaceValue(entry.range, value, replacement);
          if (!e) return null;
          edits.push(...e);
          continue;
        }
        const e = this.edit(value as Ref<YAMLMap>, nested);
        if (!e) return null;
        edits.push(...e);
      }
    }
    // Deleting every pair empties the mapping as `{}`: the mapping in the text, for a part of it.
    const ownPairs = map.node instanceof PartialMap ? map.node.whole : map.node.items.length;
    if (deleted > 0 && deleted === ownPairs && Object.keys(appended).length === 0) {
      const start = map.range[0];
      return [{ start, end: contentEnd(map.node as Node, this.#text, this.#doc.base), text: "{}" }];
    }
    if (Object.keys(appended).length > 0) {
      const e = this.#append(map, appended);
      if (!e) return null;
      edits.push(e);
    }
    return edits;
  }

  /** Edits that make `parent[key]` a mapping with `ops` applied, creating it when missing. */
  editChild(parent: Ref<YAMLMap>, key: string, ops: readonly MapOp[]): TextEdit[] | null {
    return this.edit(
      parent,
      ops.map((o) => ({ ...o, path: [key, ...o.path] })),
    );
  }

  /** Edits removing item `i` of a sequence (a mapping item too), or null; see `removeSeqItem`. */
  removeItem(seq: Ref<YAMLSeq>, i: number): TextEdit[] | null {
    return removeSeqItem(this.#text, this.#index, this.#doc, seq, i);
  }

  /** Column (0-based) of a block mapping's keys. */
  indentOf(map: Ref<YAMLMap>): number {
    const start = map.node.range?.[0] ?? 0;
    const abs = this.#doc.base + start;
    return abs - this.#index.lineStart(this.#index.lineOf(abs));
  }

  #append(map: Ref<YAMLMap>, values: Record<string, Value>): TextEdit | null {
    const indent = this.indentOf(map);
    const end = contentEnd(map.node as Node, this.#text, this.#doc.base);
    const line = this.#index.lineOf(Math.max(0, end - 1));
    if (!this.#onlyTrivia(end, this.#index.lineEnd(line))) return null;
    const at = this.#index.lineEnd(line);
    const body = this.#renderBlock(values, indent);
    const needsBreak = at > 0 && this.#text[at - 1] !== "\n";
    return { start: at, end: at, text: (needsBreak ? "\n" : "") + body };
  }

  #renderBlock(value: Value, indent: number): string {
    const { step, indentSeq } = this.#layout;
    const render = () =>
      stringify(value, { version: YAML_VERSION, indent: step, indentSeq, lineWidth: 0 });
    const key = this.#memo ? valueKey(value) : null;
    const out =
      key !== null && this.#memo
        ? this.#memo.get(`fix/render-block\u0000${step}\u0000${indentSeq}\u0000${key}`, render)
        : render();
    const pad = " ".repeat(indent);
    return out
      .split("\n")
      .filter((l, i, all) => !(l === "" && i === all.length - 1))
      .map((l) => `${pad}${l}\n`)
      .join("");
  }

  /** Replaces the value of a pair; a scalar in its own range, a collection by the pair's lines. */
  #replaceValue(pairRange: readonly [number, number], value: Ref, next: Value): TextEdit[] | null {
    if (!value.direct) return null;
    if (isScalar(value.node) && (next === null || typeof next !== "object")) {
      const [start, end] = value.range;
      return [{ start, end, text: renderScalar(next, this.#layout.json) }];
    }
    const keyStart = pairRange[0];
    const line = this.#index.lineOf(keyStart);
    const lineStart = this.#index.lineStart(line);
    if (this.#text.slice(lineStart, keyStart).trim() !== "") return null;
    const indent = keyStart - lineStart;
    const end = contentEnd(value.node, this.#text, this.#doc.base);
    const key = this.#text.slice(keyStart, this.#text.indexOf(":", keyStart));
    const block = this.#renderBlock({ [unquote(key)]: next }, indent);
    return [{ start: lineStart, end, text: block.replace(/\n$/, "") }];
  }

  #editSeq(
    pairRange: readonly [number, number],
    value: Ref,
    ops: readonly MapOp[],
  ): TextEdit[] | null {
    if (sharesNodes(value.node)) return null;
    const current = isSeq(value.node) ? (toPlain(value.node) as Value[]) : [];
    const next = applySeqOps(current, ops);
    if (next === null) return [];
    if (isSeq(value.node) && !value.node.flow && ops.every((o) => o.op === "addItems")) {
      const seq = value as Ref<YAMLSeq>;
      const added = next.slice(current.length);
      const end = contentEnd(seq.node as Node, this.#text, this.#doc.base);
      const line = this.#index.lineOf(Math.max(0, end - 1));
      const lineStart = this.#index.lineStart(line);
      const first = seq.node.items[0] as Node | undefined;
      const itemStart = this.#doc.base + (first?.range?.[0] ?? 0);
      const dash = this.#text.lastIndexOf("-", itemStart);
      const column = dash - this.#index.lineStart(this.#index.lineOf(dash));
      if (!value.direct || column < 0 || !this.#onlyTrivia(end, this.#index.lineEnd(line)))
        return null;
      const at = this.#index.lineEnd(line);
      const pad = " ".repeat(column);
      const needsBreak = this.#text[at - 1] !== "\n";
      const text = added.map((v) => `${pad}- ${renderScalar(v, false)}\n`).join("");
      return lineStart >= 0
        ? [{ start: at, end: at, text: (needsBreak ? "\n" : "") + text }]
        : null;
    }
    if (isSeq(value.node) && !value.node.flow && next.length > 0) {
      const removed = this.#removeLines(value as Ref<YAMLSeq>, ops, next.length);
      if (removed) return removed;
    }
    if (isSeq(value.node) && value.node.flow) {
      if (!value.direct) return null;
      const [start, end] = value.range;
      return [{ start, end, text: renderFlow(next, this.#layout.json) }];
    }
    return this.#replaceValue(pairRange, value, next);
  }

  /**
   * Where `ops` only remove items of a block sequence and `left` stay: each removed item's own
   * lines go, the others and their comments stay as written; null where one cannot go that way.
   */
  #removeLines(seq: Ref<YAMLSeq>, ops: readonly MapOp[], left: number): TextEdit[] | null {
    if (!ops.every((o) => o.op === "removeItems")) return null;
    const gone = new Set(ops.flatMap((o) => (o.op === "removeItems" ? o.items : [])));
    const edits: TextEdit[] = [];
    for (const [i, item] of seq.node.items.entries()) {
      if (!isScalar(item) || typeof item.value !== "string" || !gone.has(item.value)) continue;
      const e = this.removeItem(seq, i);
      if (!e) return null;
      edits.push(...e);
    }
    return edits.length > 0 && seq.node.items.length - edits.length === left ? edits : null;
  }

  #deletePair(range: readonly [number, number]): TextEdit | null {
    const [start, end] = range;
    const first = this.#index.lineOf(start);
    const lineStart = this.#index.lineStart(first);
    if (this.#text.slice(lineStart, start).trim() !== "") return null;
    const last = this.#index.lineOf(Math.max(start, end - 1));
    const lineEnd = this.#index.lineEnd(last);
    if (!this.#onlyTrivia(end, lineEnd)) return null;
    return { start: lineStart, end: lineEnd, text: "" };
  }

  #rewriteFlow(map: Ref<YAMLMap>, ops: readonly MapOp[]): TextEdit[] | null {
    if (sharesNodes(map.node)) return null;
    const current = toPlain(map.node);
    const next = buildValue(ops, current);
    if (next === undefined) return [];
    const [start, end] = map.range;
    if (this.#layout.json) {
      const line = this.#index.lineOf(start);
      const lineIndent = (
        /^ */.exec(this.#text.slice(this.#index.lineStart(line), start))?.[0] ?? ""
      ).length;
      const multiLine = this.#index.lineOf(end - 1) !== line;
      const json = multiLine
        ? JSON.stringify(next, null, this.#layout.step).replace(
            /\n/g,
            `\n${" ".repeat(lineIndent)}`,
          )
        : JSON.stringify(next);
      return [{ start, end, text: json }];
    }
    return [{ start, end, text: renderFlow(next, false) }];
  }

  /** True when [from, to) holds only blanks, a line break or a comment. */
  #onlyTrivia(from: number, to: number): boolean {
    const rest = this.#text.slice(from, to).trim();
    return rest === "" || rest.startsWith("#");
  }
}

/**
 * A value as a key for its rendering: JSON, which tells every value of the type apart except
 * numbers JSON cannot write (NaN, infinities) or writes as another (-0); null for those.
 */
function valueKey(value: Value): string | null {
  let exact = true;
  const json = JSON.stringify(value, (_, v: unknown) => {
    if (typeof v === "number" && (!Number.isFinite(v) || Object.is(v, -0))) exact = false;
    return v;
  });
  return exact ? json : null;
}

/**
 * True when a node holds an alias or an anchor (itself included). Re-rendering it from plain data
 * would write an alias out as its own fields and drop an anchor that other places use.
 */
function sharesNodes(node: unknown): boolean {
  if (isAlias(node)) return true;
  if (!node || typeof node !== "object") return false;
  if (typeof (node as { anchor?: unknown }).anchor === "string") return true;
  if (isPair(node)) return sharesNodes(node.key) || sharesNodes(node.value);
  if (isMap(node) || isSeq(node)) return node.items.some((item) => sharesNodes(item));
  return false;
}
