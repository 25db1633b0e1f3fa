/**
 * Findings of the container rules on command lines (`RunSite`s) of any kind: each site becomes a
 * container subject (its flags as settings, its image and arguments as the workload), the rules
 * judge it, and each verdict becomes a finding placed on its flag, identified by the site's
 * identity and the setting (never a line), with a fix in the command line's own syntax.
 */
import { codeSpan } from "../core/code-span.js";
import type { RawFinding } from "../core/file-kind.js";
import type { Fix, Level, Limits, Problem } from "../core/types.js";
import { applyLineFix, toLineFix } from "../fix/line-fix.js";
import { countBy, fixResolves, rescanBudget, spendRescan } from "../fix/rescan-check.js";
import type { TextEdit } from "../fix/text-edit.js";
import type { LineIndex } from "../yaml/line-index.js";
import { type ContainerVerdict, checkSubjects, containerRulesAt } from "./check-subjects.js";
import type { ContainerRule, FixIntent } from "./rule.js";
import type { RunFlag } from "./run-args.js";
import { runSettings, runWorkload } from "./run-settings.js";
import type { RunSite } from "./run-site.js";
import type { ContainerSubject } from "./settings.js";
import { verdictFinding } from "./to-finding.js";

/** What a file's scan yields for fix verification: identities found, and problems. */
export interface Rescan {
  readonly identities: readonly string[];
  readonly problems: readonly Problem[];
}

export interface SiteFindingsContext {
  readonly path: string;
  readonly text: string;
  readonly index: LineIndex;
  readonly rules: readonly ContainerRule[];
  readonly level: Level;
  readonly limits: Limits;
  /** Offer fixes (each verified by `rescan`). */
  readonly fixes: boolean;
  /** The same kind's scan of a fixed text, without fixes: what verification compares. */
  readonly rescan: (text: string) => Rescan;
  /** Problems of the unfixed text (a fix must add none). */
  readonly problems: readonly Problem[];
  /** The reason of an inline exception comment for this rule at this site, or null. */
  readonly exceptionFor: (site: RunSite, rule: ContainerRule, at: number) => string | null;
}

interface Judged {
  readonly site: RunSite;
  readonly verdict: ContainerVerdict;
  readonly identity: string;
}

/** Every rule's findings on the sites; identities only when `context.fixes` is false. */
export function judgeSites(
  sites: readonly RunSite[],
  rules: readonly ContainerRule[],
  level: Level,
): Judged[] {
  const subjects: ContainerSubject[] = [];
  const siteOf = new Map<ContainerSubject, RunSite>();
  for (const site of sites) {
    const subject: ContainerSubject = {
      label: site.command ? `${site.where}, ${codeSpan(site.command)}` : site.where,
      settings: runSettings(site.args),
      workload: runWorkload(site.args, site.words),
    };
    if (subject.settings.length === 0) continue;
    subjects.push(subject);
    siteOf.set(subject, site);
  }
  const { verdicts } = checkSubjects(containerRulesAt(rules, level), subjects);
  return verdicts.map((verdict) => {
    const site = siteOf.get(verdict.subject) as RunSite;
    return {
      site,
      verdict,
      identity: `${site.identity}>${verdict.setting.field}>${verdict.rule.id}`,
    };
  });
}

export function siteFindings(
  sites: readonly RunSite[],
  context: SiteFindingsContext,
): RawFinding[] {
  const judged = judgeSites(sites, context.rules, context.level);
  const budget = rescanBudget(context.text, context.limits);
  let before: Map<string, number> | null = null;
  return judged.map((j) => {
    let fix: Fix | null = null;
    if (context.fixes && j.verdict.fix) {
      before ??= countBy(judged.map((x) => x.identity));
      fix = verifiedFix(j, j.verdict.fix, context, before, budget);
    }
    return toFinding(j, context, fix);
  });
}

function toFinding(j: Judged, context: SiteFindingsContext, fix: Fix | null): RawFinding {
  const { verdict, site } = j;
  const [start, end] = verdict.setting.at;
  return verdictFinding(verdict, {
    path: context.path,
    span: context.index.span(start, end),
    object: site.identity,
    field: verdict.setting.field,
    container: verdict.subject.label,
    exception: context.exceptionFor(site, verdict.rule, start),
    fix,
    ...(site.remediation !== undefined ? { remediation: site.remediation } : {}),
  });
}

/**
 * The fix as an edit of the flag's words, verified by re-scanning the fixed file: it has fewer
 * findings of this identity, no identity more often than before except the rules the fix trades
 * for it, and no new problem.
 */
function verifiedFix(
  j: Judged,
  intent: FixIntent,
  context: SiteFindingsContext,
  before: ReadonlyMap<string, number>,
  budget: { left: number },
): Fix | null {
  if (!j.site.exact) return null;
  const [start, end] = j.verdict.setting.at;
  const flag = j.site.args.flags.find((f) => f.start === start && f.end === end);
  if (!flag || flag.combined) return null;
  const edit = flagEdit(context.text, j.site, flag, intent);
  const trades = intent.op === "replace-privileged" ? intent.trades : [];
  const fix = toLineFix(context.text, context.index, [edit], intent.description, trades);
  if (!fix) return null;
  const fixed = applyLineFix(context.text, context.index, fix);
  if (!spendRescan(budget, fixed)) return null;
  const after = context.rescan(fixed);
  const problemsBefore = countBy(context.problems.map(problemKey));
  for (const [key, n] of countBy(after.problems.map(problemKey)))
    if (n > (problemsBefore.get(key) ?? 0)) return null;
  return fixResolves(j.identity, trades, before, after.identities) ? fix : null;
}

/**
 * Removing a flag deletes its words and the spaces after them, or, when nothing follows on its
 * line, the space before them (a line continuation before it stays with the words that remain);
 * privileged mode is replaced by `--cap-add=` and `--device=` flags where it stood.
 */
function flagEdit(text: string, site: RunSite, flag: RunFlag, intent: FixIntent): TextEdit {
  if (intent.op === "replace-privileged") {
    const flags = [
      ...intent.capabilities.map((c) => `--cap-add=${c}`),
      ...intent.devices.map((d) => `--device=${d}`),
    ];
    if (flags.length > 0) return { start: flag.start, end: flag.end, text: flags.join(" ") };
  }
  const previous = site.words[flag.firstWord - 1];
  const next = site.words[flag.lastWord + 1];
  if (next && /^[ \t]+$/.test(text.slice(flag.end, next.start)))
    return { start: flag.start, end: next.start, text: "" };
  if (previous) return { start: previous.end, end: flag.end, text: "" };
  if (next) return { start: flag.start, end: next.start, text: "" };
  return { start: flag.start, end: flag.end, text: "" };
}

function problemKey(p: Problem): string {
  return `${p.code}:${p.message}`;
}
