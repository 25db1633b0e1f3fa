/**
 * Check run annotations: one per introduced finding (failure at or above the failOn threshold,
 * warning below it), one per problem (a file or part of a file that could not be read: at its
 * line, a failure when it fails the check, else a warning), and a notice per exception requested in this pull request, so reviewers see it on
 * the line. The caller sends them MAX_ANNOTATIONS_PER_REQUEST at a time.
 */
import type { Finding, Problem, Severity } from "../core/types.js";
import { MAX_ANNOTATION_TEXT_BYTES, MAX_ANNOTATION_TITLE_CHARS } from "./github-limits.js";
import { ruleTitle } from "./github-markdown.js";
import { truncateText } from "./github-truncate.js";
import { isAtLeast } from "../core/severity-order.js";

export interface Annotation {
  path: string;
  start_line: number;
  end_line: number;
  /** Only on a single-line annotation (GitHub: "only support start_column and end_column on the same line"). */
  start_column?: number;
  end_column?: number;
  annotation_level: "failure" | "warning" | "notice";
  title: string;
  message: string;
  raw_details?: string;
}

/** An accepted finding, as far as annotations need it. */
export interface AcceptedForAnnotation {
  readonly finding: Finding;
  readonly reason: string;
  readonly requestedInThisPr: boolean;
}

const CUT = "\n… (cut to GitHub's 64 KB annotation limit)";

export function findingAnnotation(finding: Finding, failOn: Severity): Annotation {
  const level = isAtLeast(finding.severity, failOn) ? "failure" : "warning";
  const fix = finding.fix;
  const message = [
    finding.message,
    finding.explanation,
    fix ? `Fix: ${fix.description}` : `Fix: ${finding.remediation}`,
  ].join("\n\n");
  const annotation: Annotation = {
    ...span(finding),
    annotation_level: level,
    title: title(`${ruleTitle(finding.ruleId)} (${finding.severity}, rule ${finding.ruleId})`),
    message: text(message),
  };
  if (fix) {
    const range = fix.endLine > fix.line ? `lines ${fix.line}-${fix.endLine}` : `line ${fix.line}`;
    const replacement = fix.text === "" ? "(delete them)\n" : fix.text.replace(/\r/g, "");
    annotation.raw_details = text(`Replace ${range} with:\n${replacement}`);
  }
  return annotation;
}

/** `level`: failure when the unread part fails the check (`onUnreadable: failure`). */
export function problemAnnotation(
  problem: Problem,
  level: "failure" | "warning" = "warning",
): Annotation {
  const line = Math.max(1, problem.line);
  return {
    path: problem.path,
    start_line: line,
    end_line: line,
    annotation_level: level,
    title: title(`Could not scan: ${problem.code}`),
    message: text(
      `${problem.message}\n\nPrivilege Guard could not check this part of the file for privileged settings.`,
    ),
  };
}

export function acceptedAnnotation(accepted: AcceptedForAnnotation): Annotation {
  const f = accepted.finding;
  return {
    ...span(f),
    annotation_level: "notice",
    title: title(`Exception requested: ${ruleTitle(f.ruleId)} (${f.severity})`),
    message: text(
      `${f.message}\n\nAccepted as an exception requested in this pull request. Reason given: ${accepted.reason}`,
    ),
  };
}

function span(
  f: Finding,
): Pick<Annotation, "path" | "start_line" | "end_line" | "start_column" | "end_column"> {
  const start = Math.max(1, f.line);
  const end = Math.max(start, f.endLine);
  if (start === end && f.column >= 1 && f.endColumn >= f.column) {
    return {
      path: f.path,
      start_line: start,
      end_line: end,
      start_column: f.column,
      end_column: f.endColumn,
    };
  }
  return { path: f.path, start_line: start, end_line: end };
}

/** One line of plain text (annotations are not Markdown): no line breaks or control characters. */
function title(value: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
  const line = value.replace(/[\u0000-\u001f\u007f]+/g, " ");
  return truncateText(line, { maxChars: MAX_ANNOTATION_TITLE_CHARS }, "…");
}

function text(value: string): string {
  return truncateText(
    value,
    { maxChars: MAX_ANNOTATION_TEXT_BYTES, maxBytes: MAX_ANNOTATION_TEXT_BYTES },
    CUT,
  );
}
