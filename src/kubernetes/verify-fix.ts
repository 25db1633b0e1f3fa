import type { ScanMemo } from "../core/scan-memo.js";
import type { Fix, Level, Limits } from "../core/types.js";
import { detectLayout, type Layout } from "../fix/layout.js";
import { toLineFix } from "../fix/line-fix.js";
import { MapEditor } from "../fix/map-editor.js";
import type { LineIndex } from "../yaml/line-index.js";
import type { DocumentChunk } from "../yaml/split-documents.js";
import type { YamlDoc } from "../yaml/yaml-doc.js";
import type { FixPlan, KubernetesRule } from "./rule.js";
import {
  type ChunkScan,
  type DocumentReport,
  type ReadChunk,
  scanChunk,
  scanParsed,
} from "./scan-document.js";
import { graftedDocs } from "./verify-graft.js";
import { VALUES_FIX_WITHHELD, valuesChangedOutside, withinPodValues } from "./value-fix.js";
import {
  nonLocalChanges,
  type Violation,
  validateDocument,
  violationCounts,
  violationsBeyond,
} from "./validity/index.js";

/** The file a fix is built in, and how it is scanned. */
export interface FixContext {
  readonly text: string;
  readonly index: LineIndex;
  readonly rules: readonly KubernetesRule[];
  readonly level: Level;
  readonly limits: Limits;
  readonly identityPath: string;
  /** Characters this file may still re-scan to verify fixes; each verification spends its chunk. */
  readonly budget: { left: number };
  /** The file's line ending (`lineEnding`), found once: a fix is verified as it will be applied. */
  readonly eol: "\n" | "\r\n" | "\r";
  /**
   * Read a fixed document by parsing only the lines a fix writes, where that reads the same as
   * parsing it whole (see `verify-graft.ts`); otherwise, and when false, it is parsed whole.
   */
  readonly graft: boolean;
  /**
   * The scan's memo: what fixes write again and again (the rendering of new lines, their reading
   * for a graft) is worked out once per scan.
   */
  readonly memo: ScanMemo;
}

/** What a chunk held before any fix (counts of problems and identities), and its layout. */
export interface FixBaseline {
  readonly problems: ReadonlyMap<string, number>;
  readonly identities: ReadonlyMap<string, number>;
  readonly layout: Layout;
  /** The documents as plain data, or null when they cannot be read as such. */
  readonly objects: readonly unknown[] | null;
  /** The Kubernetes constraints the documents already break, counted (see `newViolations`). */
  readonly violations: ReadonlyMap<string, number>;
  /** The documents as parsed, for a fix to be grafted into (see `verify-graft.ts`). */
  readonly docs: readonly YamlDoc[];
}

export function fixBaseline(chunk: DocumentChunk, scan: ChunkScan): FixBaseline {
  const objects = plainObjects(scan.docs);
  return {
    problems: countBy(scan.problems.map(problemKey)),
    identities: countBy(scan.reports.map((r) => r.identity)),
    layout: detectLayout(chunk.text),
    objects,
    violations: violationCounts(objects ? objects.flatMap((o) => validateDocument(o)) : []),
    docs: scan.docs,
  };
}

/**
 * A fix built; refused with the reason Kubernetes would give; withheld with the reason to say
 * (a fix in a chart's values that reaches beyond what the templates render); or not possible
 * here (null).
 */
export type FixVerdict =
  | { readonly fix: Fix }
  | { readonly refused: string }
  | { readonly withheld: string };

/** Documents as plain data (merge keys and aliases resolved), or null when one cannot be. */
export function plainObjects(docs: readonly YamlDoc[]): unknown[] | null {
  try {
    return docs.map((d) => d.doc.toJS());
  } catch {
    return null;
  }
}

/** A fix built and ready to verify: the chunk's characters [from, to) become `replacement`. */
export interface PreparedFix {
  readonly plan: FixPlan;
  readonly target: DocumentReport;
  readonly fix: Fix;
  /** Offsets in the chunk's text. */
  readonly from: number;
  readonly to: number;
  readonly replacement: string;
}

export function isPrepared(p: PreparedFix | FixVerdict | null): p is PreparedFix {
  return p !== null && "plan" in p;
}

/**
 * Builds a rule's fix as `applyLineFix` would apply it to the file; a verdict when it can be
 * decided without a re-scan (withheld in a chart's values), null when no fix can be built here.
 */
export function prepareFix(
  plan: FixPlan,
  target: DocumentReport,
  chunk: ReadChunk,
  before: FixBaseline,
  context: FixContext,
): PreparedFix | FixVerdict | null {
  const { text, index } = context;
  const editor = new MapEditor(text, index, target.doc, before.layout, context.memo);
  let edits: ReturnType<FixPlan["build"]>;
  try {
    edits = plan.build(editor);
  } catch {
    return null;
  }
  if (!edits || edits.length === 0) return null;
  const chunkEnd = chunk.start + chunk.text.length;
  if (edits.some((e) => e.start < chunk.start || e.end > chunkEnd || e.start > e.end)) return null;
  let fix: Fix | null;
  try {
    fix = toLineFix(text, index, edits, plan.description, plan.trades ?? []);
  } catch {
    return null;
  }
  if (!fix) return null;
  if (chunk.values && !withinPodValues(target.pod, index, fix)) {
    return { withheld: VALUES_FIX_WITHHELD };
  }
  const from = index.lineStart(fix.line) - chunk.start;
  const to = index.lineEnd(fix.endLine) - chunk.start;
  if (from < 0 || to > chunk.text.length) return null;
  // The same replacement `applyLineFix` makes: the file's own line ending.
  const { eol } = context;
  let replacement = eol === "\n" ? fix.text : fix.text.replace(/\n/g, eol);
  if (!(to > from && chunk.text[to - 1] === "\n") && replacement.endsWith(eol))
    replacement = replacement.slice(0, -eol.length);
  return { plan, target, fix, from, to, replacement };
}

