import {
  type ContainerVerdict,
  checkSubjects,
  containerRulesAt,
} from "../container/check-subjects.js";
import type { ContainerRule } from "../container/rule.js";
import { verdictFinding } from "../container/to-finding.js";
import type { FileKind, KindOptions, RawFinding } from "../core/file-kind.js";
import { inlineExceptionReason } from "../core/inline-exception.js";
import { refusal } from "../core/refusal.js";
import type { Fix, Problem, SourceFile } from "../core/types.js";
import { detectLayout } from "../fix/layout.js";
import { applyLineFix, toLineFix } from "../fix/line-fix.js";
import { MapEditor } from "../fix/map-editor.js";
import { countBy, fixResolves, rescanBudget, spendRescan } from "../fix/rescan-check.js";
import { ownLineComments } from "../yaml/comments.js";
import { LineIndex } from "../yaml/line-index.js";
import { parseChunk, problemPosition } from "../yaml/parse-stream.js";
import { splitDocuments } from "../yaml/split-documents.js";
import type { YamlDoc } from "../yaml/yaml-doc.js";
import { claimsCompose } from "./claims.js";
import { composeOps } from "./compose-fix.js";
import { composeReferences, externalServices } from "./external-services.js";
import { type ComposeService, type ComposeSetting, readServices } from "./read-services.js";

/**
 * Compose files (the Compose Specification): every service read into the container model and
 * judged by the container rules; fixes written as Compose edits and verified by re-scanning.
 */
export function composeKind(rules: readonly ContainerRule[]): FileKind {
  return {
    id: "compose",
    claims: claimsCompose,
    references: composeReferences,
    scan: (file, options) => scanCompose(file, options, rules),
  };
}

interface Located {
  readonly verdict: ContainerVerdict;
  readonly service: ComposeService;
  readonly setting: ComposeSetting;
  readonly doc: YamlDoc;
}

function scanCompose(
  file: SourceFile,
  options: KindOptions,
  allRules: readonly ContainerRule[],
): { findings: RawFinding[]; problems: Problem[] } {
  const { text, path } = file;
  const refused = refusal(text, options.limits.maxFileSize);
  if (refused) return { findings: [], problems: [{ path, ...refused, line: 1, column: 1 }] };
  const index = new LineIndex(text);
  const rules = containerRulesAt(allRules, options.level);
  const problems: Problem[] = [];
  const located: Located[] = [];
  const external = externalServices(path, options.related, options.limits);
  for (const chunk of splitDocuments(text)) {
    const parsed = parseChunk(chunk, options.limits);
    for (const p of parsed.problems) {
      const pos = problemPosition(index, p.offset);
      problems.push({ path, code: p.code, message: p.message, line: pos.line, column: pos.column });
    }
    for (const doc of parsed.docs) {
      const services = readServices(doc, external);
      const { verdicts, errors } = checkSubjects(
        rules,
        services.map((s) => s.subject),
      );
      for (const e of errors) {
        problems.push({
          path,
          code: "internal-error",
          message: `rule ${e.ruleId} failed: ${e.message}`,
          line: 1,
          column: 1,
        });
      }
      for (const verdict of verdicts) {
        const service = services.find((s) => s.subject === verdict.subject);
        const setting = service?.settings.find((s) => s.setting === verdict.setting);
        if (service && setting) located.push({ verdict, service, setting, doc });
      }
    }
  }
  // File order, so that a review reads top to bottom.
  located.sort((a, b) => a.setting.setting.at[0] - b.setting.setting.at[0]);
  // Comments are read only when an inline exception may be there.
  const comments =
    text.includes("privilege-guard:") && problems.length === 0
      ? ownLineComments(text, index)
      : new Map<number, string>();
  const findingOf = (l: Located, fix: Fix | null): RawFinding => {
    const span = index.span(l.setting.setting.at[0], l.setting.setting.at[1]);
    const keyLine = index.lineOf(l.setting.keyAt[0]);
    return verdictFinding(l.verdict, {
      path,
      span,
      object: `${options.identityPath}#services.${l.service.name}`,
      field: `services.${l.service.name}.${l.setting.setting.field}`,
      container: l.service.name,
      service: l.service.name,
      exception: inlineExceptionReason(comments, [span.line, keyLine], l.verdict.rule),
      fix,
    });
  };
  const plain = located.map((l) => findingOf(l, null));
  if (!options.fixes || plain.length === 0) return { findings: plain, problems };
  const verify: Verifier = {
    file,
    options,
    rules: allRules,
    before: countBy(plain.map((f) => f.identity)),
    problems: problems.length,
    budget: rescanBudget(text, options.limits),
  };
  const layout = detectLayout(text);
  const findings = located.map((l, i) => {
    const finding = plain[i] as RawFinding;
    const fix = buildFix(l, text, index, layout, finding.identity, verify);
    return fix ? { ...finding, fix } : finding;
  });
  return { findings, problems };
}

interface Verifier {
  readonly file: SourceFile;
  readonly options: KindOptions;
  readonly rules: readonly ContainerRule[];
  readonly before: ReadonlyMap<string, number>;
  readonly problems: number;
  readonly budget: { left: number };
}

/**
 * The verdict's fix intent as a Compose edit, offered only when the fixed file, re-scanned, has no
 * new problem, fewer findings of this identity, and no identity more often than before except
 * those of rules the fix trades for it.
 */
function buildFix(
  l: Located,
  text: string,
  index: LineIndex,
  layout: ReturnType<typeof detectLayout>,
  identity: string,
  verify: Verifier,
): Fix | null {
  const intent = l.verdict.fix;
  if (!intent) return null;
  const ops = composeOps(intent, l.setting.edit);
  if (!ops) return null;
  const trades = intent.op === "replace-privileged" ? intent.trades : [];
  let fix: Fix | null;
  try {
    const edits = new MapEditor(text, index, l.doc, layout).edit(l.service.ref, ops);
    if (!edits || edits.length === 0) return null;
    fix = toLineFix(text, index, edits, intent.description, trades);
  } catch {
    return null;
  }
  if (!fix) return null;
  const fixed = applyLineFix(text, index, fix);
  if (!spendRescan(verify.budget, fixed)) return null;
  const after = scanCompose(
    { path: verify.file.path, text: fixed },
    { ...verify.options, fixes: false },
    verify.rules,
  );
  if (after.problems.length > verify.problems) return null;
  const identities = after.findings.map((f) => f.identity);
  return fixResolves(identity, trades, verify.before, identities) ? fix : null;
}
