import type { Probot } from "probot";
import {
  CHECK_NAME,
  type CheckRunSubject,
  parseExternalId,
  RESCAN_ACTION,
} from "../check-run-ref.js";
import { rescanCheckRun, rescanCheckSuite } from "../rescan-job.js";
import { type HandlerDeps, repoOf } from "./handler-deps.js";

/** "Re-run" on our check run, its Re-scan button, and "Re-run all checks" on a suite. */
export function onChecks(app: Probot, deps: HandlerDeps): void {
  app.on(["check_run.rerequested", "check_run.requested_action"], async (context) => {
    if (!deps.firstDelivery(context)) return;
    const { check_run: run, repository } = context.payload;
    if (run.name !== CHECK_NAME) return;
    if (
      context.payload.action === "requested_action" &&
      context.payload.requested_action?.identifier !== RESCAN_ACTION
    ) {
      return;
    }
    const first = run.pull_requests[0];
    const subject: CheckRunSubject | null =
      parseExternalId(run.external_id) ??
      (first ? { kind: "pull-request", pullNumber: first.number } : null);
    if (!subject) {
      context.log.info({ checkRun: run.id }, "check run belongs to no pull request or merge group");
      return;
    }
    const trigger =
      context.payload.action === "requested_action" ? "requested_action" : "check_run";
    deps.enqueue(context, `rescan check run ${run.id}`, (ctx) =>
      rescanCheckRun(ctx, repoOf(repository), subject, run.head_sha, trigger),
    );
  });

  app.on("check_suite.rerequested", async (context) => {
    if (!deps.firstDelivery(context)) return;
    const { check_suite: suite, repository } = context.payload;
    const numbers = suite.pull_requests
      .filter((pr) => pr.head.sha === suite.head_sha)
      .map((pr) => pr.number);
    deps.enqueue(context, `rescan check suite ${suite.id}`, (ctx) =>
      rescanCheckSuite(ctx, repoOf(repository), suite.head_sha, numbers),
    );
  });
}
