import type { Probot } from "probot";
import {
  CHECK_NAME,
  type CheckRunSubject,
  parseExternalId,
  RESCAN_ACTION,
} from "../check-run-ref.js";
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
    const repo = repoOf(repository);
    await deps.enqueue(
      context,
      subject.kind === "merge-group"
        ? {
            kind: "merge-group",
            scan: { ...repo, baseSha: subject.baseSha, headSha: run.head_sha },
          }
        : {
            kind: "pull-request",
            scan: { ...repo, pullNumber: subject.pullNumber, headSha: run.head_sha, trigger },
          },
    );
  });

  app.on("check_suite.rerequested", async (context) => {
    if (!deps.firstDelivery(context)) return;
    const { check_suite: suite, repository } = context.payload;
    const numbers = suite.pull_requests
      .filter((pr) => pr.head.sha === suite.head_sha)
      .map((pr) => pr.number);
    await deps.enqueue(context, {
      kind: "check-suite",
      repo: repoOf(repository),
      headSha: suite.head_sha,
      pullNumbers: numbers,
    });
  });
}
