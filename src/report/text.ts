/**
 * The people-facing report: findings grouped by file, each with its line, severity, rule, message,
 * remediation and fix (as a unified diff), the files that could not be checked, and a count line.
 */
import pc from "picocolors";
import { type Finding, type Problem, SEVERITIES, type Severity } from "../core/types.js";
import type { Accepted, Verdict } from "../evaluation/evaluation.js";
import { fixDiffText } from "./fix-diff.js";
import type { RunReport } from "./review-data.js";
import { terminalSafeData } from "./terminal-safe.js";

export interface TextOptions {
  /** ANSI colours (only for a terminal). */
  readonly color: boolean;
}

type Colors = ReturnType<typeof pc.createColors>;

const INDENT = "    ";

/**
 * Renders a report for a terminal or a log. Everything taken from the files is made
 * terminal-safe first, so a file name or a YAML value cannot send escape sequences.
 */
export function renderText(unsafeReport: RunReport, options: TextOptions): string {
  const review = terminalSafeData(unsafeReport);
  const c = pc.createColors(options.color);
  const out: string[] = [];
  if (review.diff) {
    const d = review.diff;
    out.push(
      c.bold(`Changes from ${d.base} (merge base ${d.mergeBase.slice(0, 12)}) to ${d.head}`),
      "",
    );
  }
  for (const [path, group] of groupByPath(review)) {
    out.push(c.underline(path));
    group.forEach((entry, i) => {
      // A finding's details run over several lines: a blank line sets it off from the next entry.
      if (i > 0 && group[i - 1]?.type === "finding") out.push("");
      if (entry.type === "problem") out.push(...problemLines(entry.problem, c));
      else if (entry.type === "accepted")
        out.push(...acceptedLines(entry.accepted, review.diff !== undefined, c));
      else out.push(...findingLines(entry.finding, review.evaluation.headTexts.get(path), c));
    });
    out.push("");
  }
  out.push(summaryLine(review, c));
  return `${out.join("\n")}\n`;
}

type Entry =
  | { readonly type: "finding"; readonly line: number; readonly finding: Finding }
  | { readonly type: "accepted"; readonly line: number; readonly accepted: Accepted }
  | { readonly type: "problem"; readonly line: number; readonly problem: Problem };

