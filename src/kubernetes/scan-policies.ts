import { codeSpan } from "../core/code-span.js";
import { renderMessage } from "../core/render-message.js";
import type { Problem } from "../core/types.js";
import type { RawFinding } from "../core/file-kind.js";
import type { LineIndex } from "../yaml/line-index.js";
import type { YamlDoc } from "../yaml/yaml-doc.js";
import { findPolicies, type PolicySource } from "./pod-security-policies.js";
import { POLICY_EXCEPTION_GUIDANCE, type PolicyReport, type PolicyRule } from "./policy-rule.js";

/**
 * Runs the policy rules on every Pod Security policy a document writes (Namespace labels,
 * admission configuration) and makes their findings. These rules offer no fix (see each rule), so
 * nothing here is re-scanned. A rule that throws is a bug in that rule: it becomes an
 * `internal-error` problem and the other rules still run.
 */
export function scanPolicies(
  doc: YamlDoc,
  rules: readonly PolicyRule[],
  path: string,
  identityPath: string,
  index: LineIndex,
): { findings: RawFinding[]; problems: Problem[] } {
  const findings: RawFinding[] = [];
  const problems: Problem[] = [];
  if (rules.length === 0) return { findings, problems };
  for (const policy of findPolicies(doc)) {
    const owner = policy.resource?.name
      ? `${policy.resource.kind}:/${policy.resource.name}`
      : `${identityPath}#${doc.index}`;
    for (const rule of rules) {
      try {
        rule.check(policy, (report) => {
          findings.push(toPolicyFinding(path, index, rule, policy, report, owner));
        });
      } catch (error) {
        const pos = index.span(policy.anchor[0], policy.anchor[1]);
        const message = error instanceof Error ? error.message : String(error);
        problems.push({
          path,
          code: "internal-error",
          message: `rule ${rule.id} failed on ${policy.path}: ${message}`,
          line: pos.line,
          column: pos.column,
        });
      }
    }
  }
  return { findings, problems };
}

/** The name a policy goes by in messages (Markdown: the namespace's name in a code span). */
export function policyLabel(policy: PolicySource): string {
  if (policy.origin === "defaults") return "The PodSecurity admission configuration";
  return policy.namespace === null
    ? "A Namespace without a name"
    : `Namespace ${codeSpan(policy.namespace)}`;
}

function toPolicyFinding(
  path: string,
  index: LineIndex,
  rule: PolicyRule,
  policy: PolicySource,
  report: PolicyReport<string>,
  owner: string,
): RawFinding {
  const span = index.span(report.at[0], report.at[1]);
  const template = rule.messages[report.messageId] ?? report.messageId;
  const data = { ...(report.data ?? {}), policy: policyLabel(policy) };
  const message = renderMessage(template, data, ["policy"]);
  return {
    ruleId: rule.id,
    pss: null,
    severity: report.severity ?? rule.severity,
    path,
    line: span.line,
    endLine: span.endLine,
    column: span.column,
    endColumn: span.endColumn,
    message,
    remediation: rule.remediation,
    removes: rule.removes,
    explanation: rule.rationale,
    exception: POLICY_EXCEPTION_GUIDANCE,
    resource: policy.resource,
    container: null,
    field: report.field,
    identity: `${owner}>${report.field}>${rule.id}`,
    annotatedException: policy.exceptions.get(rule.id) ?? null,
    ...(report.weakening ? { weakening: report.weakening } : {}),
  };
}
