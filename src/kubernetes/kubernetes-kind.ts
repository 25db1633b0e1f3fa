import type { FileKind, KindOptions, RawFinding } from "../core/file-kind.js";
import { isPrintableAscii, refusal } from "../core/refusal.js";
import type { Problem, SourceFile } from "../core/types.js";
import { lineEnding } from "../fix/line-fix.js";
import {
  type LexedTemplate,
  lexTemplate,
  type TemplateLexError,
} from "../yaml/go-template-lexer.js";
import { withLineFeeds } from "../yaml/line-breaks.js";
import { LineIndex } from "../yaml/line-index.js";
import { problemPosition } from "../yaml/parse-stream.js";
import { splitDocuments } from "../yaml/split-documents.js";
import { templateChunks } from "../yaml/template-chunks.js";
import {
  inChartTemplates,
  isChartTemplate,
  isPartialTemplate,
  TPL,
  templateChart,
  valuesFileChart,
} from "./chart-paths.js";
import type { PolicyRule } from "./policy-rule.js";
import type { KubernetesRule } from "./rule.js";
import { type ReadChunk, rulesFor, scanChunk } from "./scan-document.js";
import { scannedChart } from "./scanned-chart.js";
import { templateFacts } from "./template-facts.js";
import { scanPolicies } from "./scan-policies.js";
import { needsFullReading } from "./screen.js";
import { fragmentMayHoldSetting, unreadableMayHoldFinding } from "./screen-triggers.js";
import {
  keepsTemplateActions,
  optionGate,
  optionGateAdvice,
  settingAt,
  TEMPLATE_FIX_WITHHELD,
} from "./template-fix.js";
import { toFinding } from "./to-finding.js";
import { VALUES_BY_KEY_NAME } from "./value-fix.js";
import { valuesMap } from "./values-map.js";
import { verifiedFixes } from "./verify-batch.js";
import type { FixContext } from "./verify-fix.js";

const MANIFEST_EXTENSIONS = /\.(?:ya?ml|json)$/i;
/** Re-scanning allowed for fix verification on top of `maxFixScanFactor` times the file. */
const FIX_SCAN_ALLOWANCE = 1024 * 1024;

export interface KubernetesKindOptions {
  /**
   * Skip documents that the screen proves cannot hold a finding (default true). Only tests turn
   * it off, to prove that the screen never hides a finding.
   */
  readonly screen?: boolean;
  /**
   * Verify a fix inside an item of a `List` on that item alone (default true; see
   * `verify-batch.ts`). Only tests turn it off, to prove that this offers exactly the fixes
   * verification on the whole List offers.
   */
  readonly batchVerification?: boolean;
  /**
   * Read a fixed document by parsing only the lines the fix writes where that reads the same
   * (default true; see `verify-graft.ts`). Only tests turn it off, to prove that this offers
   * exactly the fixes parsing the fixed document whole offers.
   */
  readonly graftVerification?: boolean;
}

/** A file named as Helm values files are (`values.yaml`, `values-prod.yaml`, `values.dev.yml`). */
const VALUES_NAME = /(?:^|\/)values(?:[-.][^/]*)?\.ya?ml$/i;

/** Kubernetes manifests and fragments of them (Helm values, Kustomize patches), YAML or JSON. */
export function kubernetesKind(
  rules: readonly KubernetesRule[],
  kindOptions: KubernetesKindOptions = {},
  policyRules: readonly PolicyRule[] = [],
): FileKind {
  const screen = kindOptions.screen ?? true;
  const batch = kindOptions.batchVerification ?? true;
  const graft = kindOptions.graftVerification ?? true;
  return {
    id: "kubernetes",
    claims: (path) => MANIFEST_EXTENSIONS.test(path) || TPL.test(path),
    scan: (file, options) => scanManifest(file, options, rules, policyRules, screen, batch, graft),
  };
}

