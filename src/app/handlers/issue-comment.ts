import type { Probot } from "probot";
import { parseSlashCommand } from "../../report/commands.js";
import { type HandlerDeps, repoOf } from "./handler-deps.js";

/**
 * Slash commands in pull request comments. Ignored: comments by bots (the App's own included),
 * comments on issues that are not pull requests, and comments without a command.
 */
export function onIssueComment(app: Probot, deps: HandlerDeps): void {
  app.on("issue_comment.created", async (context) => {
    if (!deps.firstDelivery(context)) return;
    const { issue, comment, repository } = context.payload;
    if (context.isBot || comment.user?.type === "Bot") return;
    if (!issue.pull_request) return;
    if (!parseSlashCommand(comment.body)) return;
    const input = {
      ...repoOf(repository),
      pullNumber: issue.number,
      commentId: comment.id,
      commentBody: comment.body,
      author: comment.user?.login ?? context.payload.sender.login,
      createdAt: comment.created_at,
    };
    await deps.enqueue(context, { kind: "command", input });
  });
}
