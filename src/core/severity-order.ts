import { SEVERITIES, type Severity } from "./types.js";

/** 0 for critical, 3 for low: lower is more severe. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Whether `severity` is at least as severe as `threshold` (critical > high > medium > low). */
export function isAtLeast(severity: Severity, threshold: Severity): boolean {
  return severityRank(severity) <= severityRank(threshold);
}

/** Most severe first, then by path and line: the order findings are reported in. */
export function compareFindings(
  a: { readonly severity: Severity; readonly path: string; readonly line: number },
  b: { readonly severity: Severity; readonly path: string; readonly line: number },
): number {
  return (
    severityRank(a.severity) - severityRank(b.severity) ||
    (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
    a.line - b.line
  );
}
