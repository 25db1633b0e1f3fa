/**
 * One review per push, event COMMENT (the check run does the blocking: a bot's REQUEST_CHANGES
 * would stay in force until dismissed). Inline comments for the placed findings not commented yet,
 * at most `maxComments` (the config's `review.maxComments`), most severe first; every other new
 * finding is listed in the body.
 */

import { DEFAULT_REVIEW_MAX_COMMENTS } from "../config/review-limits.js";
import { compareFindings } from "../core/severity-order.js";
import type { Finding, Level } from "../core/types.js";
import type { Placement } from "../diff/place-findings.js";
import { buildReviewBody, type ListedFinding } from "./review-body.js";
import { buildCommentBody, type InlinePlacement } from "./review-comment.js";

export interface ReviewComment {
  readonly path: string;
  readonly line: number;
  readonly side: "RIGHT";
  readonly start_line?: number;
  readonly start_side?: "RIGHT";
  readonly body: string;
  /** Not a GitHub field: strip it (see `toApiComment`) before sending. */
  readonly fingerprint: string;
}

export interface ReviewDraft {
  readonly event: "COMMENT";
  readonly body: string;
  readonly comments: readonly ReviewComment[];
  /** New findings in the hunks listed in the body because they are past `maxComments`. */
  readonly overLimit: readonly Finding[];
}

export interface ReviewOptions {
  readonly checkRunUrl?: string;
  readonly level: Level;
  /** "/privilege-guard" */
  readonly commandName: string;
  /** Head texts by path, to show the lines a fix outside the diff replaces (optional). */
  readonly headTexts?: ReadonlyMap<string, string>;
  /** Inline comments at most (default DEFAULT_REVIEW_MAX_COMMENTS). */
  readonly maxComments?: number;
}

/**
 * The review for the push, or null when there is nothing new to say: no placements, or every
 * placed finding's fingerprint is in `alreadyCommented` (collect them with `findMarkers` from the
 * App's earlier review comments and review bodies).
 */
export function buildReview(
  placements: readonly Placement[],
  alreadyCommented: ReadonlySet<string>,
  options: ReviewOptions,
): ReviewDraft | null {
  const fresh = placements
    .filter((p) => !alreadyCommented.has(p.finding.fingerprint))
    .sort((a, b) => compareFindings(a.finding, b.finding));
  if (fresh.length === 0) return null;
  const maxComments = options.maxComments ?? DEFAULT_REVIEW_MAX_COMMENTS;
  const inline: InlinePlacement[] = [];
  const listed: ListedFinding[] = [];
  const overLimit: Finding[] = [];
  for (const p of fresh) {
    if (p.kind === "outside") listed.push({ placement: p, why: p.reason });
    else if (inline.length < maxComments) inline.push(p);
    else {
      listed.push({ placement: p, why: "comment-limit" });
      overLimit.push(p.finding);
    }
  }
  const comments = withoutOverlappingSuggestions(inline).map((p) => toReviewComment(p, options));
  const body = buildReviewBody({
    newCount: fresh.length,
    inlineCount: comments.length,
    listed,
    level: options.level,
    checkRunUrl: options.checkRunUrl,
    headTexts: options.headTexts,
    maxComments,
  });
  return { event: "COMMENT", body, comments, overLimit };
}

/** A comment as `pulls/create-review` takes it: only GitHub's keys. */
export type ApiReviewComment = Omit<ReviewComment, "fingerprint">;

/** The comment as `pulls/create-review` takes it: only GitHub's keys. */
export function toApiComment(comment: ReviewComment): ApiReviewComment {
  const { path, line, side, start_line, start_side, body } = comment;
  return start_line === undefined
    ? { path, line, side, body }
    : { path, line, side, start_line, start_side, body };
}

function toReviewComment(p: InlinePlacement, options: ReviewOptions): ReviewComment {
  const body = buildCommentBody(p, {
    commandName: options.commandName,
    headTexts: options.headTexts,
  });
  const base = { path: p.finding.path, line: p.line, side: "RIGHT" as const, body };
  const fingerprint = p.finding.fingerprint;
  return p.startLine < p.line
    ? { ...base, start_line: p.startLine, start_side: "RIGHT", fingerprint }
    : { ...base, fingerprint };
}

/**
 * Suggestions whose lines overlap cannot all be applied (the first one applied changes the lines
 * the others replace), so only the first, most severe one keeps its suggestion block; the others
 * show their fix as a diff. E.g. `add: [SYS_ADMIN, NET_ADMIN]` is two findings on one line.
 */
function withoutOverlappingSuggestions(inline: readonly InlinePlacement[]): InlinePlacement[] {
  const taken: { path: string; start: number; end: number }[] = [];
  return inline.map((p) => {
    if (!p.suggestion) return p;
    const path = p.finding.path;
    const clash = taken.some((t) => t.path === path && t.start <= p.line && p.startLine <= t.end);
    if (clash) return { ...p, suggestion: false };
    taken.push({ path, start: p.startLine, end: p.line });
    return p;
  });
}
