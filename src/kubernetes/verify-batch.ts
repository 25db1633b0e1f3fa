import { isDeepStrictEqual } from "node:util";
import { isMap } from "yaml";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import type { YAMLMap } from "yaml";
import { type ChunkScan, type DocumentReport, type ReadChunk, scanChunk } from "./scan-document.js";
import { listAt, objectAt } from "./validity/pod-data.js";
import {
  CONSTRAINTS,
  nonLocalChanges,
  validateDocument,
  violationCounts,
  violationsBeyond,
} from "./validity/index.js";
import {
  countBy,
  type FixBaseline,
  type FixContext,
  type FixVerdict,
  fixBaseline,
  isPrepared,
  judgeFix,
  type PreparedFix,
  plainObjects,
  prepareFix,
  verifiedAlone,
} from "./verify-fix.js";

/**
 * The verdict on the fix of each report of a chunk (null where none is offered), each exactly as
 * `verifiedFix` gives it: verified as if applied alone to the original file.
 *
 * Verifying a fix alone re-scans the whole chunk, which for a `List` of many items is quadratic
 * and runs out of the file's budget. The rules judge each pod on its own and Kubernetes validates
 * each item on its own, so with `isolate` a fix inside one item of a `List` is verified on that
 * item alone: the List's text with its other items left out and the fix applied, re-scanned once,
 * and judged on what it found in its one item, every other item counted as it was. That is what
 * re-scanning the whole List with the fix alone finds, as long as an item's text reads the same
 * with or without the other items: a block sequence's entry is read from its own lines only, so
 * this holds when the List has no alias, no problem, only mappings as items in a block sequence,
 * no line shared by two items or by an item and the List's own keys, and the fix's lines inside
 * its item's. The re-scan checks the rest: one item read back, the List's other keys read as
 * before, every finding inside the item; otherwise the fix is verified on the whole chunk.
 */
export function verifiedFixes(
  targets: readonly DocumentReport[],
  chunk: ReadChunk,
  scanned: ChunkScan,
  context: FixContext,
  isolate: boolean,
): (FixVerdict | null)[] {
  if (targets.length === 0) return [];
  const before = fixBaseline(chunk, scanned);
  // Read as a List on the first fix that needs it; null when it is not one.
  let listOf: ListItems | null | undefined;
  return targets.map((target) => {
    const plan = target.report.fix;
    const p = plan ? prepareFix(plan, target, chunk, before, context) : null;
    if (!isPrepared(p)) return p;
    if (listOf === undefined) listOf = isolate ? listItems(chunk, scanned, context, before) : null;
    const list = listOf;
    const item = list ? list.itemOfFix(p) : -1;
    const judged =
      list && item >= 0 ? verifiedInItem(p, item, list, chunk, before, context) : undefined;
    return judged !== undefined ? judged : verifiedAlone(p, chunk, before, context);
  });
}
/** The items of a chunk that is one `List`, as a fix in one of them is verified on it alone. */
interface ListItems {
  /** The item whose lines hold the fix and its finding, or -1. */
  itemOfFix(p: PreparedFix): number;
  /** Each item's lines, as offsets [from, to) in the chunk's text (line breaks included). */
  readonly spans: readonly (readonly [number, number])[];
  /** The items as plain data. */
  readonly objects: readonly unknown[];
  /** The List without its items, as plain data. */
  readonly rest: unknown;
  /** Findings (identities counted) of each item. */
  readonly identities: readonly ReadonlyMap<string, number>[];
  /** Broken Kubernetes constraints of each item, counted. */
  readonly violations: readonly ReadonlyMap<string, number>[];
}

/** The chunk read as one `List` whose items can be fixed independently, or null. */
function listItems(
  chunk: ReadChunk,
  scanned: ChunkScan,
  context: FixContext,
  before: FixBaseline,
): ListItems | null {
  if (chunk.values || chunk.template || scanned.problems.length > 0) return null;
  const doc = scanned.docs.length === 1 ? scanned.docs[0] : undefined;
  const plain = before.objects?.length === 1 ? before.objects[0] : undefined;
  if (!doc || doc.templated || doc.aliased || plain === undefined) return null;
  const refs = itemRefs(doc);
  const objects = listAt(plain, "items");
  if (!refs || refs.length !== objects.length) return null;
  const { index } = context;
  const lines = refs.map((r) => [index.lineOf(r.range[0]), index.lineOf(lastOffset(r))] as const);
  for (let k = 1; k < lines.length; k++)
    if ((lines[k]?.[0] ?? 0) <= (lines[k - 1]?.[1] ?? 0)) return null;
  const identities = attribute(scanned.reports, refs);
  if (!identities) return null;
  return {
    itemOfFix: (p) => {
      const k = itemAt(refs, p.target.report.at[0]);
      const span = lines[k];
      return span && p.fix.line >= span[0] && p.fix.endLine <= span[1] ? k : -1;
    },
    spans: lines.map(
      ([first, last]) =>
        [index.lineStart(first) - chunk.start, index.lineEnd(last) - chunk.start] as const,
    ),
    objects,
    rest: withoutItems(plain),
    identities,
    violations: objects.map((o, k) =>
      violationCounts(validateDocument(o, CONSTRAINTS, `items[${k}].`)),
    ),
  };
}

