/**
 * GitHub Actions workflow commands (`::error file=…,line=…::message`): a step that prints them gets
 * the findings as annotations on the pull request's files, without code scanning (which private
 * repositories need GitHub Advanced Security for). The annotations are the check run's, built from
 * the same evaluation: error at or above `failOn`, warning below it, files not read per
 * `onUnreadable`, a notice per exception a change requests for itself.
 *
 * Escaping is @actions/core's (packages/core/src/command.ts, `escapeData` and `escapeProperty`):
 * in the message `%`, CR and LF become `%25`, `%0D`, `%0A`; in a property also `:` and `,` become
 * `%3A` and `%2C`. So every command stays on its one line and no text from a file can end a
 * property, start another or issue a command of its own.
 */
import type { Annotation } from "./check-run-annotations.js";
import { buildAnnotations } from "./check-run.js";
import type { RunReport } from "./review-data.js";
import { terminalSafe } from "./terminal-safe.js";
import { summaryLine } from "./text.js";

const COMMAND: Record<Annotation["annotation_level"], string> = {
  failure: "error",
  warning: "warning",
  notice: "notice",
};

export function renderWorkflowCommands(report: RunReport): string {
  const annotations = buildAnnotations(report.evaluation, {
    requestedExceptions: report.diff !== undefined,
  });
  const lines = annotations.map(annotationCommand);
  // A plain log line; it cannot be read as a command (it starts with a word, not "::").
  lines.push(summaryLine(report));
  return `${lines.join("\n")}\n`;
}

/**
 * One annotation as one workflow command line. The log shows it too: control characters from the
 * files are made visible (`terminalSafe`) so that they cannot drive the log viewer's terminal.
 */
export function annotationCommand(a: Annotation): string {
  const properties: [string, string | number | undefined][] = [
    ["file", terminalSafe(a.path)],
    ["line", a.start_line],
    ["col", a.start_column],
    ["endLine", a.end_line],
    ["endColumn", a.end_column],
    ["title", terminalSafe(a.title)],
  ];
  return workflowCommand(COMMAND[a.annotation_level], properties, terminalSafe(a.message));
}

/** `::command key=value,…::message`, properties without a value left out, each part escaped. */
export function workflowCommand(
  command: string,
  properties: readonly (readonly [string, string | number | undefined])[],
  message: string,
): string {
  const props = properties
    .filter(([, value]) => value !== undefined && value !== "")
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
    .join(",");
  return `::${command}${props ? ` ${props}` : ""}::${escapeData(message)}`;
}

/** A workflow command's message. */
export function escapeData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A workflow command's property value. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
