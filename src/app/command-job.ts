import { parseSlashCommand } from "../report/commands.js";
import { commandAction, rescanDecision } from "./command-decision.js";
import type { RepoRef } from "./github-port.js";
import type { JobContext } from "./job-context.js";
import { runPullRequestScan } from "./scan-job.js";

export interface SlashCommandInput extends RepoRef {
  readonly pullNumber: number;
  readonly commentId: number;
  readonly commentBody: string;
  readonly author: string;
}

/**
 * Answers a `/privilege-guard` comment on a pull request: help and explain for anyone; rescan,
 * for writers and admins, is acknowledged with a reaction and scans the pull request's current
 * head; anyone else is told why not.
 */
export async function runSlashCommand(ctx: JobContext, input: SlashCommandInput): Promise<void> {
  const command = parseSlashCommand(input.commentBody);
  if (!command) return;
  const repo = { owner: input.owner, repo: input.repo };
  const action = commandAction(command);
  if (action.kind === "reply") {
    await ctx.port.createIssueComment(repo, input.pullNumber, action.body);
    return;
  }
  const permission = await ctx.port.getPermission(repo, input.author);
  const decision = rescanDecision(input.author, permission);
  if (decision.kind === "refuse") {
    await ctx.port.createIssueComment(repo, input.pullNumber, decision.body);
    return;
  }
  await ctx.port.addReaction(repo, input.commentId, decision.reaction);
  const pr = await ctx.port.getPullRequest({ ...repo, pullNumber: input.pullNumber });
  const scan = {
    ...repo,
    pullNumber: input.pullNumber,
    headSha: pr.headSha,
    trigger: "slash_command" as const,
  };
  // Behind the pull request's other scans when there is a queue; here and now otherwise.
  if (ctx.requestScan) await ctx.requestScan(scan);
  else await runPullRequestScan(ctx, scan);
}
