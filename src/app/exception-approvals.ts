import { approvedReply, nothingToApproveReply } from "../report/approval-replies.js";
import type { Accepted } from "../report/check-run.js";
import { awaitsApproval } from "../report/check-run-approvals.js";
import { COMMAND_NAME } from "../report/commands.js";
import { type ApprovalRecord, approvalMarker, findApprovalRecords } from "../report/markers.js";
import { approvalRecord, approveCommandNames, withApprovals } from "./approval-records.js";
import type { IssueCommentInfo, PullRequestRef } from "./github-port.js";
import type { JobContext } from "./job-context.js";

/** An approve command whose author was found to be an approver. */
export interface ApproveRequest {
  readonly rule: string;
  readonly resource: string | null;
  /** The approver's login. */
  readonly by: string;
  /** When the command was written (ISO 8601). */
  readonly at: string;
}

/**
 * The approval records the App wrote in the pull request's conversation. Only its own comments
 * count, and only unedited ones: people with write access can edit anyone's comment, so an edited
 * record proves nothing.
 */
export function trustedRecords(
  comments: readonly IssueCommentInfo[],
  appLogin: string,
): ApprovalRecord[] {
  return comments
    .filter((c) => c.userLogin === appLogin && c.createdAt === c.updatedAt)
    .flatMap((c) => findApprovalRecords(c.body));
}

/**
 * The accepted findings with the approvals of the exceptions requested in this pull request, read
 * from the App's records in its conversation (all pages; no request when nothing is requested).
 */
export async function readApprovals(
  ctx: JobContext,
  pr: PullRequestRef,
  accepted: readonly Accepted[],
): Promise<Accepted[]> {
  if (!accepted.some((a) => a.requestedInThisPr)) return [...accepted];
  const appLogin = await ctx.appLogin();
  return withApprovals(accepted, trustedRecords(await ctx.port.listIssueComments(pr), appLogin));
}

/**
 * Carries out an approve command on the exceptions `accepted` holds (approvals already read): the
 * ones it names that await approval are recorded in a reply, and the function returns true; a
 * command that names none is answered with what does await approval.
 */
export async function recordApproval(
  ctx: JobContext,
  pr: PullRequestRef,
  accepted: readonly Accepted[],
  request: ApproveRequest,
): Promise<boolean> {
  const named = accepted.filter(
    (a) => awaitsApproval(a) && approveCommandNames(a, request.rule, request.resource),
  );
  if (named.length === 0) {
    const asked = [COMMAND_NAME, "approve", request.rule, request.resource ?? ""].join(" ").trim();
    const reply = nothingToApproveReply(COMMAND_NAME, asked, accepted.filter(awaitsApproval));
    await ctx.port.createIssueComment(pr, pr.pullNumber, reply);
    return false;
  }
  const records = named.map((a) => approvalRecord(a, request.by, request.at));
  const markers = [...new Set(records.map(approvalMarker))].join("\n");
  await ctx.port.createIssueComment(pr, pr.pullNumber, approvedReply(request.by, named, markers));
  return true;
}
