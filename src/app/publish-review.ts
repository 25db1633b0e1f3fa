import type { Finding, Level } from "../catalogue/index.js";
import { placeFindings } from "../diff/place-findings.js";
import { COMMAND_NAME } from "../report/commands.js";
import { findMarkers } from "../report/markers.js";
import { buildReview, type ReviewDraft, toApiComment } from "../report/review.js";
import { commentState, ownFindingComments, reviewPostedOnHead } from "./comment-state.js";
import type { PullRequestRef } from "./github-port.js";
import { describeError, httpStatus } from "./http-error.js";
import type { JobContext } from "./job-context.js";
import { withoutInlineComments } from "./review-fallback.js";

export interface ReviewInput {
  readonly headSha: string;
  readonly reported: readonly Finding[];
  readonly patches: ReadonlyMap<string, string | undefined>;
  readonly headTexts: ReadonlyMap<string, string>;
  readonly level: Level;
  readonly checkRunUrl: string | null;
  /** Inline comments at most (the config's `review.maxComments`). */
  readonly maxComments: number;
}

export interface ReviewOutcome {
  readonly review: "posted" | "posted-without-inline-comments" | "nothing-new";
  readonly minimized: number;
  /** New findings listed in the review body because they are past `maxComments`. */
  readonly overLimit: readonly Finding[];
  /** What went wrong while tidying up (the review itself was posted or not needed). */
  readonly warnings: readonly string[];
}

/** What `prepareReview` read and built: the review to post and what is already on the PR. */
export interface PreparedReview {
  readonly draft: ReviewDraft | null;
  readonly placements: ReturnType<typeof placeFindings>;
  readonly state: ReturnType<typeof commentState>;
  readonly options: Parameters<typeof buildReview>[2];
}

/**
 * Reads what the App already said on the pull request (its review comments, which of them are
 * minimized, its reviews) and builds the one COMMENT review for the push with what is new since
 * (`postReview` posts it). Only reads: nothing here is spaced as a write. The App's earlier
 * comments and review bodies are recognised by their hidden markers, so a redelivery or a
 * re-scan of the same head posts nothing twice and a persisting finding keeps its comment.
 */
export async function prepareReview(
  ctx: JobContext,
  pr: PullRequestRef,
  input: ReviewInput,
): Promise<PreparedReview> {
  const appLogin = await ctx.appLogin();
  const own = ownFindingComments(await ctx.port.listReviewComments(pr), appLogin);
  const minimized =
    own.length > 0
      ? await ctx.port.minimizedComments(own.map((o) => o.comment.nodeId))
      : new Set<string>();
  const reviews = input.reported.length > 0 ? await ctx.port.listReviews(pr) : [];
  const state = commentState({
    own,
    minimized,
    reviews,
    appLogin,
    current: new Set(input.reported.map((f) => f.fingerprint)),
  });

  const placements = placeFindings(input.reported, input.patches);
  const options = {
    level: input.level,
    commandName: COMMAND_NAME,
    headTexts: input.headTexts,
    maxComments: input.maxComments,
    ...(input.checkRunUrl ? { checkRunUrl: input.checkRunUrl } : {}),
  };
  const draft = buildReview(placements, state.alreadyCommented, options);
  return { draft, placements, state, options };
}

/**
 * Posts the prepared review and minimizes (as OUTDATED) the App's earlier comments on findings
 * that are gone. When GitHub refuses the inline comments (422), the review is posted again with
 * every finding in its body. `checkRunUrl`: the check run's page, when it was created after the
 * review was prepared (a run created completed at the end of a fast scan); the review links it.
 */
export async function postReview(
  ctx: JobContext,
  pr: PullRequestRef,
  headSha: string,
  prepared: PreparedReview,
  checkRunUrl: string | null = null,
): Promise<ReviewOutcome> {
  const { placements, state } = prepared;
  const linked = checkRunUrl !== null && prepared.options.checkRunUrl !== checkRunUrl;
  const options = linked ? { ...prepared.options, checkRunUrl } : prepared.options;
  const draft =
    linked && prepared.draft
      ? buildReview(placements, state.alreadyCommented, options)
      : prepared.draft;
  let review: ReviewOutcome["review"] = "nothing-new";
  let overLimit: readonly Finding[] = [];
  if (draft) {
    try {
      await submit(ctx, pr, headSha, draft);
      review = "posted";
      overLimit = draft.overLimit;
    } catch (error) {
      if (httpStatus(error) !== 422) throw error;
      ctx.log.warn({ err: error }, "GitHub refused the review; posting it without inline comments");
      const fallback = buildReview(
        withoutInlineComments(placements),
        state.alreadyCommented,
        options,
      );
      if (fallback) await submit(ctx, pr, headSha, fallback);
      review = "posted-without-inline-comments";
    }
  }

  const warnings: string[] = [];
  let count = 0;
  for (const comment of state.outdated) {
    try {
      await ctx.port.minimizeComment(comment.nodeId);
      count++;
    } catch (error) {
      ctx.log.warn({ err: error, comment: comment.id }, "could not minimize an outdated comment");
      warnings.push(`could not hide an outdated comment: ${describeError(error)}`);
    }
  }
  return { review, minimized: count, overLimit, warnings };
}

/** Attempts at creating one review, each after making sure the previous one did not get through. */
const REVIEW_ATTEMPTS = 3;

/**
 * Creates the review. An attempt that failed without GitHub's answer (a lost connection, a
 * timeout) or with a 5xx may still have created it: before trying again, the App's reviews on
 * this head are listed, and one carrying the same finding markers counts as posted.
 */
async function submit(
  ctx: JobContext,
  pr: PullRequestRef,
  headSha: string,
  draft: ReviewDraft,
): Promise<void> {
  const fingerprints = new Set([
    ...draft.comments.map((c) => c.fingerprint),
    ...findMarkers(draft.body),
  ]);
  for (let attempt = 1; ; attempt++) {
    try {
      await ctx.port.createReview(pr, {
        commitId: headSha,
        event: draft.event,
        body: draft.body,
        comments: draft.comments.map(toApiComment),
      });
      return;
    } catch (error) {
      if (!mayHaveBeenCreated(error) || attempt >= REVIEW_ATTEMPTS) throw error;
      ctx.log.warn(
        { err: error, attempt },
        "posting the review failed; checking whether it exists",
      );
      const [reviews, comments] = await Promise.all([
        ctx.port.listReviews(pr),
        ctx.port.listReviewComments(pr),
      ]);
      const appLogin = await ctx.appLogin();
      if (reviewPostedOnHead({ reviews, comments, appLogin, headSha, fingerprints })) return;
    }
  }
}

/** No answer from GitHub, or a server error: the request may have taken effect. */
function mayHaveBeenCreated(error: unknown): boolean {
  const status = httpStatus(error);
  return status === null || status >= 500;
}
