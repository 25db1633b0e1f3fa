import { repoOf, webhookHandler } from "./webhook-handler.js";

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
] as const;

/** A pushed or (re)opened pull request: scan its head. */
export const pullRequestHandler = webhookHandler([...PULL_REQUEST_EVENTS], ({ payload }) => {
  const { pull_request: pr, repository } = payload;
  const scan = {
    ...repoOf(repository),
    pullNumber: pr.number,
    headSha: pr.head.sha,
    trigger: "pull_request" as const,
  };
  return { job: { kind: "pull-request", scan } };
});
