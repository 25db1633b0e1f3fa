import { parseSlashCommand } from "../../report/commands.js";
import { repoOf, webhookHandler } from "./webhook-handler.js";

/**
 * Slash commands in pull request comments. Ignored: comments by bots (the App's own included),
 * comments on issues that are not pull requests, and comments without a command.
 */
export const issueCommentHandler = webhookHandler(["issue_comment.created"], ({ payload }) => {
  const { issue, comment, repository, sender } = payload;
  if (sender?.type === "Bot" || comment.user?.type === "Bot")
    return { ignored: "comment by a bot" };
  if (!issue.pull_request) return { ignored: "comment on an issue" };
  if (!parseSlashCommand(comment.body)) return { ignored: "comment without a command" };
  const input = {
    ...repoOf(repository),
    pullNumber: issue.number,
    commentId: comment.id,
    commentBody: comment.body,
    author: comment.user?.login ?? sender.login,
    createdAt: comment.created_at,
  };
  return { job: { kind: "command", input } };
});
