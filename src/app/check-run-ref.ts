/**
 * What a check run belongs to, kept in its `external_id` so that `check_run.rerequested` and
 * `requested_action` can be mapped back even for fork pull requests (whose check runs carry an
 * empty `pull_requests` list).
 */
export type CheckRunSubject =
  | { readonly kind: "pull-request"; readonly pullNumber: number }
  | { readonly kind: "merge-group"; readonly baseSha: string };

/** The check run's name: constant, so it can be a required status check. */
export const CHECK_NAME = "privilege-guard";

/** The identifier of the "Re-scan" button (GitHub allows 20 characters). */
export const RESCAN_ACTION = "rescan";

export function externalIdFor(subject: CheckRunSubject): string {
  return subject.kind === "pull-request"
    ? `pull-request:${subject.pullNumber}`
    : `merge-group:${subject.baseSha}`;
}

/**
 * Carried by a run completed before its review was posted (see `check-lifecycle.ts`): until the
 * job says what became of the review, a run with it is not the end of the job. A crash at that
 * point leaves it there, and the job's next run (a retry, or a catch-up) posts the missing review.
 */
const REVIEW_DUE = "#review-due";

export function withReviewDue(externalId: string): string {
  return isReviewDue(externalId) ? externalId : `${externalId}${REVIEW_DUE}`;
}

export function withoutReviewDue(externalId: string): string {
  return isReviewDue(externalId) ? externalId.slice(0, -REVIEW_DUE.length) : externalId;
}

export function isReviewDue(externalId: string | null | undefined): boolean {
  return (externalId ?? "").endsWith(REVIEW_DUE);
}

export function parseExternalId(externalId: string | null | undefined): CheckRunSubject | null {
  const match = /^(pull-request|merge-group):(.+)$/.exec(withoutReviewDue(externalId ?? ""));
  if (!match?.[2]) return null;
  if (match[1] === "merge-group") {
    return /^[0-9a-f]{40,64}$/.test(match[2]) ? { kind: "merge-group", baseSha: match[2] } : null;
  }
  const pullNumber = Number(match[2]);
  return Number.isSafeInteger(pullNumber) && pullNumber > 0
    ? { kind: "pull-request", pullNumber }
    : null;
}
