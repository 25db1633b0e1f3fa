/**
 * One expectation per GitHub operation the App uses, each with the answer GitHub gives. The
 * request bodies are validated by `FakeGitHub` against the REST OpenAPI schema.
 */
import type { Commits, GitHubFile } from "./fake-changes.js";
import type { FakeGitHub, Json, Reply } from "./fake-github.js";
import { APP_ID, APP_LOGIN, APP_SLUG } from "./test-app.js";

export const CHECK_RUN_ID = 7001;

export function installationToken(gh: FakeGitHub): void {
  gh.expect(
    "POST",
    `/app/installations/${gh.installationId}/access_tokens`,
    {
      status: 201,
      body: {
        token: "ghs_test_installation_token",
        expires_at: "2999-01-01T00:00:00Z",
        permissions: { checks: "write", pull_requests: "write", contents: "read", issues: "write" },
      },
    },
    { template: "/app/installations/{installation_id}/access_tokens" },
  );
}

export function appSlug(gh: FakeGitHub): void {
  gh.expect(
    "GET",
    "/app",
    { status: 200, body: { id: APP_ID, slug: APP_SLUG, name: "Privilege Guard" } },
    {
      template: "/app",
    },
  );
}

/** `.github/privilege-guard.yml` on the default branch (null: no such file). */
export function configFile(gh: FakeGitHub, text: string | null): void {
  gh.expect(
    "GET",
    `${gh.repoPath}/contents/.github%2Fprivilege-guard.yml`,
    text === null ? { status: 404, body: { message: "Not Found" } } : { status: 200, body: text },
    { template: "/repos/{owner}/{repo}/contents/{path}" },
  );
}

export interface PullState {
  readonly number: number;
  readonly headSha: string;
  readonly baseSha: string;
  readonly changedFiles?: number;
  /** Owner of the fork the head lives in (a fork pull request). */
  readonly forkOwner?: string;
}

export function pullRequest(gh: FakeGitHub, pr: PullState, times = 1): void {
  const headOwner = pr.forkOwner ?? gh.owner;
  gh.expect(
    "GET",
    `${gh.repoPath}/pulls/${pr.number}`,
    {
      status: 200,
      body: {
        number: pr.number,
        state: "open",
        changed_files: pr.changedFiles ?? 1,
        head: {
          sha: pr.headSha,
          ref: "feature",
          repo: { full_name: `${headOwner}/${gh.repo}`, fork: headOwner !== gh.owner },
        },
        base: {
          sha: pr.baseSha,
          ref: "main",
          repo: { full_name: `${gh.owner}/${gh.repo}`, fork: false },
        },
      },
    },
    { template: "/repos/{owner}/{repo}/pulls/{pull_number}", times },
  );
}

/** The files listing, paginated like GitHub (Link header, `per_page=100`). */
export function pullRequestFiles(
  gh: FakeGitHub,
  number: number,
  files: readonly GitHubFile[],
): void {
  const perPage = 100;
  const pages = Math.max(1, Math.ceil(files.length / perPage));
  for (let page = 1; page <= pages; page++) {
    const next = `${gh.repoPath}/pulls/${number}/files?per_page=${perPage}&page=${page + 1}`;
    const last = `${gh.repoPath}/pulls/${number}/files?per_page=${perPage}&page=${pages}`;
    const headers: Record<string, string> =
      page < pages
        ? {
            link: `<https://api.github.com${next}>; rel="next", <https://api.github.com${last}>; rel="last"`,
          }
        : {};
    gh.expect(
      "GET",
      `${gh.repoPath}/pulls/${number}/files`,
      { status: 200, body: files.slice((page - 1) * perPage, page * perPage), headers },
      {
        template: "/repos/{owner}/{repo}/pulls/{pull_number}/files",
        query:
          page === 1
            ? { per_page: String(perPage) }
            : { per_page: String(perPage), page: String(page) },
      },
    );
  }
}

export function compare(
  gh: FakeGitHub,
  base: string,
  head: string,
  mergeBase: string,
  files: readonly GitHubFile[] = [],
): void {
  gh.expect(
    "GET",
    `${gh.repoPath}/compare/${base}...${head}`,
    { status: 200, body: { status: "ahead", merge_base_commit: { sha: mergeBase }, files } },
    { template: "/repos/{owner}/{repo}/compare/{basehead}" },
  );
}

