import {
  type Alias,
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  type Node,
  type Pair,
  type YAMLMap,
  type YAMLSeq,
} from "yaml";
import type { AliasGraph } from "./alias-graph.js";

/** Offsets [start, end) in the whole file text. */
export type Range = readonly [number, number];

/**
 * A node as it is seen from where it is used. `range` is where the value takes effect: the node
 * itself, or the alias that brought it in. `direct` is false when the node was reached through an
 * alias or merge key, so that editing it in place would also change its other uses.
 */
export interface Ref<N extends Node = Node> {
  readonly node: N;
  readonly range: Range;
  readonly direct: boolean;
}

/** A key/value pair of a mapping, with merge keys (`<<`) resolved. */
export interface Entry {
  readonly key: string;
  readonly value: Ref | null;
  /** The pair as written where it takes effect (for a merged key, the `<<` pair). */
  readonly range: Range;
  readonly direct: boolean;
  /** The pair node itself, present when the entry is written in this mapping (not merged). */
  readonly pair: Pair | null;
}

/** Mappings with more entries than this get a by-key index on their first lookup. */
const INDEX_FROM = 8;

interface EntryList {
  readonly start: number;
  readonly end: number;
  readonly direct: boolean;
  readonly entries: readonly Entry[];
  byKey: Map<string, Entry> | null;
}

/**
 * Read access to one parsed document with absolute offsets. Follows aliases and merge keys the way
 * kubectl's decoder does. Every alias was resolved once when the document was parsed, and the
 * document is only built when expanding its aliases stays within the alias limit, so no walk over
 * it can be made to run unbounded by an alias bomb (see `alias-graph.ts`).
 */
export class YamlDoc {
  readonly doc: Document.Parsed;
  /** Offset of this document's chunk within the whole file text. */
  readonly base: number;
  readonly index: number;
  /**
   * The document is a Go (Helm) template read with its actions blanked: what the template renders
   * there is unknown, so a setting left out may well come from the chart's values.
   */
  readonly templated: boolean;
  readonly #targets: ReadonlyMap<Alias, Node | null>;
  /** Whether any mapping sets a key twice: then the last setting wins, as Go's decoders read it. */
  readonly #duplicates: boolean;
  /** Entries of each mapping, per use site (an aliased mapping is seen from each alias). */
  readonly #entryCache = new WeakMap<Node, EntryList[]>();
  readonly #derived: Map<string, unknown>;
  /** A template's text as written (its chunk, from `base`), for `written`; null otherwise. */
  readonly #source: string | null;

  /**
   * `derivedFrom`: the document this one was made from by a fix (`verify-graft.ts`); it shares
   * that document's values derived by content (see `derived`). `source`: a template's text as
   * written, where the reading replaced its actions.
   */
  constructor(
    doc: Document.Parsed,
    base: number,
    index: number,
    graph: AliasGraph,
    templated = false,
    derivedFrom: YamlDoc | null = null,
    source: string | null = null,
  ) {
    this.doc = doc;
    this.base = base;
    this.index = index;
    this.templated = templated;
    this.#targets = graph.targets;
    this.#duplicates = graph.duplicate !== null;
    this.#derived = derivedFrom ? derivedFrom.#derived : new Map();
    this.#source = source;
  }

