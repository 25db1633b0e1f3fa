import {
  CHECK_NAME,
  type CheckRunSubject,
  parseExternalId,
  RESCAN_ACTION,
} from "../check-run-ref.js";
import { repoOf, webhookHandler } from "./webhook-handler.js";

/** "Re-run" on our check run, and its Re-scan button. */
export const checkRunHandler = webhookHandler(
  ["check_run.rerequested", "check_run.requested_action"],
  ({ payload }) => {
    const { check_run: run, repository } = payload;
    if (run.name !== CHECK_NAME) return { ignored: "another check run" };
    if (
      payload.action === "requested_action" &&
      payload.requested_action?.identifier !== RESCAN_ACTION
    ) {
      return { ignored: "another action" };
    }
    const first = run.pull_requests[0];
    const subject: CheckRunSubject | null =
      parseExternalId(run.external_id) ??
      (first ? { kind: "pull-request", pullNumber: first.number } : null);
    if (!subject) return { ignored: "check run belongs to no pull request or merge group" };
    const trigger = payload.action === "requested_action" ? "requested_action" : "check_run";
    const repo = repoOf(repository);
    return {
      job:
        subject.kind === "merge-group"
          ? {
              kind: "merge-group",
              scan: { ...repo, baseSha: subject.baseSha, headSha: run.head_sha },
            }
          : {
              kind: "pull-request",
              scan: { ...repo, pullNumber: subject.pullNumber, headSha: run.head_sha, trigger },
            },
    };
  },
);

/** "Re-run all checks" on a suite: a rescan of each of its pull requests. */
export const checkSuiteHandler = webhookHandler(["check_suite.rerequested"], ({ payload }) => {
  const { check_suite: suite, repository } = payload;
  const numbers = suite.pull_requests
    .filter((pr) => pr.head.sha === suite.head_sha)
    .map((pr) => pr.number);
  return {
    job: {
      kind: "check-suite",
      repo: repoOf(repository),
      headSha: suite.head_sha,
      pullNumbers: numbers,
    },
  };
});