/** GraphQL `object(expression: "<sha>:<path>")` reads, answered from `commits`. */
export function blobReads(gh: FakeGitHub, commits: Commits, times = 1): Json[] {
  return gh.graphql(
    /object\(expression:/,
    (variables) => {
      const repository: Json = {};
      for (const [name, value] of Object.entries(variables)) {
        const index = /^e(\d+)$/.exec(name)?.[1];
        if (index === undefined) continue;
        const text = commits.at(String(value));
        repository[`f${index}`] =
          text === undefined
            ? null
            : {
                oid: fakeOid(String(value)),
                byteSize: Buffer.byteLength(text),
                isBinary: false,
                isTruncated: false,
                text,
              };
      }
      return { status: 200, body: { data: { repository } } };
    },
    times,
  );
}

function fakeOid(expression: string): string {
  let h = 0;
  for (const c of expression) h = (h * 31 + c.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, "0").repeat(5);
}

export interface ExistingComment {
  readonly id: number;
  readonly nodeId: string;
  readonly body: string;
  readonly login?: string;
  readonly path?: string;
  readonly line?: number;
}

export function reviewComments(
  gh: FakeGitHub,
  number: number,
  comments: readonly ExistingComment[],
): void {
  gh.expect(
    "GET",
    `${gh.repoPath}/pulls/${number}/comments`,
    {
      status: 200,
      body: comments.map((c) => ({
        id: c.id,
        node_id: c.nodeId,
        body: c.body,
        path: c.path ?? "k8s/pod.yaml",
        line: c.line ?? 1,
        side: "RIGHT",
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

export function createReview(
  gh: FakeGitHub,
  number: number,
  reply: Reply = { status: 200, body: { id: 9001 } },
  into: ReviewBody[] = [],
): ReviewBody[] {
  return gh.expect<ReviewBody>(
    "POST",
    `${gh.repoPath}/pulls/${number}/reviews`,
    reply,
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

export interface CheckRunBody extends Json {
  readonly name?: string;
  readonly head_sha?: string;
  readonly status?: string;
  readonly conclusion?: string;
  readonly external_id?: string;
  readonly output?: {
    title: string;
    summary: string;
    text?: string;
    annotations?: {
      path: string;
      start_line: number;
      end_line: number;
      annotation_level: string;
      title?: string;
      message: string;
    }[];
  };
  readonly actions?: { label: string; description: string; identifier: string }[];
}

export function createCheckRun(
  gh: FakeGitHub,
  reply: Reply = checkRunCreated(CHECK_RUN_ID),
): CheckRunBody[] {
  return gh.expect<CheckRunBody>("POST", `${gh.repoPath}/check-runs`, reply, {
    template: "/repos/{owner}/{repo}/check-runs",
  });
}

export function checkRunCreated(id: number): Reply {
  return {
    status: 201,
    body: { id, html_url: `https://github.com/Codertocat/Hello-World/runs/${id}` },
  };
}

export function updateCheckRun(
  gh: FakeGitHub,
  id = CHECK_RUN_ID,
  times = 1,
  reply: Reply = { status: 200, body: { id } },
): CheckRunBody[] {
  return gh.expect<CheckRunBody>("PATCH", `${gh.repoPath}/check-runs/${id}`, reply, {
    template: "/repos/{owner}/{repo}/check-runs/{check_run_id}",
    times,
  });
}

export function permission(
  gh: FakeGitHub,
  username: string,
  level: "admin" | "write" | "read" | "none",
): void {
  gh.expect(
    "GET",
    `${gh.repoPath}/collaborators/${username}/permission`,
    { status: 200, body: { permission: level, role_name: level, user: { login: username } } },
    { template: "/repos/{owner}/{repo}/collaborators/{username}/permission" },
  );
}

export function reaction(gh: FakeGitHub, commentId: number): Json[] {
  return gh.expect(
    "POST",
    `${gh.repoPath}/issues/comments/${commentId}/reactions`,
    { status: 201, body: { id: 1, content: "eyes" } },
    {
      template: "/repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
    },
  );
}

export function issueComment(gh: FakeGitHub, number: number): { body: string }[] {
  return gh.expect<{ body: string }>(
    "POST",
    `${gh.repoPath}/issues/${number}/comments`,
    { status: 201, body: { id: 1 } },
    {
      template: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
    },
  );
}
