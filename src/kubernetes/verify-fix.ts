import type { Fix, Level, Limits } from "../core/types.js";
import { detectLayout, type Layout } from "../fix/layout.js";
import { lineEnding, toLineFix } from "../fix/line-fix.js";
import { MapEditor } from "../fix/map-editor.js";
import type { LineIndex } from "../yaml/line-index.js";
import type { DocumentChunk } from "../yaml/split-documents.js";
import type { YamlDoc } from "../yaml/yaml-doc.js";
import type { FixPlan, KubernetesRule } from "./rule.js";
import { type ChunkScan, type DocumentReport, type ReadChunk, scanChunk } from "./scan-document.js";
import { VALUES_FIX_WITHHELD, valuesChangedOutside, withinPodValues } from "./value-fix.js";
import { newViolations, nonLocalChanges } from "./validity/index.js";

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
}

/** What a chunk held before any fix (counts of problems and identities), and its layout. */
export interface FixBaseline {
  readonly problems: ReadonlyMap<string, number>;
  readonly identities: ReadonlyMap<string, number>;
  readonly layout: Layout;
  /** The documents as plain data, or null when they cannot be read as such. */
  readonly objects: readonly unknown[] | null;
}

export function fixBaseline(chunk: DocumentChunk, scan: ChunkScan): FixBaseline {
  return {
    problems: countBy(scan.problems.map(problemKey)),
    identities: countBy(scan.reports.map((r) => r.identity)),
    layout: detectLayout(chunk.text),
    objects: plainObjects(scan.docs),
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
function plainObjects(docs: readonly YamlDoc[]): unknown[] | null {
  try {
    return docs.map((d) => d.doc.toJS());
  } catch {
    return null;
  }
}

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
  const { text, index } = context;
  const editor = new MapEditor(text, index, target.doc, before.layout);
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
  const eol = lineEnding(text);
  let replacement = eol === "\n" ? fix.text : fix.text.replace(/\n/g, eol);
  if (!(to > from && chunk.text[to - 1] === "\n") && replacement.endsWith(eol))
    replacement = replacement.slice(0, -eol.length);
  const fixedText = chunk.text.slice(0, from) + replacement + chunk.text.slice(to);
  if (context.budget.left < fixedText.length) return null;
  context.budget.left -= fixedText.length;
  const after = scanChunk(
    { ...chunk, start: 0, text: fixedText },
    context.rules,
    context.level,
    context.limits,
    context.identityPath,
  );
  const problemsAfter = countBy(after.problems.map(problemKey));
  for (const [key, n] of problemsAfter) if (n > (before.problems.get(key) ?? 0)) return null;
  const counts = before.identities;
  const remaining = countBy(after.reports.map((r) => r.identity));
  if ((remaining.get(target.identity) ?? 0) >= (counts.get(target.identity) ?? 0)) return null;
  const trades = new Set(plan.trades ?? []);
  for (const r of after.reports) {
    const had = counts.get(r.identity) ?? 0;
    const now = remaining.get(r.identity) ?? 0;
    if (now > had && !trades.has(r.rule.id)) return null;
  }
  const objects = plainObjects(after.docs);
  if (before.objects && objects) {
    // A chart's values are local when they change only values its templates render as settings.
    if (chunk.values) {
      if (valuesChangedOutside(before.objects, objects, chunk.values).length > 0) {
        return { withheld: VALUES_FIX_WITHHELD };
      }
    } else if (nonLocalChanges(before.objects, objects).length > 0) return null;
    const broken = newViolations(before.objects, objects)[0];
    if (broken) return { refused: `${broken.field}: ${broken.message}` };
  }
  return { fix };
}

function problemKey(p: { readonly code: string; readonly message: string }): string {
  return `${p.code}:${p.message}`;
}

function countBy(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}
