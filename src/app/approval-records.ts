/**
 * Approvals of exceptions a pull request requests for itself. An approval is bound to the rule,
 * the object (a finding identity up to its first `>`, so any file kind's findings work) and the
 * fingerprint of the exception's reason: the same exception on the next push keeps its approval,
 * a changed reason or another object needs a new one. Approvals are read from the App's own
 * records on the pull request (`ApprovalRecord`), never from process memory.
 */
import { fingerprintOf } from "../core/fingerprint.js";
import type { Accepted } from "../evaluation/evaluation.js";
import { objectOf } from "../evaluation/exceptions.js";
import { resourceToken } from "../report/check-run-approvals.js";
import type { ApprovalRecord } from "../report/markers.js";

/** The record of `by` approving this exception at `at`. */
export function approvalRecord(accepted: Accepted, by: string, at: string): ApprovalRecord {
  return {
    rule: accepted.finding.ruleId,
    object: objectOf(accepted.finding),
    reason: reasonFingerprint(accepted.reason),
    by,
    at,
  };
}

/**
 * The accepted findings with the approval of each requested exception that a record matches (the
 * earliest record, as records come in the order they were written).
 */
export function withApprovals(
  accepted: readonly Accepted[],
  records: readonly ApprovalRecord[],
): Accepted[] {
  const byKey = new Map<string, ApprovalRecord>();
  for (const r of records) {
    const key = JSON.stringify([r.rule, r.object, r.reason]);
    if (!byKey.has(key)) byKey.set(key, r);
  }
  return accepted.map((a) => {
    if (!a.requestedInThisPr || a.approval) return a;
    const record = byKey.get(keyOf(a));
    return record ? { ...a, approval: { by: record.by, at: record.at } } : a;
  });
}

/**
 * Whether `approve <rule> [resource]` names this exception: `rule` is its rule id or PSS control
 * id, and `resource` (when given) is its resource token, `namespace/name` or `name`
 * (case-insensitive).
 */
export function approveCommandNames(
  accepted: Accepted,
  rule: string,
  resource: string | null,
): boolean {
  const f = accepted.finding;
  const wanted = rule.toLowerCase();
  if (wanted !== f.ruleId.toLowerCase() && wanted !== f.pss?.toLowerCase()) return false;
  if (resource === null) return true;
  const names = [resourceToken(f)];
  const r = f.resource;
  if (r?.name) names.push(r.name, ...(r.namespace ? [`${r.namespace}/${r.name}`] : []));
  return names.some((n) => n.toLowerCase() === resource.toLowerCase());
}

function keyOf(accepted: Accepted): string {
  return JSON.stringify([
    accepted.finding.ruleId,
    objectOf(accepted.finding),
    reasonFingerprint(accepted.reason),
  ]);
}

function reasonFingerprint(reason: string): string {
  return fingerprintOf(reason.trim());
}
