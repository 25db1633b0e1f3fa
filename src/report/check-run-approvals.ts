/**
 * The check run's view of exceptions a pull request requests for itself: which still await an
 * approval, the section listing them with the command that approves each, and how an approved one
 * is described (who, when).
 */
import type { Finding } from "../core/types.js";
import { escapeText, inlineCode, locationOf, resourceCode, ruleTitle } from "./github-markdown.js";

import { type ApprovalGate, awaitsApproval } from "../evaluation/approval.js";

export { type ApprovalGate, awaitsApproval };

interface RequestedException {
  readonly finding: Finding;
  readonly reason: string;
  readonly requestedInThisPr: boolean;
  readonly approval?: { readonly by: string; readonly at: string };
}

/**
 * How an approve command names a finding's object: `Kind/namespace/name` (or `Kind/name` without
 * a namespace); the file path for a finding on no named object.
 */
export function resourceToken(finding: Finding): string {
  const r = finding.resource;
  if (!r || r.name === null) return finding.path;
  return r.namespace ? `${r.kind}/${r.namespace}/${r.name}` : `${r.kind}/${r.name}`;
}

/** The comment that approves this exception. */
export function approveCommand(command: string, finding: Finding): string {
  return `${command} approve ${finding.ruleId} ${resourceToken(finding)}`;
}

/** The status of a requested exception, for the reason cell of the accepted-exceptions table. */
export function requestedStatus(accepted: RequestedException, gate: ApprovalGate | undefined) {
  if (!accepted.requestedInThisPr) return "";
  if (accepted.approval) {
    // The approver's login comes from GitHub: a mention links the profile (check runs notify no one).
    return `**requested in this PR** · approved by @${escapeText(accepted.approval.by)} on ${escapeText(when(accepted.approval.at))} · `;
  }
  return gate
    ? "**requested in this PR, awaiting approval** · "
    : "**exception requested in this PR** · ";
}

/**
 * The table of what awaits approval, with the command that approves each (its heading says who may
 * approve); null when nothing does or the check has no approval gate.
 */
export function awaitingApprovalTable(
  accepted: readonly RequestedException[],
  gate: ApprovalGate | undefined,
  command: string,
): { heading: string; header: string[]; rows: string[][] } | null {
  if (!gate) return null;
  const pending = accepted.filter(awaitsApproval);
  if (pending.length === 0) return null;
  const heading = [
    "### Exceptions awaiting approval",
    "",
    `This pull request requests ${pending.length === 1 ? "this exception" : "these exceptions"} for itself, so the check does not pass on its author's word. ${whoApproves(gate)} An approval holds for the rule, the object and the reason: a changed reason needs a new approval.`,
  ].join("\n");
  return {
    heading,
    header: ["Rule", "File:line", "Resource", "Reason", "Approve with"],
    rows: pending.map((a) => [
      `${escapeText(ruleTitle(a.finding.ruleId))} (${inlineCode(a.finding.ruleId)})`,
      inlineCode(locationOf(a.finding)),
      resourceCode(a.finding.resource),
      escapeText(a.reason),
      inlineCode(approveCommand(command, a.finding)),
    ]),
  };
}

function whoApproves(gate: ApprovalGate): string {
  const teams = gate.approvers.teams.map(inlineCode).join(", ");
  const how = "approves each by commenting the command shown";
  if (gate.approvers.writers && teams !== "")
    return `Someone with write access to the repository or a member of ${teams}, other than the pull request's author, ${how}.`;
  if (gate.approvers.writers)
    return `Someone with write access to the repository, other than the pull request's author, ${how}.`;
  if (teams !== "") return `A member of ${teams}, other than the pull request's author, ${how}.`;
  return "Nobody may approve it (`exceptionApproval.approvers` names no one): remove the exception, or move it to the configuration on the default branch.";
}

/** `2024-05-01 12:00 UTC` for an ISO time; anything else as given. */
function when(iso: string): string {
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return m ? `${m[1]} ${m[2]} UTC` : iso;
}
