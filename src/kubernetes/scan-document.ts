import { levelIncludes, overriddenAt } from "../core/pss.js";
import type { Fix, Level, Limits } from "../core/types.js";
import { detectLayout } from "../fix/layout.js";
import { toLineFix } from "../fix/line-fix.js";
import { MapEditor } from "../fix/map-editor.js";
import type { LineIndex } from "../yaml/line-index.js";
import { parseChunk, type ParseProblem } from "../yaml/parse-stream.js";
import type { DocumentChunk } from "../yaml/split-documents.js";
import { AliasBudgetError, type YamlDoc } from "../yaml/yaml-doc.js";
import { DepthLimitError, findPods } from "./find-pods.js";
import type { PodView } from "./pod-view.js";
import type { FixPlan, KubernetesRule, Report } from "./rule.js";

/** A report with everything needed to become a finding. */
export interface DocumentReport {
  readonly rule: KubernetesRule;
  readonly report: Report<string>;
  readonly pod: PodView;
  readonly doc: YamlDoc;
  /** Identity without the file part: resource, field and rule. */
  readonly identity: string;
}

export interface ChunkScan {
  readonly reports: DocumentReport[];
  readonly problems: ParseProblem[];
}

/** The rules that apply at `level`, PSA's overrides taken into account. */
export function rulesFor(rules: readonly KubernetesRule[], level: Level): KubernetesRule[] {
  const overridden = overriddenAt(level);
  return rules.filter((r) => {
    if (!r.pss) return true;
    return levelIncludes(level, r.pss.level) && !overridden.has(r.pss.control);
  });
}

/** Parses one document chunk and runs the rules on every pod in it. */
export function scanChunk(
  chunk: DocumentChunk,
  rules: readonly KubernetesRule[],
  level: Level,
  limits: Limits,
  identityPath: string,
): ChunkScan {
  const parsed = parseChunk(chunk, limits);
  const reports: DocumentReport[] = [];
  const problems = [...parsed.problems];
  for (const doc of parsed.docs) {
    try {
      for (const pod of findPods(doc, limits.maxDepth)) {
        const owner = resourceKey(pod, identityPath, doc.index);
        for (const rule of rules) {
          rule.check(pod, {
            level,
            doc,
            report: (report) => {
              reports.push({
                rule,
                report,
                pod,
                doc,
                identity: `${owner}>${report.field}>${rule.id}`,
              });
            },
          });
        }
      }
    } catch (error) {
      if (error instanceof AliasBudgetError) {
        problems.push({
          code: "alias-limit",
          message: `aliases expand to more than ${limits.maxAliasCount} nodes (an alias bomb?); document not scanned`,
          offset: doc.base,
        });
      } else if (error instanceof DepthLimitError) {
        problems.push({
          code: "too-deep",
          message: `document nests more than ${limits.maxDepth} levels deep; not scanned`,
          offset: doc.base,
        });
      } else throw error;
      // A document that could not be read whole yields no findings rather than half of them.
      for (let i = reports.length - 1; i >= 0; i--)
        if (reports[i]?.doc === doc) reports.splice(i, 1);
    }
  }
  return { reports, problems };
}

/** Identity of the object a pod belongs to: kind/namespace/name when named, else file and document. */
function resourceKey(pod: PodView, identityPath: string, docIndex: number): string {
  const r = pod.resource;
  return r?.name ? `${r.kind}:${r.namespace ?? ""}/${r.name}` : `${identityPath}#${docIndex}`;
}

/**
 * Builds a rule's fix and verifies it: applied to the document, the text still parses, the
 * finding is gone, and no finding appears that was not there before, except those the fix trades
 * for it. A fix that fails is not offered.
 */
export function verifiedFix(
  plan: FixPlan,
  target: DocumentReport,
  chunk: DocumentChunk,
  before: ChunkScan,
  text: string,
  index: LineIndex,
  rules: readonly KubernetesRule[],
  level: Level,
  limits: Limits,
  identityPath: string,
): Fix | null {
  const editor = new MapEditor(text, index, target.doc, detectLayout(chunk.text));
  let edits: ReturnType<FixPlan["build"]>;
  try {
    edits = plan.build(editor);
  } catch {
    return null;
  }
  if (!edits || edits.length === 0) return null;
  const chunkEnd = chunk.start + chunk.text.length;
  if (edits.some((e) => e.start < chunk.start || e.end > chunkEnd)) return null;
  const fix = toLineFix(text, index, edits, plan.description, plan.trades ?? []);
  if (!fix) return null;
  const from = index.lineStart(fix.line) - chunk.start;
  const to = index.lineEnd(fix.endLine) - chunk.start;
  const eol = chunk.text.includes("\r\n") ? "\r\n" : "\n";
  const body = chunk.text.slice(from, to);
  let replacement = eol === "\n" ? fix.text : fix.text.replace(/\n/g, eol);
  if (!body.endsWith("\n") && replacement.endsWith(eol))
    replacement = replacement.slice(0, -eol.length);
  const fixedText = chunk.text.slice(0, from) + replacement + chunk.text.slice(to);
  const after = scanChunk(
    { ...chunk, start: 0, text: fixedText },
    rules,
    level,
    limits,
    identityPath,
  );
  if (after.problems.length > before.problems.length) return null;
  const counts = countBy(before.reports.map((r) => r.identity));
  const remaining = countBy(after.reports.map((r) => r.identity));
  if ((remaining.get(target.identity) ?? 0) >= (counts.get(target.identity) ?? 0)) return null;
  const trades = new Set(plan.trades ?? []);
  for (const r of after.reports) {
    const had = counts.get(r.identity) ?? 0;
    const now = remaining.get(r.identity) ?? 0;
    if (now > had && !trades.has(r.rule.id)) return null;
  }
  return fix;
}

function countBy(ids: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const id of ids) m.set(id, (m.get(id) ?? 0) + 1);
  return m;
}
