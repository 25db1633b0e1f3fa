/**
 * Dev containers (`.devcontainer/devcontainer.json`, `.devcontainer.json`,
 * `.devcontainer/<folder>/devcontainer.json`; https://containers.dev/implementors/spec/#devcontainerjson):
 * the container and the Features it installs read into the container model and judged by the
 * container rules; fixes written with jsonc-parser's edits and verified by re-scanning; inline
 * exceptions in `//` comments on the line above the setting or its property.
 */
import { checkSubjects, containerRulesAt } from "../container/check-subjects.js";
import type { ContainerRule, FixIntent } from "../container/rule.js";
import { verdictFinding } from "../container/to-finding.js";
import type { FileKind, KindOptions, RawFinding } from "../core/file-kind.js";
import { inlineExceptionReason } from "../core/inline-exception.js";
import { refusal } from "../core/refusal.js";
import type { Fix, Problem, SourceFile } from "../core/types.js";
import { applyLineFix, toLineFix } from "../fix/line-fix.js";
import { countBy, fixResolves, rescanBudget, spendRescan } from "../fix/rescan-check.js";
import { LineIndex } from "../yaml/line-index.js";
import { devcontainerEdit } from "./devcontainer-fix.js";
import { type DevSetting, type DevSubject, readDevcontainer } from "./read-devcontainer.js";
import { BOM, jsoncView, ownLineComments, readJsonc } from "./read-jsonc.js";

const DEVCONTAINER =
  /(?:^|\/)(?:\.devcontainer\/(?:[^/]+\/)?devcontainer\.json|\.devcontainer\.json)$/;

/** Whether the path is one the dev container tools look for. */
export function claimsDevcontainer(path: string): boolean {
  return DEVCONTAINER.test(path);
}

export function devcontainerKind(rules: readonly ContainerRule[]): FileKind {
  return {
    id: "devcontainer",
    claims: claimsDevcontainer,
    scan: (file, options) => scanDevcontainer(file, options, rules),
  };
}

interface Judged {
  readonly finding: RawFinding;
  readonly place: DevSetting;
  readonly fix: FixIntent | null;
}

function scanDevcontainer(
  file: SourceFile,
  options: KindOptions,
  allRules: readonly ContainerRule[],
): { findings: RawFinding[]; problems: Problem[] } {
  const { text, path } = file;
  const refused = refusal(text, options.limits.maxFileSize);
  if (refused) return { findings: [], problems: [{ path, ...refused, line: 1, column: 1 }] };
  const index = new LineIndex(text);
  const view = jsoncView(text);
  const { root, problem } = readJsonc(view, options.limits.maxDepth);
  if (problem) {
    const span = index.span(problem.offset, problem.offset);
    return {
      findings: [],
      problems: [
        {
          path,
          code: problem.code,
          message: problem.message,
          line: span.line,
          column: span.column,
        },
      ],
    };
  }
  const subjects = readDevcontainer(root, path);
  const { verdicts, errors } = checkSubjects(
    containerRulesAt(allRules, options.level),
    subjects.map((s) => s.subject),
  );
  const problems: Problem[] = errors.map((e) => ({
    path,
    code: "internal-error",
    message: `rule ${e.ruleId} failed: ${e.message}`,
    line: 1,
    column: 1,
  }));
  const comments = text.includes("privilege-guard:")
    ? ownLineComments(view, index)
    : new Map<number, string>();
  const judged: Judged[] = [];
  for (const verdict of verdicts) {
    const subject = subjects.find((s) => s.subject === verdict.subject) as DevSubject;
    const place = subject.settings.find((s) => s.setting === verdict.setting);
    if (!place) continue;
    const span = index.span(verdict.setting.at[0], verdict.setting.at[1]);
    const remediation = place.remediation ?? subject.remediation;
    const finding = verdictFinding(verdict, {
      path,
      span,
      object: `${options.identityPath}${subject.object}`,
      field: verdict.setting.field,
      container: subject.container,
      exception: inlineExceptionReason(
        comments,
        [span.line, index.lineOf(place.keyAt)],
        verdict.rule,
      ),
      fix: null,
    });
    judged.push({
      finding: remediation ? { ...finding, remediation } : finding,
      place,
      fix: verdict.fix,
    });
  }
  // File order, so that a review reads top to bottom.
  judged.sort((a, b) => a.place.setting.at[0] - b.place.setting.at[0]);
  if (!options.fixes) return { findings: judged.map((j) => j.finding), problems };
  const before = countBy(judged.map((j) => j.finding.identity));
  const budget = rescanBudget(text, options.limits);
  const findings = judged.map((j) => {
    const fix = verifiedFix(j, file, view, index, options, allRules, before, budget);
    return fix ? { ...j.finding, fix } : j.finding;
  });
  return { findings, problems };
}

/**
 * The verdict's fix intent as an edit of the file, offered only when the fixed text, re-scanned,
 * reads without a problem, has fewer findings of this identity, and no identity more often than
 * before except those of rules the fix trades for it.
 */
function verifiedFix(
  j: Judged,
  file: SourceFile,
  view: string,
  index: LineIndex,
  options: KindOptions,
  rules: readonly ContainerRule[],
  before: ReadonlyMap<string, number>,
  budget: { left: number },
): Fix | null {
  const intent = j.fix;
  const edit = j.place.edit;
  if (!intent || !edit) return null;
  const change = devcontainerEdit(view, intent, edit);
  if (!change) return null;
  const trades = intent.op === "replace-privileged" ? intent.trades : [];
  const lineFix = toLineFix(view, index, [change], intent.description, trades);
  if (!lineFix) return null;
  // The view holds a leading byte-order mark as a space; the suggestion keeps the mark.
  const fix =
    lineFix.line === 1 && file.text.startsWith(BOM)
      ? { ...lineFix, text: BOM + lineFix.text.slice(1) }
      : lineFix;
  const fixed = applyLineFix(file.text, index, fix);
  if (!spendRescan(budget, fixed)) return null;
  const after = scanDevcontainer(
    { path: file.path, text: fixed },
    { ...options, fixes: false },
    rules,
  );
  if (after.problems.length > 0) return null;
  const identities = after.findings.map((f) => f.identity);
  return fixResolves(j.finding.identity, trades, before, identities) ? fix : null;
}
