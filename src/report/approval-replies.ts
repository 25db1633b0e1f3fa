/** The App's replies to `/privilege-guard approve`, built from escaped parts. */
import type { Finding } from "../core/types.js";
import { approveCommand } from "./check-run-approvals.js";
import { inlineCode, resourceLabel, ruleTitle } from "./github-markdown.js";

interface Exception {
  readonly finding: Finding;
  readonly reason: string;
}

/** The record of an approval: what was approved, with the hidden markers that bind it. */
export function approvedReply(by: string, approved: readonly Exception[], markers: string): string {
  const n = approved.length;
  return [
    `@${by} approved ${n === 1 ? "this exception" : `these ${n} exceptions`}, requested in this pull request:`,
    "",
    ...approved.map((a) => `- ${describe(a)}`),
    "",
    "The check run is updated. The approval holds for this rule, object and reason: if the reason changes, the exception needs a new approval.",
    "",
    markers,
  ].join("\n");
}

/** Nothing awaiting approval matches the command: say so, and list what does await it. */
export function nothingToApproveReply(
  command: string,
  asked: string,
  pending: readonly Exception[],
): string {
  const head = `Nothing awaiting approval in this pull request matches ${inlineCode(asked)}.`;
  if (pending.length === 0) {
    return `${head} No exception requested in this pull request awaits approval.`;
  }
  return [
    head,
    "",
    "Awaiting approval:",
    "",
    ...pending.map((a) => `- ${describe(a)}: ${inlineCode(approveCommand(command, a.finding))}`),
  ].join("\n");
}

function describe(a: Exception): string {
  const f = a.finding;
  return `${ruleTitle(f.ruleId)} (${inlineCode(f.ruleId)}) on ${inlineCode(resourceLabel(f.resource))} in ${inlineCode(f.path)}, reason: ${inlineCode(a.reason)}`;
}
