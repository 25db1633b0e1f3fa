import type { RawFinding } from "../core/file-kind.js";
import { renderMessage } from "../core/render-message.js";
import type { Fix } from "../core/types.js";
import type { LineIndex } from "../yaml/line-index.js";
import { EXCEPTION_GUIDANCE } from "./rule.js";
import type { DocumentReport } from "./scan-document.js";

/** A rule's report as a finding: its span from the node ranges, its message, identity and fix. */
export function toFinding(
  path: string,
  index: LineIndex,
  r: DocumentReport,
  fix: Fix | null,
): RawFinding {
  const span = index.span(r.report.at[0], r.report.at[1]);
  const container = r.report.container;
  const data = { container: container?.label ?? "", ...(r.report.data ?? {}) };
  const template = r.rule.messages[r.report.messageId] ?? r.report.messageId;
  return {
    ruleId: r.rule.id,
    pss: r.rule.pss?.control ?? null,
    severity: r.report.severity ?? r.rule.severity,
    path,
    line: span.line,
    endLine: span.endLine,
    column: span.column,
    endColumn: span.endColumn,
    message: renderMessage(template, data),
    remediation: r.report.advice ?? r.rule.remediation,
    removes: r.rule.removes,
    explanation: r.rule.rationale,
    exception: EXCEPTION_GUIDANCE,
    resource: r.pod.resource,
    container: container ? container.label : null,
    field: r.report.field,
    identity: r.identity,
    annotatedException: r.pod.exceptions.get(r.rule.id) ?? null,
    ...(fix ? { fix } : {}),
  };
}
