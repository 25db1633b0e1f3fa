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
  withFixes,
} from "./verify-fix.js";

/**
 * The verdict on the fix of each report of a chunk (null where none is offered), each exactly as
 * `verifiedFix` gives it: verified as if applied alone to the original file.
 *
 * Verifying each fix alone re-scans the whole chunk once per fix, which for a `List` of many
 * items is quadratic and runs out of the file's budget. The rules judge each pod on its own, and
 * Kubernetes validates each item on its own, so the fixes of a `List`'s items are verified in
 * rounds (with `batch`): a round applies at most one fix to each item, all at once, and re-scans
 * the chunk once. Each fix is then judged on what the re-scan found in its own item, with every
 * other item as it was before: exactly what re-scanning with that fix alone finds, as long as
 * each item's text reads the same whatever is done to the other items. The round checks that
 * before its findings count: no alias, no problem, the same items, every item without a fix in
 * the round read back to the same object with the same findings, each fix's lines inside its
 * item's lines and no line shared by two items; otherwise each fix of the round is verified alone.
 * Two fixes on one pod are never in one round: they can interact (removing `privileged` makes
 * `allowPrivilegeEscalation: false` valid).
 */
export function verifiedFixes(
  targets: readonly DocumentReport[],
  chunk: ReadChunk,
  scanned: ChunkScan,
  context: FixContext,
  batch: boolean,
): (FixVerdict | null)[] {
  if (targets.length === 0) return [];
  const before = fixBaseline(chunk, scanned);
  const verdicts = new Map<DocumentReport, FixVerdict | null>();
  const prepared: PreparedFix[] = [];
  for (const target of targets) {
    const plan = target.report.fix;
    const p = plan ? prepareFix(plan, target, chunk, before, context) : null;
    if (isPrepared(p)) prepared.push(p);
    else verdicts.set(target, p);
  }
  const list = batch && prepared.length > 1 ? listItems(chunk, scanned, context, before) : null;
  const rounds: PreparedFix[][] = [];
  const alone: PreparedFix[] = [];
  if (list) {
    const byItem = new Map<number, PreparedFix[]>();
    for (const p of prepared) {
      const item = list.itemOfFix(p);
      if (item < 0) alone.push(p);
      else byItem.set(item, [...(byItem.get(item) ?? []), p]);
    }
    for (const fixes of byItem.values())
      fixes.forEach((p, i) => {
        const round = rounds[i] ?? [];
        round.push(p);
        rounds[i] = round;
      });
  } else alone.push(...prepared);
  for (const round of rounds) {
    const judged =
      list && round.length > 1 ? verifiedRound(round, list, chunk, before, context) : null;
    for (const p of round)
      verdicts.set(
        p.target,
        judged ? (judged.get(p) ?? null) : verifiedAlone(p, chunk, before, context),
      );
  }
  for (const p of alone) verdicts.set(p.target, verifiedAlone(p, chunk, before, context));
  return targets.map((t) => verdicts.get(t) ?? null);
}

/** The items of a chunk that is one `List`, as a round of fixes is checked against them. */
interface ListItems {
  /** The item whose lines hold the fix and its finding, or -1. */
  itemOfFix(p: PreparedFix): number;
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
    objects,
    rest: withoutItems(plain),
    identities,
    violations: objects.map((o, k) =>
      violationCounts(validateDocument(o, CONSTRAINTS, `items[${k}].`)),
    ),
  };
}

/**
 * Applies a round's fixes (one per item) together, re-scans the chunk once, and judges each fix
 * on its own item; null when the round cannot be judged so (each fix is then verified alone).
 */
function verifiedRound(
  round: readonly PreparedFix[],
  list: ListItems,
  chunk: ReadChunk,
  before: FixBaseline,
  context: FixContext,
): Map<PreparedFix, FixVerdict | null> | null {
  const fixedText = withFixes(chunk.text, round);
  if (context.budget.left < fixedText.length) return null;
  context.budget.left -= fixedText.length;
  const after = scanChunk(
    { ...chunk, start: 0, text: fixedText },
    context.rules,
    context.level,
    context.limits,
    context.identityPath,
  );
  const doc = after.docs.length === 1 ? after.docs[0] : undefined;
  if (after.problems.length > 0 || !doc || doc.aliased) return null;
  const refs = itemRefs(doc);
  const plain = plainObjects(after.docs)?.[0];
  const objects = listAt(plain, "items");
  if (!refs || refs.length !== list.objects.length || objects.length !== refs.length) return null;
  if (!isDeepStrictEqual(withoutItems(plain), list.rest)) return null;
  const identities = attribute(after.reports, refs);
  if (!identities) return null;
  const fixed = new Map<number, PreparedFix>();
  for (const p of round) fixed.set(list.itemOfFix(p), p);
  for (let k = 0; k < objects.length; k++) {
    if (fixed.has(k)) continue;
    if (!isDeepStrictEqual(objects[k], list.objects[k])) return null;
    if (!isDeepStrictEqual(identities[k], list.identities[k])) return null;
  }
  const rules = new Map(after.reports.map((r) => [r.identity, r.rule.id]));
  const verdicts = new Map<PreparedFix, FixVerdict | null>();
  for (const [k, p] of fixed) {
    // The chunk with this fix alone: every other item as before, this one as re-scanned. Only
    // the identities found in this item can change; the judgement looks at no other.
    const had = list.identities[k] ?? new Map<string, number>();
    const now = identities[k] ?? new Map<string, number>();
    const counts = new Map<string, number>();
    for (const id of new Set([...had.keys(), ...now.keys()]))
      counts.set(id, (before.identities.get(id) ?? 0) - (had.get(id) ?? 0) + (now.get(id) ?? 0));
    const verdict = judgeFix(p, before, {
      problems: new Map(),
      identities: counts,
      rules,
      objects: () => {
        if (nonLocalChanges([list.objects[k]], [objects[k]]).length > 0) return { nonLocal: true };
        const added = violationsBeyond(
          list.violations[k] ?? new Map(),
          validateDocument(objects[k], CONSTRAINTS, `items[${k}].`),
        );
        return { broken: added[0] ?? null };
      },
    });
    verdicts.set(p, verdict);
  }
  return verdicts;
}

/** The items of a document that is a `List` of mappings only, or null. */
function itemRefs(doc: YamlDoc): Ref<YAMLMap>[] | null {
  const root = doc.root();
  if (!root || !isMap(root.node)) return null;
  const map = root as Ref<YAMLMap>;
  const kind = doc.getScalar(map, "kind");
  const items = doc.getSeq(map, "items");
  if (typeof kind !== "string" || !kind.endsWith("List") || !items) return null;
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
