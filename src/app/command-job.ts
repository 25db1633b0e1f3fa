import { parseSlashCommand, type SlashCommand } from "../report/commands.js";
import { approverDecision, commandAction, rescanDecision } from "./command-decision.js";
import type { RepoRef, RepositoryPermission } from "./github-port.js";
import { httpStatus } from "./http-error.js";
import type { JobContext } from "./job-context.js";
import { loadConfig } from "./load-config.js";
import { runPullRequestScan } from "./scan-job.js";

export interface SlashCommandInput extends RepoRef {
  readonly pullNumber: number;
  readonly commentId: number;
  readonly commentBody: string;
  readonly author: string;
  /** When the comment was written (ISO 8601). */
  readonly createdAt: string;
}

/**
 * Answers a `/privilege-guard` comment on a pull request: help and explain for anyone; rescan,
 * for writers and admins, is acknowledged with a reaction and scans the pull request's current
 * head; approve, for approvers other than the author, scans the current head and records the
 * approval; anyone else is told why not.
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
  if (action.kind === "check-approver" && command.name === "approve") {
    await runApproveCommand(ctx, input, command);
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

/**
 * `/privilege-guard approve <rule> [resource]`: the commenter must be an approver under the
 * default branch's config and not the pull request's author; then the current head is scanned,
 * and the scan records the approval of what the command names and updates the check run.
 */
async function runApproveCommand(
  ctx: JobContext,
  input: SlashCommandInput,
  command: Extract<SlashCommand, { name: "approve" }>,
): Promise<void> {
  const repo = { owner: input.owner, repo: input.repo };
  const reply = (body: string) => ctx.port.createIssueComment(repo, input.pullNumber, body);
  const pr = await ctx.port.getPullRequest({ ...repo, pullNumber: input.pullNumber });
  const { config, errors } = await loadConfig(ctx.port, repo);
  if (errors.length > 0) {
    await reply(
      `@${input.author} \`.github/privilege-guard.yml\` on the default branch is invalid (see the check run), so nothing can be approved until it is fixed.`,
    );
    return;
  }
  const approvers = config.exceptionApproval.approvers;
  const isAuthor = pr.authorLogin?.toLowerCase() === input.author.toLowerCase();
  let permission: RepositoryPermission | null = null;
  const memberOf: string[] = [];
  const unknownTeams: string[] = [];
  if (!isAuthor) {
    if (approvers.writers) permission = await ctx.port.getPermission(repo, input.author);
    const writer = permission === "admin" || permission === "write";
    for (const team of writer ? [] : approvers.teams) {
      try {
        if (await ctx.port.isTeamMember(team, input.author)) {
          memberOf.push(team);
          break;
        }
      } catch (error) {
        if (httpStatus(error) !== 403) throw error;
        unknownTeams.push(team);
      }
    }
  }
  const decision = approverDecision(
    {
      login: input.author,
      pullRequestAuthor: pr.authorLogin,
      permission,
      memberOf,
      unknownTeams,
    },
    approvers,
  );
  if (decision.kind === "refuse") {
    await reply(decision.body);
    return;
  }
  await ctx.port.addReaction(repo, input.commentId, decision.reaction);
  await runPullRequestScan(ctx, {
    ...repo,
    pullNumber: input.pullNumber,
    headSha: pr.headSha,
    trigger: "slash_command",
    approve: {
      rule: command.rule,
      resource: command.resource,
      by: input.author,
      at: input.createdAt,
    },
  });
}
