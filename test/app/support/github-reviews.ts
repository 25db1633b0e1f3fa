/**
 * GitHub's answers around reviews: the App's earlier comments and reviews, their minimized
 * state (GraphQL), posting a review, minimizing a comment (GraphQL).
 */
import type { FakeGitHub, Json, Reply } from "./fake-github.js";
import { commentsOutsideHunks } from "./review-checks.js";
import { APP_LOGIN } from "./test-app.js";

export interface ExistingComment {
  readonly id: number;
  readonly nodeId: string;
  readonly body: string;
  readonly login?: string;
  readonly path?: string;
  readonly line?: number;
  /** The review it belongs to. */
  readonly reviewId?: number;
}

export function reviewComments(
  gh: FakeGitHub,
  number: number,
  comments: readonly ExistingComment[],
  failure?: Reply,
): void {
  gh.expect(
    "GET",
    `${gh.repoPath}/pulls/${number}/comments`,
    failure ?? {
      status: 200,
      body: comments.map((c) => ({
        id: c.id,
        node_id: c.nodeId,
        body: c.body,
        path: c.path ?? "k8s/pod.yaml",
        line: c.line ?? 1,
        side: "RIGHT",
        pull_request_review_id: c.reviewId ?? null,
        user: {
          login: c.login ?? APP_LOGIN,
          type: (c.login ?? APP_LOGIN).endsWith("[bot]") ? "Bot" : "User",
        },
      })),
    },
    { template: "/repos/{owner}/{repo}/pulls/{pull_number}/comments", query: { per_page: "100" } },
  );
}

/** GraphQL `nodes(ids:)`: which of the App's comments are minimized already. */
export function minimizedState(gh: FakeGitHub, minimizedIds: readonly string[] = []): Json[] {
  return gh.graphql(/nodes\(ids:/, (variables) => ({
    status: 200,
    body: {
      data: {
        nodes: (variables.ids as string[]).map((id) => ({
          id,
          isMinimized: minimizedIds.includes(id),
        })),
      },
    },
  }));
}

export interface ExistingReview {
  readonly id: number;
  readonly body: string;
  readonly login?: string;
  readonly commitId?: string;
}

export function reviews(
  gh: FakeGitHub,
  number: number,
  existing: readonly ExistingReview[] = [],
): void {
  gh.expect(
    "GET",
    `${gh.repoPath}/pulls/${number}/reviews`,
    {
      status: 200,
      body: existing.map((r) => ({
        id: r.id,
        body: r.body,
        state: "COMMENTED",
        commit_id: r.commitId ?? null,
        user: { login: r.login ?? APP_LOGIN, type: "Bot" },
      })),
    },
    { template: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews", query: { per_page: "100" } },
  );
}

export interface ReviewBody {
  readonly commit_id: string;
  readonly event: string;
  readonly body: string;
  readonly comments?: {
    path: string;
    line: number;
    side: string;
    start_line?: number;
    start_side?: string;
    body: string;
  }[];
}

/**
 * Expects a review; with `patches` (head path → the patch the files listing served), every inline
 * comment of a review received is checked to lie inside the hunks (an error makes `assertDone`
 * fail).
 */
export function createReview(
  gh: FakeGitHub,
  number: number,
  reply: Reply = { status: 200, body: { id: 9001 } },
  into: ReviewBody[] = [],
  patches?: ReadonlyMap<string, string>,
): ReviewBody[] {
  return gh.expect<ReviewBody>(
    "POST",
    `${gh.repoPath}/pulls/${number}/reviews`,
    (body) => {
      if (patches) {
        for (const error of commentsOutsideHunks(body, patches))
          gh.invalid.push(`review comment ${error}`);
      }
      return reply;
    },
    { template: "/repos/{owner}/{repo}/pulls/{pull_number}/reviews" },
    into,
  );
}

export function minimize(gh: FakeGitHub, times = 1): Json[] {
  return gh.graphql(
    /minimizeComment\(/,
    () => ({
      status: 200,
      body: { data: { minimizeComment: { minimizedComment: { isMinimized: true } } } },
    }),
    times,
  );
}
