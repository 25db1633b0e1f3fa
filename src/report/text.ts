/**
 * The people-facing report: findings grouped by file, each with its line, severity, rule, message,
 * remediation and fix (as a unified diff), the files that could not be checked, and a count line.
 */
import pc from "picocolors";
import { type Finding, SEVERITIES, type Severity } from "../core/types.js";
import { fixDiffText } from "./fix-diff.js";
import type { ReportProblem, ReviewData } from "./review-data.js";
import { terminalSafeData } from "./terminal-safe.js";

export interface TextOptions {
  /** ANSI colours (only for a terminal). */
  readonly color: boolean;
  /** File texts by path (head side for a diff), to show each fix as a diff. */
  readonly texts: ReadonlyMap<string, string>;
}

type Colors = ReturnType<typeof pc.createColors>;

const INDENT = "    ";

/**
 * Renders a review for a terminal or a log. Everything taken from the files is made
 * terminal-safe first, so a file name or a YAML value cannot send escape sequences.
 */
export function renderText(unsafeReview: ReviewData, unsafeOptions: TextOptions): string {
  const review = terminalSafeData(unsafeReview);
  const options = { ...unsafeOptions, texts: terminalSafeData(unsafeOptions.texts) };
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
      else if (entry.type === "accepted") out.push(...acceptedLines(entry.finding, c));
      else out.push(...findingLines(entry.finding, options.texts.get(path), c));
    });
    out.push("");
  }
  out.push(summaryLine(review, c));
  return `${out.join("\n")}\n`;
}

type Entry =
  | { readonly type: "finding"; readonly line: number; readonly finding: Finding }
  | { readonly type: "accepted"; readonly line: number; readonly finding: Finding }
  | { readonly type: "problem"; readonly line: number; readonly problem: ReportProblem };

/** Entries per file, files in path order, entries by line. */
function groupByPath(review: ReviewData): Map<string, Entry[]> {
  const groups = new Map<string, Entry[]>();
  const add = (path: string, entry: Entry) => {
    const list = groups.get(path) ?? [];
    list.push(entry);
    groups.set(path, list);
  };
  for (const finding of review.findings)
    add(finding.path, { type: "finding", line: finding.line, finding });
  for (const finding of review.accepted)
    add(finding.path, { type: "accepted", line: finding.line, finding });
  for (const problem of review.problems)
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

function acceptedLines(finding: Finding, c: Colors): string[] {
  return [
    `  ${c.dim(location(finding.line, finding.column))} ${c.green("accepted".padEnd(8))} ${c.cyan(finding.ruleId)}  ${finding.message}`,
    `${INDENT}${c.dim(`exception: ${finding.annotatedException ?? ""}`)}`,
  ];
}

function problemLines(problem: ReportProblem, c: Colors): string[] {
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

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

function severityCounts(findings: readonly Finding[]): string {
  return SEVERITIES.map((s) => [s, findings.filter((f) => f.severity === s).length] as const)
    .filter(([, n]) => n > 0)
    .map(([s, n]) => `${n} ${s}`)
    .join(", ");
}

/** The closing count line. */
export function summaryLine(review: ReviewData, c: Colors = pc.createColors(false)): string {
  const { findings, accepted, problems, diff } = review;
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
      `${plural(diff.existing, "pre-existing finding")} not reported`,
      `${diff.resolved} resolved`,
    );
  if (accepted.length > 0) parts.push(`${plural(accepted.length, "accepted exception")}`);
  if (unreadable > 0)
    parts.push(
      `${plural(unreadable, "file")} could not be checked (${plural(problems.length, "problem")})`,
    );
  const checked = diff
    ? `${plural(review.files, "changed file")} checked`
    : `${plural(review.files, "file")} scanned`;
  const text = `${capitalise(parts.join(", "))}; ${checked}.`;
  const failed = findings.length > 0 || problems.length > 0;
  return failed ? c.bold(c.red(text)) : c.bold(c.green(text));
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
