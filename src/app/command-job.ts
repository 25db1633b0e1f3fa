import { parseSlashCommand, type SlashCommand } from "../report/commands.js";
import {
  type ApproverFacts,
  approverDecision,
  commandAction,
  rescanDecision,
} from "./command-decision.js";
import { readApprovals, recordApproval } from "./exception-approvals.js";
import type { RepoRef } from "./github-port.js";
import { httpStatus } from "./http-error.js";
import type { JobContext } from "./job-context.js";
import { loadConfig } from "./load-config.js";
import { readAndEvaluate } from "./read-change.js";
import { runPullRequestScan } from "./scan-job.js";

export interface SlashCommandInput extends RepoRef {
  readonly pullNumber: number;
  readonly commentId: number;
  readonly commentBody: string;
  readonly author: string;
  /** When the comment was written (ISO 8601); the job's clock when absent. */
  readonly createdAt?: string;
}

/**
 * Answers a `/privilege-guard` comment on a pull request: help and explain for anyone; rescan,
 * for writers and admins, is acknowledged with a reaction and scans the pull request's current
 * head; approve, for approvers other than the author, records the approval and scans the current
 * head again; anyone else is told why not.
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
 * default branch's config and not the pull request's author. The current head is evaluated to
 * find what the command names, the approval is recorded in a reply (the record every later scan
 * reads), and the head is scanned again so that the check run shows it.
 */
async function runApproveCommand(
  ctx: JobContext,
  input: SlashCommandInput,
  command: Extract<SlashCommand, { name: "approve" }>,
): Promise<void> {
  const repo = { owner: input.owner, repo: input.repo };
  const prRef = { ...repo, pullNumber: input.pullNumber };
  const reply = (body: string) => ctx.port.createIssueComment(repo, input.pullNumber, body);
  const pr = await ctx.port.getPullRequest(prRef);
  const { config, errors } = await loadConfig(ctx.port, repo);
  if (errors.length > 0) {
    await reply(
      `@${input.author} \`.github/privilege-guard.yml\` on the default branch is invalid (see the check run), so nothing can be approved until it is fixed.`,
    );
    return;
  }
  const decision = approverDecision(
    await approverFacts(
      ctx,
      repo,
      input.author,
      pr.authorLogin,
      config.exceptionApproval.approvers,
    ),
    config.exceptionApproval.approvers,
  );
  if (decision.kind === "refuse") {
    await reply(decision.body);
    return;
  }
  await ctx.port.addReaction(repo, input.commentId, decision.reaction);
  const files = await ctx.port.listPullRequestFiles(prRef);
  const { mergeBaseSha } = await ctx.port.compareCommits(repo, pr.baseSha, pr.headSha);
  const shas = { base: mergeBaseSha, head: pr.headSha };
  const { evaluation } = await readAndEvaluate(ctx.port, repo, files, config, shas, ctx.pure);
  const accepted = await readApprovals(ctx, prRef, evaluation.accepted);
  const request = {
    rule: command.rule,
    resource: command.resource,
    by: input.author,
    at: input.createdAt ?? ctx.now().toISOString(),
  };
  if (!(await recordApproval(ctx, prRef, accepted, request))) return;
  const scan = { ...prRef, headSha: pr.headSha, trigger: "slash_command" as const };
  if (ctx.requestScan) await ctx.requestScan(scan);
  else await runPullRequestScan(ctx, scan);
}

/** What the approver decision needs: the commenter's permission and team memberships. */
async function approverFacts(
  ctx: JobContext,
  repo: RepoRef,
  login: string,
  author: string | null,
  approvers: { readonly writers: boolean; readonly teams: readonly string[] },
): Promise<ApproverFacts> {
  const facts = {
    login,
    pullRequestAuthor: author,
    memberOf: [] as string[],
    unknownTeams: [] as string[],
  };
  if (author?.toLowerCase() === login.toLowerCase()) return { ...facts, permission: null };
  const permission = approvers.writers ? await ctx.port.getPermission(repo, login) : null;
  if (permission === "admin" || permission === "write") return { ...facts, permission };
  for (const team of approvers.teams) {
    try {
      if (await ctx.port.isTeamMember(team, login))
        return { ...facts, permission, memberOf: [team] };
    } catch (error) {
      if (httpStatus(error) !== 403) throw error;
      facts.unknownTeams.push(team);
    }
  }
  return { ...facts, permission };
}