/**
 * Verifies a fix inside item `k` on that item alone: the List's text before its first item and
 * after its last, around the item's lines with the fix applied, re-scanned once. Null when the
 * re-scan does not read back as that List with the one item (the fix is then verified on the
 * whole chunk).
 */
function verifiedInItem(
  p: PreparedFix,
  k: number,
  list: ListItems,
  chunk: ReadChunk,
  before: FixBaseline,
  context: FixContext,
): FixVerdict | null | undefined {
  const spans = list.spans;
  const [from, to] = spans[k] ?? [0, 0];
  const first = spans[0]?.[0] ?? 0;
  const last = spans[spans.length - 1]?.[1] ?? chunk.text.length;
  if (p.from < from || p.to > to) return undefined;
  const text =
    chunk.text.slice(0, first) +
    chunk.text.slice(from, p.from) +
    p.replacement +
    chunk.text.slice(p.to, to) +
    chunk.text.slice(last);
  if (context.budget.left < text.length) return null;
  context.budget.left -= text.length;
  const after = scanChunk(
    { ...chunk, start: 0, text },
    context.rules,
    context.level,
    context.limits,
    context.identityPath,
  );
  const doc = after.docs.length === 1 ? after.docs[0] : undefined;
  if (after.problems.length > 0 || !doc || doc.aliased) return undefined;
  const refs = itemRefs(doc);
  const plain = plainObjects(after.docs)?.[0];
  const [object, ...others] = listAt(plain, "items");
  if (refs?.length !== 1 || others.length > 0 || object === undefined) return undefined;
  if (!isDeepStrictEqual(withoutItems(plain), list.rest)) return undefined;
  const [now] = attribute(after.reports, refs) ?? [];
  if (!now) return undefined;
  // The chunk with this fix alone: every other item as before, this one as re-scanned. Only the
  // identities found in this item can change; the judgement looks at no other.
  const had = list.identities[k] ?? new Map<string, number>();
  const counts = new Map<string, number>();
  for (const id of new Set([...had.keys(), ...now.keys()]))
    counts.set(id, (before.identities.get(id) ?? 0) - (had.get(id) ?? 0) + (now.get(id) ?? 0));
  return judgeFix(p, before, {
    problems: new Map(),
    identities: counts,
    rules: new Map(after.reports.map((r) => [r.identity, r.rule.id])),
    objects: () => {
      if (nonLocalChanges([list.objects[k]], [object]).length > 0) return { nonLocal: true };
      const added = violationsBeyond(
        list.violations[k] ?? new Map(),
        validateDocument(object, CONSTRAINTS, `items[${k}].`),
      );
      return { broken: added[0] ?? null };
    },
  });
}

/** The items of a document that is a `List` of mappings only, or null. */
function itemRefs(doc: YamlDoc): Ref<YAMLMap>[] | null {
  const root = doc.root();
  if (!root || !isMap(root.node)) return null;
  const map = root as Ref<YAMLMap>;
  const kind = doc.getScalar(map, "kind");
  const items = doc.getSeq(map, "items");
  if (typeof kind !== "string" || !kind.endsWith("List") || !items || items.node.flow) return null;
  const refs = doc.mapItems(items);
  return refs.length === items.node.items.length && refs.every((r) => r.direct) ? refs : null;
}

/** Identities found in each item, or null when a finding lies outside every item. */
function attribute(
  reports: readonly DocumentReport[],
  refs: readonly Ref<YAMLMap>[],
): Map<string, number>[] | null {
  const found: string[][] = refs.map(() => []);
  for (const r of reports) {
    const k = itemAt(refs, r.report.at[0]);
    const pod = r.pod.spec ? itemAt(refs, r.pod.spec.range[0]) : k;
    if (k < 0 || pod !== k) return null;
    found[k]?.push(r.identity);
  }
  return found.map((ids) => countBy(ids));
}

/** The item whose range holds an offset, or -1. */
function itemAt(refs: readonly Ref<YAMLMap>[], offset: number): number {
  let lo = 0;
  let hi = refs.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const range = (refs[mid] as Ref<YAMLMap>).range;
    if (offset < range[0]) hi = mid - 1;
    else if (offset >= range[1]) lo = mid + 1;
    else return mid;
  }
  return -1;
}

function lastOffset(ref: Ref): number {
  return Math.max(ref.range[0], ref.range[1] - 1);
}

function withoutItems(list: unknown): unknown {
  const object = objectAt(list);
  if (!object) return null;
  const { items: _, ...rest } = object;
  return rest;
}
