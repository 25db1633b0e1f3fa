/**
 * GitHub's answers for what the App reads: the installation token, the App itself, the config,
 * the pull request, its files, the comparison and the files' contents (GraphQL).
 */
import type { Commits, GitHubFile } from "./fake-changes.js";
import type { FakeGitHub, Json } from "./fake-github.js";
import { APP_ID, APP_SLUG } from "./test-app.js";

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

/**
 * `.github/privilege-guard.yml` on the default branch (null: no such file), and the organisation's
 * policy, the same file in its `.github` repository (null, the default: none).
 */
export function configFile(
  gh: FakeGitHub,
  text: string | null,
  organisationPolicy: string | null = null,
): void {
  const answer = (t: string | null) =>
    t === null ? { status: 404, body: { message: "Not Found" } } : { status: 200, body: t };
  const template = { template: "/repos/{owner}/{repo}/contents/{path}" };
  gh.expect("GET", `${gh.repoPath}/contents/.github%2Fprivilege-guard.yml`, answer(text), template);
  gh.expect(
    "GET",
    `/repos/${gh.owner}/.github/contents/.github%2Fprivilege-guard.yml`,
    answer(organisationPolicy),
    template,
  );
}

export interface PullState {
  readonly number: number;
  readonly headSha: string;
  readonly baseSha: string;
  readonly changedFiles?: number;
  /** Owner of the fork the head lives in (a fork pull request). */
  readonly forkOwner?: string;
  /** Login of the pull request's author (default `octocat`). */
  readonly author?: string;
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
        html_url: `https://github.com/${gh.owner}/${gh.repo}/pull/${pr.number}`,
        user: { login: pr.author ?? "octocat", type: "User" },
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

export interface ConversationComment {
  readonly id: number;
  readonly body: string;
  readonly login: string;
  readonly createdAt?: string;
  /** Differs from `createdAt` when the comment was edited. */
  readonly updatedAt?: string;
}

/**
 * The pull request's conversation (issues/list-comments), one page; `comments` may be a function,
 * read when the request arrives (comments the App posted meanwhile).
 */
export function issueComments(
  gh: FakeGitHub,
  number: number,
  comments: readonly ConversationComment[] | (() => readonly ConversationComment[]),
): void {
  gh.expect(
    "GET",
    `${gh.repoPath}/issues/${number}/comments`,
    () => ({
      status: 200,
      body: (typeof comments === "function" ? comments() : comments).map((c) => ({
        id: c.id,
        body: c.body,
        user: { login: c.login, type: c.login.endsWith("[bot]") ? "Bot" : "User" },
        created_at: c.createdAt ?? "2024-05-01T11:00:00Z",
        updated_at: c.updatedAt ?? c.createdAt ?? "2024-05-01T11:00:00Z",
      })),
    }),
    {
      template: "/repos/{owner}/{repo}/issues/{issue_number}/comments",
      query: { per_page: "100" },
    },
  );
}