/** The chunk's text with a prepared fix applied. */
function withFix(chunkText: string, fix: PreparedFix): string {
  return chunkText.slice(0, fix.from) + fix.replacement + chunkText.slice(fix.to);
}

/** What the chunk holds with one fix applied, as `judgeFix` compares it with the baseline. */
export interface FixedState {
  readonly problems: ReadonlyMap<string, number>;
  readonly identities: ReadonlyMap<string, number>;
  /** The rule of each identity found. */
  readonly rules: ReadonlyMap<string, string>;
  /**
   * Whether the fixed objects differ from the originals beyond the settings fixes touch, and the
   * first Kubernetes constraint they newly break; null when they cannot be read as plain data.
   */
  readonly objects: () => ObjectsCheck | null;
}

export type ObjectsCheck =
  | { readonly nonLocal: true }
  | { readonly withheld: string }
  | { readonly broken: Violation | null };

/**
 * Builds a rule's fix and verifies it: the document, with the fix applied exactly as
 * `applyLineFix` applies it to the file, still parses with no new problem, has fewer findings of
 * this identity, and no finding of an identity that occurs more often than before, except those of
 * rules the fix trades for it; the fixed object breaks no constraint of Kubernetes' validation or
 * the kubelet that the original kept (src/kubernetes/validity), and differs from the original only
 * in the settings fixes touch (in a chart's values: only in values the templates render as
 * settings, and within them without adding a line). A fix that fails any of this is not offered; one that Kubernetes
 * would reject is refused with Kubernetes' reason, for the finding to say.
 */
export function verifiedFix(
  plan: FixPlan,
  target: DocumentReport,
  chunk: ReadChunk,
  before: FixBaseline,
  context: FixContext,
): FixVerdict | null {
  const prepared = prepareFix(plan, target, chunk, before, context);
  if (!isPrepared(prepared)) return prepared;
  return verifiedAlone(prepared, chunk, before, context);
}

/** Verifies a prepared fix by re-scanning its chunk with that fix alone applied. */
export function verifiedAlone(
  prepared: PreparedFix,
  chunk: ReadChunk,
  before: FixBaseline,
  context: FixContext,
): FixVerdict | null {
  const fixedLength =
    chunk.text.length - (prepared.to - prepared.from) + prepared.replacement.length;
  if (context.budget.left < fixedLength) return null;
  context.budget.left -= fixedLength;
  const { rules, level, limits, identityPath } = context;
  const grafted =
    context.graft && before.problems.size === 0
      ? graftedDocs(before.docs, chunk, prepared, limits, context.memo)
      : null;
  const fixedChunk = {
    ...chunk,
    start: 0,
    text: grafted ? chunk.text : withFix(chunk.text, prepared),
  };
  const after = grafted
    ? scanParsed(grafted, fixedChunk, rules, level, limits, identityPath)
    : scanChunk(fixedChunk, rules, level, limits, identityPath);
  const objects = (): ObjectsCheck | null => {
    const fixed = plainObjects(after.docs);
    if (!before.objects || !fixed) return null;
    // A chart's values are local when they change only values its templates render as settings.
    if (chunk.values) {
      if (valuesChangedOutside(before.objects, fixed, chunk.values).length > 0) {
        return { withheld: VALUES_FIX_WITHHELD };
      }
    } else if (nonLocalChanges(before.objects, fixed).length > 0) return { nonLocal: true };
    const added = violationsBeyond(
      before.violations,
      fixed.flatMap((o) => validateDocument(o)),
    );
    return { broken: added[0] ?? null };
  };
  return judgeFix(prepared, before, {
    problems: countBy(after.problems.map(problemKey)),
    identities: countBy(after.reports.map((r) => r.identity)),
    rules: new Map(after.reports.map((r) => [r.identity, r.rule.id])),
    objects,
  });
}

/** The verdict on a fix, from what its chunk holds with that fix alone applied. */
export function judgeFix(
  prepared: PreparedFix,
  before: FixBaseline,
  after: FixedState,
): FixVerdict | null {
  const { plan, target, fix } = prepared;
  for (const [key, n] of after.problems) if (n > (before.problems.get(key) ?? 0)) return null;
  const counts = before.identities;
  const remaining = after.identities;
  if ((remaining.get(target.identity) ?? 0) >= (counts.get(target.identity) ?? 0)) return null;
  const trades = new Set(plan.trades ?? []);
  for (const [identity, now] of remaining) {
    const had = counts.get(identity) ?? 0;
    if (now > had && !trades.has(after.rules.get(identity) ?? "")) return null;
  }
  const objects = after.objects();
  if (objects) {
    if ("nonLocal" in objects) return null;
    if ("withheld" in objects) return { withheld: objects.withheld };
    if (objects.broken) return { refused: `${objects.broken.field}: ${objects.broken.message}` };
  }
  return { fix };
}

export function problemKey(p: { readonly code: string; readonly message: string }): string {
  return `${p.code}:${p.message}`;
}

export function countBy(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}
