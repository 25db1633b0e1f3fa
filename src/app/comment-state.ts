import { findMarker, findMarkers, isReviewBody } from "../report/markers.js";
import type { ReviewCommentInfo, ReviewInfo } from "./github-port.js";

/** One of the App's own finding comments, with the fingerprint its marker holds. */
export interface OwnComment {
  readonly comment: ReviewCommentInfo;
  readonly fingerprint: string;
}

/** The App's own review comments that carry a finding marker. */
export function ownFindingComments(
  comments: readonly ReviewCommentInfo[],
  appLogin: string,
): OwnComment[] {
  const own: OwnComment[] = [];
  for (const comment of comments) {
    if (comment.userLogin !== appLogin) continue;
    const fingerprint = findMarker(comment.body);
    if (fingerprint !== null) own.push({ comment, fingerprint });
  }
  return own;
}

export interface CommentState {
  /** Findings the App already reported on this pull request (live comments and review bodies). */
  readonly alreadyCommented: ReadonlySet<string>;
  /** Live comments whose finding is no longer among the current findings: to minimize. */
  readonly outdated: readonly ReviewCommentInfo[];
}

/**
 * What the App said before, against what it finds now. A minimized comment no longer counts as
 * said (a finding that comes back is commented again), and is never minimized twice. Fingerprints
 * listed in the App's own review bodies count as said.
 */
export function commentState(input: {
  readonly own: readonly OwnComment[];
  readonly minimized: ReadonlySet<string>;
  readonly reviews: readonly ReviewInfo[];
  readonly appLogin: string;
  readonly current: ReadonlySet<string>;
}): CommentState {
  const alreadyCommented = new Set<string>();
  const outdated: ReviewCommentInfo[] = [];
  for (const { comment, fingerprint } of input.own) {
    if (input.minimized.has(comment.nodeId)) continue;
    if (input.current.has(fingerprint)) alreadyCommented.add(fingerprint);
    else outdated.push(comment);
  }
  for (const review of input.reviews) {
    if (review.userLogin !== input.appLogin) continue;
    for (const fingerprint of findMarkers(review.body)) {
      if (input.current.has(fingerprint)) alreadyCommented.add(fingerprint);
    }
  }
  return { alreadyCommented, outdated };
}

/**
 * Whether the App already posted, on commit `headSha`, a review that carries every one of
 * `fingerprints`: its body's markers together with the markers of its own comments. Used after a
 * review POST whose answer was lost (GitHub may have created it) to avoid posting it twice.
 */
export function reviewPostedOnHead(input: {
  readonly reviews: readonly ReviewInfo[];
  readonly comments: readonly ReviewCommentInfo[];
  readonly appLogin: string;
  readonly headSha: string;
  readonly fingerprints: ReadonlySet<string>;
}): boolean {
  if (input.fingerprints.size === 0) return false;
  const ours = new Set<number>();
  const found = new Set<string>();
  for (const review of input.reviews) {
    if (review.userLogin !== input.appLogin || review.commitId !== input.headSha) continue;
    if (!isReviewBody(review.body)) continue;
    ours.add(review.id);
    for (const fingerprint of findMarkers(review.body)) found.add(fingerprint);
  }
  for (const { comment, fingerprint } of ownFindingComments(input.comments, input.appLogin)) {
    if (comment.reviewId !== null && ours.has(comment.reviewId)) found.add(fingerprint);
  }
  return [...input.fingerprints].every((f) => found.has(f));
}