  /**
   * What a template writes where the reading found `ref`, a scalar it read as unknown because a
   * template action sets it (`name: {{ .Chart.Name }}`), as written (one pair of quotes around
   * it taken off); null when the document is no template or `ref` holds no action.
   */
  written(ref: Ref | null | undefined): string | null {
    if (this.#source === null || !ref || !isScalar(ref.node) || ref.node.value !== null)
      return null;
    const text = this.#source.slice(ref.range[0] - this.base, ref.range[1] - this.base).trim();
    if (!text.includes("{{")) return null;
    const quoted = /^(["'])(.*)\1$/s.exec(text);
    return quoted?.[2] ?? text;
  }

  /**
   * A template's text as written between offsets `start` and `end` of the file (within this
   * document's chunk); null when the document is no template.
   */
  source(start: number, end: number): string | null {
    if (this.#source === null || start > end) return null;
    return this.#source.slice(Math.max(0, start - this.base), end - this.base);
  }

  /**
   * The value of a pure function of data read from the document, computed once per `key`, which
   * must hold everything `compute` reads (the data itself, serialized, not where it was found).
   * Documents made from this one by a fix share these values: a fix changes a few settings, and
   * what was derived from the rest is the same. The value is shared by every caller, never
   * changed.
   */
  derived<T>(key: string, compute: () => T): T {
    if (this.#derived.has(key)) return this.#derived.get(key) as T;
    const value = compute();
    this.#derived.set(key, value);
    return value;
  }

  /** Whether some mapping of the document sets a key twice. */
  get duplicateKeys(): boolean {
    return this.#duplicates;
  }

  /** Whether the document holds an alias: then one node may be seen from several places. */
  get aliased(): boolean {
    return this.#targets.size > 0;
  }

  /** The document's root value, or null for an empty document. */
  root(): Ref | null {
    const contents = this.doc.contents;
    return contents ? this.ref(contents as Node, true) : null;
  }

  /** Wraps a node seen from a use site; an alias is seen as the node its anchor names. */
  ref(node: Node, direct: boolean): Ref {
    if (isAlias(node)) {
      const target = this.#targets.get(node) ?? null;
      const range = this.absolute(node.range);
      if (!target) return { node, range, direct: false };
      const inner = this.ref(target as Node, false);
      return { node: inner.node, range, direct: false };
    }
    // An anchored node is shared with its aliases: editing it in place would change them too.
    const anchored = typeof (node as { anchor?: string }).anchor === "string";
    return { node, range: this.absolute(node.range), direct: direct && !anchored };
  }

  absolute(range: readonly [number, number, number] | null | undefined): Range {
    if (!range) return [this.base, this.base];
    return [this.base + range[0], this.base + range[1]];
  }

  /**
   * All entries of a mapping in effect: own pairs first (the last of a repeated key), then merged
   * ones not overridden. Computed once per mapping and use site; the list is shared, not a copy.
   */
  entries(map: Ref<YAMLMap>): readonly Entry[] {
    return this.#lookup(map).entries;
  }

  /** The entry for `key`, or undefined when the mapping does not set it. */
  get(map: Ref<YAMLMap> | null | undefined, key: string): Entry | undefined {
    if (!map) return undefined;
    const found = this.#lookup(map);
    if (found.entries.length <= INDEX_FROM) {
      for (const e of found.entries) if (e.key === key) return e;
      return undefined;
    }
    if (!found.byKey) {
      found.byKey = new Map();
      for (const e of found.entries) if (!found.byKey.has(e.key)) found.byKey.set(e.key, e);
    }
    return found.byKey.get(key);
  }

  #lookup(map: Ref<YAMLMap>): EntryList {
    let variants = this.#entryCache.get(map.node);
    if (!variants) {
      variants = [];
      this.#entryCache.set(map.node, variants);
    }
    for (const v of variants) {
      if (v.start === map.range[0] && v.end === map.range[1] && v.direct === map.direct) return v;
    }
    const list: EntryList = {
      start: map.range[0],
      end: map.range[1],
      direct: map.direct,
      entries: this.#computeEntries(map),
      byKey: null,
    };
    variants.push(list);
    return list;
  }

  #computeEntries(map: Ref<YAMLMap>): Entry[] {
    let own: Entry[] = [];
    let merged: Entry[] = [];
    for (const item of map.node.items) {
      if (!isPair(item)) continue;
      if (isMergeKey(item)) {
        for (const e of this.#mergeSources(item)) merged.push(e);
        continue;
      }
      const key = keyString(item.key);
      if (key === null) continue;
      own.push(this.#entry(key, item, map.direct));
    }
    if (this.#duplicates) own = lastWins(own);
    if (this.#viaAlias(map)) {
      // Seen through an alias, every setting inside takes effect where the alias is used.
      const at = map.range;
      const relocate = (e: Entry): Entry => ({
        ...e,
        range: at,
        direct: false,
        value: e.value ? { ...e.value, range: at, direct: false } : null,
      });
      own = own.map(relocate);
      merged = merged.map(relocate);
    }
    if (merged.length === 0) return own;
    const seen = new Set(own.map((e) => e.key));
    for (const e of merged) {
      if (seen.has(e.key)) continue;
      seen.add(e.key);
      own.push(e);
    }
    return own;
  }

  /** The value of `key` when it is a mapping. */
  getMap(map: Ref<YAMLMap> | null | undefined, key: string): Ref<YAMLMap> | null {
    const v = this.get(map, key)?.value;
    return v && isMap(v.node) ? (v as Ref<YAMLMap>) : null;
  }

  /** The value of `key` when it is a sequence. */
  getSeq(map: Ref<YAMLMap> | null | undefined, key: string): Ref<YAMLSeq> | null {
    const v = this.get(map, key)?.value;
    return v && isSeq(v.node) ? (v as Ref<YAMLSeq>) : null;
  }

  /** The scalar value of `key` (a string, number, boolean or null), or undefined. */
  getScalar(map: Ref<YAMLMap> | null | undefined, key: string): unknown {
    const v = this.get(map, key)?.value;
    return v && isScalar(v.node) ? v.node.value : undefined;
  }

  /** The scalar value of a ref, or undefined for a collection. */
  getScalarOf(ref: Ref): unknown {
    return isScalar(ref.node) ? ref.node.value : undefined;
  }

  /** Items of a sequence, aliases resolved. */
  items(seq: Ref<YAMLSeq>): Ref[] {
    const out: Ref[] = [];
    const alias = this.#viaAlias(seq);
    for (const item of seq.node.items) {
      if (!item || typeof item !== "object" || !("range" in item)) continue;
      const ref = this.ref(item as Node, seq.direct);
      out.push(alias ? { ...ref, range: seq.range, direct: false } : ref);
    }
    return out;
  }

  /** True when the ref's range is not the node's own: it was reached through an alias. */
  #viaAlias(ref: Ref): boolean {
    const own = ref.node.range;
    return !!own && ref.range[0] !== this.base + own[0];
  }

  /** Mapping items of a sequence. */
  mapItems(seq: Ref<YAMLSeq> | null): Ref<YAMLMap>[] {
    if (!seq) return [];
    return this.items(seq).filter((r): r is Ref<YAMLMap> => isMap(r.node));
  }

  #entry(key: string, pair: Pair, direct: boolean): Entry {
    const value = pair.value ? this.ref(pair.value as Node, direct) : null;
    const keyNode = pair.key as Node | null;
    const start = keyNode?.range?.[0] ?? (pair.value as Node | null)?.range?.[0] ?? 0;
    const end = value
      ? Math.max(value.range[1] - this.base, start)
      : (keyNode?.range?.[1] ?? start);
    return { key, value, range: this.absolute([start, end, end]), direct, pair };
  }

  #mergeSources(pair: Pair): Entry[] {
    const at = this.#entry("<<", pair, false).range;
    const sources: Ref[] = [];
    const v = pair.value as Node | null;
    if (!v) return [];
    const first = this.ref(v, false);
    if (isSeq(first.node)) for (const item of this.items(first as Ref<YAMLSeq>)) sources.push(item);
    else sources.push(first);
    const out: Entry[] = [];
    for (const src of sources) {
      if (!isMap(src.node)) continue;
      for (const e of this.entries({ node: src.node, range: at, direct: false })) {
        out.push({ ...e, range: at, direct: false, pair: null });
      }
    }
    return out;
  }
}

/** Only the last entry of each key, as Go's decoders keep a repeated key. */
function lastWins(entries: Entry[]): Entry[] {
  const last = new Map<string, Entry>();
  for (const e of entries) last.set(e.key, e);
  if (last.size === entries.length) return entries;
  return entries.filter((e) => last.get(e.key) === e);
}

function isMergeKey(pair: Pair): boolean {
  const key = pair.key;
  return (
    isScalar(key) && (typeof key.value === "symbol" || (key.value === "<<" && key.type === "PLAIN"))
  );
}

/** A mapping key as a string, or null for complex keys. */
export function keyString(key: unknown): string | null {
  if (isScalar(key)) {
    const v = key.value;
    if (typeof v === "string") return v;
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return v === null ? "" : null;
  }
  return null;
}

/** A scalar's value as written in a kubectl-decoded manifest, or undefined for collections. */
export function scalarValue(ref: Ref | null | undefined): unknown {
  if (!ref || !isScalar(ref.node)) return undefined;
  return ref.node.value;
}

export { isMap, isScalar, isSeq };
