/**
 * One line per finding, then one per file problem, as compilers and linters print them for
 * terminals and editors (`path:line:col: severity rule-id: message`), then the count line. No
 * colour; everything taken from the files is made terminal-safe and kept on its line.
 */
import type { Finding, Problem } from "../core/types.js";
import type { RunReport } from "./review-data.js";
import { terminalSafeLine as oneLine } from "./terminal-safe.js";
import { summaryLine } from "./text.js";

export function renderCompact(report: RunReport): string {
  const { reported, problems } = report.evaluation;
  const lines = [
    ...[...reported].sort(byPlace).map(findingLine),
    ...[...problems].sort(byPlace).map(problemLine),
    summaryLine(report),
  ];
  return `${lines.join("\n")}\n`;
}

function findingLine(f: Finding): string {
  return `${oneLine(f.path)}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${oneLine(f.message)}`;
}

function problemLine(p: Problem): string {
  return `${oneLine(p.path)}:${p.line}:${p.column}: error ${p.code}: ${oneLine(p.message)}`;
}

type Placed = Pick<Finding, "path" | "line" | "column">;

function byPlace(a: Placed, b: Placed): number {
  if (a.path !== b.path) return a.path < b.path ? -1 : 1;
  return a.line - b.line || a.column - b.column;
}
