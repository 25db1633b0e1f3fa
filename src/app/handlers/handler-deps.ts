import type { Context } from "probot";
import type { JobContext } from "../job-context.js";

/** What every handler gets from the app factory. */
export interface HandlerDeps {
  /** False for a delivery already handled (a redelivery keeps its `X-GitHub-Delivery` id). */
  firstDelivery(context: Context): boolean;
  /** Starts a job in the background with a job context for this event's installation. */
  enqueue(context: Context, name: string, job: (ctx: JobContext) => Promise<unknown>): void;
}

export function repoOf(repository: { owner: { login: string }; name: string }): {
  owner: string;
  repo: string;
} {
  return { owner: repository.owner.login, repo: repository.name };
}
