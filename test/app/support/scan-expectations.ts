/**
 * The GitHub requests of one pull request scan, in the order the App makes them, for a scenario
 * (the change) and what the test expects to happen (a review or not, stale head, etc.).
 */
import { Commits, type FileChange, githubFile } from "./fake-changes.js";
import type { FakeGitHub, Json, Reply } from "./fake-github.js";
import {
  CHECK_RUN_ID,
  type CheckRunBody,
  createCheckRun,
  getCheckRun,
  updateCheckRun,
} from "./github-checks.js";
import {
  appSlug,
  blobReads,
  compare,
  type ConversationComment,
  configFile,
  installationToken,
  issueComments,
  pullRequest,
  pullRequestFiles,
} from "./github-reads.js";
import {
  createReview,
  type ExistingComment,
  type ExistingReview,
  minimize,
  minimizedState,
  type ReviewBody,
  reviewComments,
  reviews,
} from "./github-reviews.js";
import { APP_LOGIN } from "./test-app.js";

export interface PullRequestScenario {
  readonly number: number;
  readonly headSha: string;
  readonly baseSha: string;
  readonly mergeBaseSha: string;
  readonly changes: readonly FileChange[];
  readonly forkOwner?: string;
  readonly author?: string;
}

/** Every review posted through these expectations has its inline comments checked against the
 * patches served (see `createReview`). */
export interface ScanExpectations {
  /** Default-branch config (default: none). */
  readonly config?: string | null;
  /** The organisation's policy in its `.github` repository (default: none). */
  readonly organisationPolicy?: string | null;
  /** The installation token is requested (default true; false when an earlier scan got it). */
  readonly token?: boolean;
  /** `GET /app` for the App's login (default true; it is remembered afterwards). */
  readonly appSlug?: boolean;
  /** The head the pull request has when re-read before publishing (stale head test). */
  readonly headBeforePublish?: string;
  /** GraphQL blob queries (default 1). */
  readonly blobBatches?: number;
  readonly comments?: readonly ExistingComment[];
  /** Node ids of those comments already minimized. */
  readonly minimizedIds?: readonly string[];
  /**
   * The pull request's conversation, listed when the change requests exceptions for itself (the
   * App reads its approval records there).
   */
  readonly conversation?: readonly ConversationComment[] | (() => readonly ConversationComment[]);
  /** Whether new findings are reported (then the App lists its earlier reviews). */
  readonly reported: boolean;
  readonly existingReviews?: readonly ExistingReview[];
  /** Whether a review is posted, or GitHub's answers to the review requests in turn. */
  readonly review: boolean | readonly Reply[];
  readonly minimizes?: number;
  /** GitHub's answer when listing the review comments fails. */
  readonly reviewCommentsFailure?: Reply;
  /**
   * How the check run is created: `in-progress` at once, then completed by a PATCH (a scan
   * slower than the App's in-progress delay; the test App's delay is 0), or `completed` in one
   * POST (a scan that finished within the delay). Default `in-progress`.
   */
  readonly runCreated?: "in-progress" | "completed";
  /**
   * The scan resumes check run `CHECK_RUN_ID`, which an earlier attempt completed with this
   * `external_id` (read with `checks/get`); no run is created.
   */
  readonly completedEarlier?: { readonly externalId: string };
  /** PATCH requests updating the check run (default 1 when created in progress, else 0). */
  readonly checkRunUpdates?: number;
}

export interface ScanRecorders {
  readonly checkRunCreates: CheckRunBody[];
  readonly checkRunUpdates: CheckRunBody[];
  readonly reviews: ReviewBody[];
  readonly minimized: Json[];
  readonly blobVariables: Json[];
  /** Head path → the patch GitHub sent. */
  readonly patches: ReadonlyMap<string, string>;
}

export function expectPullRequestScan(
  gh: FakeGitHub,
  scenario: PullRequestScenario,
  e: ScanExpectations,
): ScanRecorders {
  const files = scenario.changes.map((c) => githubFile(c, gh.repoPath, scenario.headSha));
  const patches = new Map<string, string>();
  for (const f of files) if (f.patch !== undefined) patches.set(f.filename, f.patch);
  const pr = {
    number: scenario.number,
    headSha: scenario.headSha,
    baseSha: scenario.baseSha,
    changedFiles: files.length,
    ...(scenario.forkOwner ? { forkOwner: scenario.forkOwner } : {}),
    ...(scenario.author ? { author: scenario.author } : {}),
  };

  if (e.token ?? true) installationToken(gh);
  const runCreated = e.runCreated ?? "in-progress";
  const checkRunCreates = e.completedEarlier
    ? getCheckRun(gh, CHECK_RUN_ID, {
        status: "completed",
        external_id: e.completedEarlier.externalId,
      })
    : createCheckRun(gh);
  configFile(gh, e.config ?? null, e.organisationPolicy ?? null);
  pullRequest(gh, pr);
  pullRequestFiles(gh, scenario.number, files);
  compare(gh, scenario.baseSha, scenario.headSha, scenario.mergeBaseSha);
  const batches = e.blobBatches ?? 1;
  const commits = Commits.of(scenario.changes, scenario.mergeBaseSha, scenario.headSha);
  const blobVariables = batches > 0 ? blobReads(gh, commits, batches) : [];
  pullRequest(gh, { ...pr, headSha: e.headBeforePublish ?? scenario.headSha });

  const recordedReviews: ReviewBody[] = [];
  let minimized: Json[] = [];
  if (e.headBeforePublish === undefined) {
    if (e.conversation) issueComments(gh, scenario.number, e.conversation);
    if (e.appSlug ?? true) appSlug(gh);
    const comments = e.comments ?? [];
    reviewComments(gh, scenario.number, comments, e.reviewCommentsFailure);
    if (
      comments.some(
        (c) => (c.login ?? APP_LOGIN) === APP_LOGIN && c.body.includes("privilege-guard:finding:"),
      )
    ) {
      minimizedState(gh, e.minimizedIds ?? []);
    }
    if (e.reported) reviews(gh, scenario.number, e.existingReviews ?? []);
    if (e.review === true) createReview(gh, scenario.number, undefined, recordedReviews, patches);
    else if (Array.isArray(e.review)) {
      for (const reply of e.review as readonly Reply[]) {
        createReview(gh, scenario.number, reply, recordedReviews, patches);
      }
    }
    if ((e.minimizes ?? 0) > 0) minimized = minimize(gh, e.minimizes);
  }
  const updates =
    e.checkRunUpdates ?? (runCreated === "in-progress" && !e.completedEarlier ? 1 : 0);
  const checkRunUpdates = updates > 0 ? updateCheckRun(gh, CHECK_RUN_ID, updates) : [];
  return {
    checkRunCreates,
    checkRunUpdates,
    reviews: recordedReviews,
    minimized,
    blobVariables,
    patches,
  };
}
