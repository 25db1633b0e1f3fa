/**
 * Applying the verified fixes of an evaluation to the texts, as `eslint --fix` does: in each pass,
 * the reported findings' fixes whose lines do not overlap are applied together (in line order; of
 * overlapping ones the first wins, the others wait for the next pass, when they are verified again
 * against the new text), the changed files are evaluated again, and this repeats until no fix is
 * left or after `MAX_FIX_PASSES` passes. Pure: the evaluation is passed in.
 *
 * Only what the evaluation reports is fixed (not accepted exceptions, not files excluded by the
 * config), and only with fixes the engine verified against the text as it is in that pass. A fix
 * that trades its finding for a narrower one (`Fix.trades`, e.g. privileged mode for NET_RAW) is
 * not undone in a later pass: the traded finding on the same object and container is left.
 * Fixes verified one by one could still clash when applied together; a file whose combined fixes
 * leave more problems (a parse error) than it had is fixed with its first fix alone instead.
 */
import type { Finding } from "../core/types.js";
import { applyLineFix } from "../fix/line-fix.js";
import { LineIndex } from "../yaml/line-index.js";
import type { Evaluation } from "./evaluation.js";

/** ESLint's bound on fix passes (linter.js, MAX_AUTOFIX_PASSES). */
export const MAX_FIX_PASSES = 10;

/**
 * Evaluates the files a pass changed (`changed`, by path); `all` holds every file's text after the
 * pass, for what the changed ones are judged with (a chart's templates for its values file).
 */
export type EvaluateTexts = (
  changed: ReadonlyMap<string, string>,
  all: ReadonlyMap<string, string>,
) => Evaluation;

export interface FixOutcome {
  /** Every file's text after the fixes (unchanged files too). */
  readonly texts: ReadonlyMap<string, string>;
  /** The findings whose fixes were applied, in the order they were. */
  readonly applied: readonly Finding[];
  /** Passes that applied at least one fix. */
  readonly passes: number;
}

export function applyFixes(
  texts: ReadonlyMap<string, string>,
  initial: Evaluation,
  evaluate: EvaluateTexts,
  maxPasses: number = MAX_FIX_PASSES,
): FixOutcome {
  const current = new Map(texts);
  const findings = groupByPath(initial.reported);
  const problems = countProblems(initial);
  const traded = new Set<string>();
  const applied: Finding[] = [];
  let passes = 0;
  while (passes < maxPasses) {
    const planned = new Map<string, { readonly fixes: Finding[]; text: string }>();
    for (const [path, list] of findings) {
      const text = current.get(path);
      if (text === undefined) continue;
      const fixes = chooseFixes(list.filter((f) => !traded.has(tradeKey(f, f.ruleId))));
      if (fixes.length > 0) planned.set(path, { fixes, text: applyAll(text, fixes) });
    }
    if (planned.size === 0) break;
    const evaluatePlanned = () => {
      const changed = new Map([...planned].map(([path, p]) => [path, p.text]));
      return evaluate(changed, new Map([...current, ...changed]));
    };
    let after = evaluatePlanned();
    const clashing = [...planned].filter(
      ([path, p]) => p.fixes.length > 1 && problemsOf(after, path) > (problems.get(path) ?? 0),
    );
    if (clashing.length > 0) {
      for (const [path, p] of clashing) {
        p.fixes.splice(1);
        p.text = applyAll(current.get(path) ?? "", p.fixes);
      }
      after = evaluatePlanned();
    }
    passes++;
    const reported = groupByPath(after.reported);
    const afterProblems = countProblems(after);
    for (const [path, p] of planned) {
      current.set(path, p.text);
      findings.set(path, reported.get(path) ?? []);
      problems.set(path, afterProblems.get(path) ?? 0);
      for (const f of p.fixes) {
        applied.push(f);
        for (const rule of f.fix?.trades ?? []) traded.add(tradeKey(f, rule));
      }
    }
  }
  return { texts: current, applied, passes };
}

/**
 * The fixes of one file's findings to apply together: in line order (then rule id and
 * fingerprint, so the choice never depends on the order findings came in), each one whose lines
 * overlap none already chosen.
 */
export function chooseFixes(findings: readonly Finding[]): Finding[] {
  const withFix = findings
    .filter((f) => f.fix !== undefined)
    .sort(
      (a, b) =>
        (a.fix?.line ?? 0) - (b.fix?.line ?? 0) ||
        (a.fix?.endLine ?? 0) - (b.fix?.endLine ?? 0) ||
        compareText(a.ruleId, b.ruleId) ||
        compareText(a.fingerprint, b.fingerprint),
    );
  const chosen: Finding[] = [];
  for (const f of withFix) {
    const fix = f.fix;
    if (!fix) continue;
    if (chosen.every((c) => !c.fix || c.fix.endLine < fix.line || fix.endLine < c.fix.line))
      chosen.push(f);
  }
  return chosen;
}

/** Applies non-overlapping fixes, the last lines first so that earlier line numbers hold. */
function applyAll(text: string, fixes: readonly Finding[]): string {
  let out = text;
  for (const f of [...fixes].sort((a, b) => (b.fix?.line ?? 0) - (a.fix?.line ?? 0)))
    if (f.fix) out = applyLineFix(out, new LineIndex(out), f.fix);
  return out;
}

/** A rule's finding on the same object and container as `f`. */
function tradeKey(f: Finding, ruleId: string): string {
  const r = f.resource;
  return JSON.stringify([
    f.path,
    r?.kind ?? null,
    r?.namespace ?? null,
    r?.name ?? null,
    f.service ?? null,
    f.container,
    ruleId,
  ]);
}

function groupByPath(findings: readonly Finding[]): Map<string, Finding[]> {
  const out = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = out.get(f.path) ?? [];
    list.push(f);
    out.set(f.path, list);
  }
  return out;
}

function countProblems(evaluation: Evaluation): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of evaluation.problems) out.set(p.path, (out.get(p.path) ?? 0) + 1);
  return out;
}

function problemsOf(evaluation: Evaluation, path: string): number {
  return evaluation.problems.filter((p) => p.path === path).length;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