function scanManifest(
  file: SourceFile,
  options: KindOptions,
  allRules: readonly KubernetesRule[],
  policyRules: readonly PolicyRule[],
  screen: boolean,
  batch: boolean,
  graft: boolean,
): { findings: RawFinding[]; problems: Problem[] } {
  const { path } = file;
  // Lone CRs are line breaks to kubectl; turned into LFs, offsets unchanged (see line-breaks.ts).
  const text = withLineFeeds(file.text);
  const { limits, level } = options;
  // Tested once for the whole file: then neither the refusal nor the screen's line check of each
  // document tests its characters again.
  const printable = text.length <= limits.maxFileSize && isPrintableAscii(text);
  const refused = refusal(text, limits.maxFileSize, printable);
  if (refused) return { findings: [], problems: [{ path, ...refused, line: 1, column: 1 }] };
  const rules = rulesFor(allRules, level);
  const chart = valuesFileChart(path, options.charts);
  const scanned = chart === null ? null : scannedChart(chart, options);
  // A chart's values are judged through what its templates do with them; without a template to
  // read, by key names.
  const values = scanned?.reading ? valuesMap(scanned.reading, limits, scanned.images) : undefined;
  const byKeyName = chart !== null && !values;
  const valuesKind = chart !== null ? "chart" : VALUES_NAME.test(path) ? "named" : null;
  const template = isChartTemplate(path, options.charts);
  // A `.tpl` in a `templates/` folder that is in no chart (a mail or web template, a file another
  // tool renders) is read as a Go template, as Helm would read it, but neither Helm nor kubectl
  // reads it as it stands: that it does not read says nothing of a manifest unless its text
  // could write one (a setting word, a key that makes an object, a pod or a container).
  const ours = (chunkText: string) =>
    !template || inChartTemplates(path, options.charts) || fragmentMayHoldSetting(chunkText, false);
  const chunks: ReadChunk[] | TemplateLexError = template
    ? withChartFacts(templateChunks(text, isPartialTemplate(path), true), path, options)
    : splitDocuments(text).map((c) => (values ? { ...c, values } : c));
  if (!Array.isArray(chunks)) {
    if (!ours(text)) return { findings: [], problems: [] };
    const pos = problemPosition(new LineIndex(text), chunks.offset);
    const message = `template not checked: Go's template parser stops here (${chunks.message}); Helm would not render it either`;
    return { findings: [], problems: [{ path, code: "template-not-checked", message, ...pos }] };
  }
  // Built on the first document read in full: most files of a large scan never need it.
  let context: FixContext | null = null;
  const findings: RawFinding[] = [];
  const problems: Problem[] = [];
  // The template's actions, lexed when a fix in it is first asked whether an option gates it.
  let lexed: LexedTemplate | null = null;
  const gateOf = (at: number) => {
    lexed ??= lexTemplate(text);
    return optionGate(lexed, text, at, settingAt(text, at));
  };
  for (const read of chunks) {
    // Skipped only when it is well-formed YAML that provably holds no finding.
    if (screen && !values && !needsFullReading(read.text, level, read.template, printable))
      continue;
    context ??= {
      text,
      index: new LineIndex(text),
      rules,
      level,
      limits,
      identityPath: options.identityPath,
      budget: { left: limits.maxFixScanFactor * text.length + FIX_SCAN_ALLOWANCE },
      eol: lineEnding(text),
      graft,
      memo: options.memo,
    };
    const { index } = context;
    let chunk: ReadChunk = read;
    let scanned = scanChunk(chunk, rules, level, limits, options.identityPath);
    if (chunk.spliced && scanned.problems.length > 0) {
      // Not read with the body it includes: its problems are those of its own text.
      chunk = chunk.spliced.written;
      scanned = scanChunk(chunk, rules, level, limits, options.identityPath);
    }
    // What a named template reads of the body it includes is reported on that body's reading.
    const own = chunk.start + (chunk.spliced?.length ?? 0);
    // A document that does not read and cannot hold what a rule reports is no manifest (a JSON
    // file of another tool, with comments; a `.tpl` of no chart): its problems are not reported
    // (see screen-triggers).
    const reported = chunk.template
      ? ours(chunk.text)
      : values || unreadableMayHoldFinding(chunk.text);
    for (const p of reported ? scanned.problems : []) {
      const pos = problemPosition(index, p.offset);
      problems.push({ path, code: p.code, message: p.message, line: pos.line, column: pos.column });
    }
    const targets = options.fixes
      ? scanned.reports.filter((r) => r.report.fix && r.report.at[0] >= own)
      : [];
    const verdicts = verifiedFixes(targets, chunk, scanned, context, batch);
    const verdictOf = new Map(targets.map((r, i) => [r, verdicts[i] ?? null]));
    for (const r of scanned.reports) {
      if (r.report.at[0] < own) continue;
      let fix = null;
      let why: string | null = null;
      if (verdictOf.has(r)) {
        const verdict = verdictOf.get(r);
        if (verdict && "refused" in verdict) why = fixRefused(verdict.refused);
        else if (verdict && "withheld" in verdict) why = verdict.withheld;
        else fix = verdict?.fix ?? null;
        if (fix && !keepsTemplateActions(text, index, fix))
          [fix, why] = [null, TEMPLATE_FIX_WITHHELD];
        const gate = fix && chunk.template ? gateOf(r.report.at[0]) : null;
        if (gate) [fix, why] = [null, optionGateAdvice(text, gate)];
      }
      const finding = toFinding(path, index, r, fix, valuesKind);
      const notes = [byKeyName ? VALUES_BY_KEY_NAME : null, r.pod.note ?? null, why].filter(
        (n) => n !== null,
      );
      findings.push(
        notes.length > 0
          ? { ...finding, remediation: [finding.remediation, ...notes].join(" ") }
          : finding,
      );
    }
    // A chart's values hold no Namespace or admission configuration.
    const ownLine = chunk.spliced ? index.span(own, own).line : 0;
    for (const doc of values ? [] : scanned.docs) {
      const policies = scanPolicies(doc, policyRules, path, options.identityPath, index);
      findings.push(...policies.findings.filter((f) => f.line >= ownLine));
      problems.push(...policies.problems.filter((p) => p.line >= ownLine));
    }
  }
  return { findings, problems };
}

/**
 * A chart template's chunks, each knowing what the chart's other files tell of its pods (see
 * `template-facts.ts`), worked out for the chart when a pod first asks.
 */
function withChartFacts(
  chunks: ReadChunk[] | TemplateLexError,
  path: string,
  options: KindOptions,
): ReadChunk[] | TemplateLexError {
  const root = templateChart(path, options.charts);
  if (root === null || !Array.isArray(chunks)) return chunks;
  const chart = templateFacts(path, root, options);
  return chunks.map((c) => ({ ...c, chart }));
}

/** Why no fix is offered when the fixed object would not be accepted. */
function fixRefused(reason: string): string {
  return `No fix is suggested: the obvious edit would not be accepted by Kubernetes (${reason}).`;
}
