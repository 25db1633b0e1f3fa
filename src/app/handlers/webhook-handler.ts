import type { Context, Probot } from "probot";
import type { JobOrigin, JobSpec } from "../queue/job-spec.js";

/** A webhook event with its action (`pull_request.opened`), as Probot names it. */
export type WebhookEventName = Extract<Parameters<Probot["on"]>[0], string>;

/** A job as a handler asks for it; the installation and delivery come from the webhook. */
export type JobRequest = JobSpec extends infer S
  ? S extends JobSpec
    ? Omit<S, keyof JobOrigin>
    : never
  : never;

/** A delivery whose signature was checked: its `X-GitHub-Delivery` id and its parsed payload. */
export interface Delivery<E extends WebhookEventName> {
  readonly id: string;
  readonly payload: Context<E>["payload"];
}

/** What a delivery asks for: one job, or nothing (and why, for its log line). */
export type Decision = { readonly job: JobRequest } | { readonly ignored: string };

/**
 * One event family's handler: which events it decides, and the job each delivery asks for. It
 * only reads the payload (no GitHub call, no I/O), so the webhook route can answer at once.
 */
export interface WebhookHandler {
  readonly events: readonly WebhookEventName[];
  decide(delivery: Delivery<WebhookEventName>): Decision;
}

/** A handler of `events`, its `decide` typed by their payloads. */
export function webhookHandler<E extends WebhookEventName>(
  events: readonly E[],
  decide: (delivery: Delivery<E>) => Decision,
): WebhookHandler {
  return { events, decide: decide as WebhookHandler["decide"] };
}

export function repoOf(repository: { owner: { login: string }; name: string }): {
  owner: string;
  repo: string;
} {
  return { owner: repository.owner.login, repo: repository.name };
}
