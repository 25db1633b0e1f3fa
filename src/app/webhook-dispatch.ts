/**
 * From a verified delivery to a recorded job, the same for the App's webhook route
 * (`webhook-route.ts`) and for deliveries Probot dispatches (`probot.receive`): the delivery id is
 * checked against redelivery, the handler of its event decides the job, the queue records it.
 * Each delivery gets one log line, which says what became of it.
 */
import type { Probot } from "probot";
import type { DeliveryDedupe } from "./delivery-dedupe.js";
import type { WebhookEventName, WebhookHandler } from "./handlers/webhook-handler.js";
import type { AddResult, JobQueue } from "./queue/job-queue.js";
import { describeJob, type JobSpec } from "./queue/job-spec.js";

/** What became of a delivery. */
export type DispatchOutcome =
  | { readonly kind: "recorded"; readonly spec: JobSpec; readonly result: AddResult }
  | { readonly kind: "ignored"; readonly reason: string }
  /** A redelivery of a delivery id already handled. */
  | { readonly kind: "duplicate" }
  /** An action of a handled event that no handler takes (`pull_request.closed`). */
  | { readonly kind: "unhandled" };

/** A verified delivery: its id, its event (`X-GitHub-Event`) and its parsed payload. */
export interface VerifiedDelivery {
  readonly id: string;
  readonly name: string;
  readonly payload: object;
}

export interface WebhookDispatcher {
  /** Whether every action of the event `name` (`pull_request`) is decided here. */
  handlesEvent(name: string): boolean;
  /** Checks the delivery id, decides the job and records it (resolves once stored). */
  dispatch(delivery: VerifiedDelivery): Promise<DispatchOutcome>;
  /** The handlers, for deliveries that reach Probot (`probot.receive`); each logs one line. */
  register(app: Probot): void;
}

export interface DispatchDeps {
  readonly deliveries: DeliveryDedupe;
  /** The job queue (made after the dispatcher). */
  readonly queue: () => JobQueue;
  readonly now: () => Date;
}

export function createWebhookDispatcher(
  handlers: readonly WebhookHandler[],
  deps: DispatchDeps,
): WebhookDispatcher {
  const byEvent = new Map<string, WebhookHandler>();
  const events = new Set<string>();
  for (const handler of handlers) {
    for (const event of handler.events) {
      if (byEvent.has(event)) throw new Error(`two handlers for ${event}`);
      byEvent.set(event, handler);
      events.add(event.slice(0, event.indexOf(".")));
    }
  }

  async function dispatch({ id, name, payload }: VerifiedDelivery): Promise<DispatchOutcome> {
    const action = (payload as { action?: unknown }).action;
    const handler = byEvent.get(`${name}.${String(action)}`);
    if (!handler) return { kind: "unhandled" };
    if (!deps.deliveries.firstSeen(id)) return { kind: "duplicate" };
    const decision = handler.decide({ id, payload } as Parameters<WebhookHandler["decide"]>[0]);
    if ("ignored" in decision) return { kind: "ignored", reason: decision.ignored };
    const installationId = (payload as { installation?: { id?: unknown } }).installation?.id;
    if (typeof installationId !== "number") {
      return { kind: "ignored", reason: "event without an installation" };
    }
    const spec = {
      ...decision.job,
      installationId,
      deliveryId: id,
      receivedAt: deps.now().getTime(),
    } as JobSpec;
    const result = await deps.queue().add(spec);
    return { kind: "recorded", spec, result };
  }

  return {
    handlesEvent: (name) => events.has(name),
    dispatch,
    register(app) {
      app.on([...byEvent.keys()] as WebhookEventName[], async (context) => {
        const delivery = { id: context.id, name: context.name, payload: context.payload };
        const outcome = await dispatch(delivery);
        const { details, message } = describeOutcome(outcome);
        context.log.info({ delivery: context.id, ...details }, message);
      });
    },
  };
}

/** The log line's fields and message for an outcome (public identifiers only, never a token). */
export function describeOutcome(outcome: DispatchOutcome): {
  details: Record<string, string | number>;
  message: string;
} {
  switch (outcome.kind) {
    case "recorded":
      return {
        details: { ...describeJob(outcome.spec), result: outcome.result },
        message: "job recorded",
      };
    case "ignored":
      return { details: { reason: outcome.reason }, message: "delivery ignored" };
    case "duplicate":
      return { details: {}, message: "delivery already handled" };
    case "unhandled":
      return { details: {}, message: "no job for this event" };
  }
}
