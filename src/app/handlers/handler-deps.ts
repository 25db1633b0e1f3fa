import type { Context } from "probot";
import type { JobOrigin, JobSpec } from "../queue/job-spec.js";

/** A job as a handler asks for it; the installation and delivery come from the webhook. */
export type JobRequest = JobSpec extends infer S
  ? S extends JobSpec
    ? Omit<S, keyof JobOrigin>
    : never
  : never;

/** What every handler gets from the app factory. */
export interface HandlerDeps {
  /** False for a delivery already handled (a redelivery keeps its `X-GitHub-Delivery` id). */
  firstDelivery(context: Context): boolean;
  /** Records the job in the queue (resolves once stored); workers run it. */
  enqueue(context: Context, job: JobRequest): Promise<void>;
}

export function repoOf(repository: { owner: { login: string }; name: string }): {
  owner: string;
  repo: string;
} {
  return { owner: repository.owner.login, repo: repository.name };
}
