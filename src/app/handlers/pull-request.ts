import type { Probot } from "probot";
import { type HandlerDeps, repoOf } from "./handler-deps.js";

export const PULL_REQUEST_EVENTS = [
  "pull_request.opened",
  "pull_request.synchronize",
  "pull_request.reopened",
  "pull_request.ready_for_review",
] as const;

/** A pushed or (re)opened pull request: scan its head. */
export function onPullRequest(app: Probot, deps: HandlerDeps): void {
  app.on([...PULL_REQUEST_EVENTS], async (context) => {
    if (!deps.firstDelivery(context)) return;
    const { pull_request: pr, repository } = context.payload;
    const scan = {
      ...repoOf(repository),
      pullNumber: pr.number,
      headSha: pr.head.sha,
      trigger: "pull_request" as const,
    };
    await deps.enqueue(context, { kind: "pull-request", scan });
  });
}