/** Entries per file, files in path order, entries by line. */
function groupByPath({ evaluation }: RunReport): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  const add = (path: string, entry: Entry) => {
    const list = groups.get(path) ?? [];
    list.push(entry);
    groups.set(path, list);
  };
  for (const finding of evaluation.reported)
    add(finding.path, { type: "finding", line: finding.line, finding });
  for (const accepted of evaluation.accepted)
    add(accepted.finding.path, { type: "accepted", line: accepted.finding.line, accepted });
  for (const problem of evaluation.problems)
    add(problem.path, { type: "problem", line: problem.line, problem });
  for (const list of groups.values()) list.sort((a, b) => a.line - b.line);
  return new Map([...groups].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function severityLabel(severity: Severity, c: Colors): string {
  const label = severity.padEnd(8);
  if (severity === "critical") return c.bold(c.red(label));
  if (severity === "high") return c.red(label);
  if (severity === "medium") return c.yellow(label);
  return c.dim(label);
}

function location(line: number, column: number): string {
  return `${line}:${column}`.padEnd(7);
}

function findingLines(finding: Finding, text: string | undefined, c: Colors): string[] {
  const lines = [
    `  ${c.dim(location(finding.line, finding.column))} ${severityLabel(finding.severity, c)} ${c.cyan(finding.ruleId)}  ${finding.message}`,
  ];
  const where = resourceLabel(finding);
  if (where) lines.push(`${INDENT}${c.dim(`in ${where}`)}`);
  lines.push(`${INDENT}${c.bold("Remediation:")} ${finding.remediation}`);
  if (finding.fix) {
    lines.push(`${INDENT}${c.bold("Fix:")} ${finding.fix.description}`);
    if (text !== undefined) {
      for (const l of fixDiffText(text, finding.fix).split("\n").filter(Boolean))
        lines.push(`${INDENT}  ${diffLine(l, c)}`);
    }
  }
  return lines;
}

function diffLine(line: string, c: Colors): string {
  if (line.startsWith("@@")) return c.cyan(line);
  if (line.startsWith("+")) return c.green(line);
  if (line.startsWith("-")) return c.red(line);
  return c.dim(line);
}

function acceptedLines(accepted: Accepted, isChange: boolean, c: Colors): string[] {
  const { finding, reason, source } = accepted;
  // A scan has no change: every annotation would count as requested in it.
  const requested = isChange && accepted.requestedInThisPr ? ", requested in this change" : "";
  return [
    `  ${c.dim(location(finding.line, finding.column))} ${c.green("accepted".padEnd(8))} ${c.cyan(finding.ruleId)}  ${finding.message}`,
    `${INDENT}${c.dim(`exception (${source}${requested}): ${reason}`)}`,
  ];
}

function problemLines(problem: Problem, c: Colors): string[] {
  return [
    `  ${c.dim(location(problem.line, problem.column))} ${c.magenta("error".padEnd(8))} ${c.cyan(problem.code)}  ${problem.message}`,
    `${INDENT}${c.dim("This file could not be checked; fix it so that it can be.")}`,
  ];
}

function resourceLabel(finding: Finding): string | null {
  const r = finding.resource;
  if (!r) return null;
  const name = r.name ?? "(unnamed)";
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ""}${name}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function severityCounts(findings: readonly Finding[]): string {
  return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
}

/** The closing count line. */
export function summaryLine(review: RunReport, c: Colors = pc.createColors(false)): string {
  const { evaluation, diff } = review;
  const { reported: findings, accepted, problems, verdict } = evaluation;
  const unreadable = new Set(problems.map((p) => p.path)).size;
  const parts: string[] = [];
  const noun = diff ? "new finding" : "finding";
  parts.push(
    findings.length === 0
      ? `no ${noun}s`
      : `${plural(findings.length, noun)} (${severityCounts(findings)})`,
  );
  if (diff)
    parts.push(
      `${plural(evaluation.existing.length, "pre-existing finding")} not reported`,
      `${evaluation.resolved.length} resolved`,
    );
  if (accepted.length > 0) parts.push(`${plural(accepted.length, "accepted exception")}`);
  if (unreadable > 0)
    parts.push(
      `${plural(unreadable, "file")} could not be checked (${plural(problems.length, "problem")})`,
    );
  const checked = diff
    ? `${plural(evaluation.files, "changed file")} checked`
    : `${plural(evaluation.files, "file")} scanned`;
  const outcome = verdict.fails
    ? `${verdict.conclusion === "action_required" ? "blocked" : "fails"} (${failReason(evaluation.failOn, verdict, unreadable)})`
    : verdict.conclusion === "neutral"
      ? `neutral (${plural(unreadable, "file")} unchecked; onUnreadable: neutral)`
      : `passes (fails on ${evaluation.failOn} or above)`;
  const text = `${capitalise(parts.join(", "))}; ${checked}; ${outcome}.`;
  if (verdict.fails) return c.bold(c.red(text));
  return verdict.conclusion === "neutral" ? c.bold(c.yellow(text)) : c.bold(c.green(text));
}

function failReason(failOn: Severity, verdict: Verdict, unreadable: number): string {
  const reasons: string[] = [];
  const failing = verdict.failing.length;
  if (failing > 0) reasons.push(`${failing} at ${failOn} or above`);
  if (unreadable > 0) reasons.push(`${plural(unreadable, "file")} unchecked`);
  if (verdict.awaitingApproval > 0)
    reasons.push(
      `${plural(verdict.awaitingApproval, "exception")} requested in this change awaiting approval on the pull request`,
    );
  return reasons.join(", ");
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
