/** GitHub's answers for check runs, and for the slash-command replies. */
import type { FakeGitHub, Json, Reply } from "./fake-github.js";

export const CHECK_RUN_ID = 7001;

export interface CheckRunBody extends Json {
  readonly name?: string;
  readonly head_sha?: string;
  readonly status?: string;
  readonly conclusion?: string;
  readonly external_id?: string;
  readonly details_url?: string;
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

/** `checks/get`: the run as GitHub has it (`fields` over a run of this App on the test's head). */
export function getCheckRun(gh: FakeGitHub, id: number, fields: Json): CheckRunBody[] {
  return gh.expect<CheckRunBody>(
    "GET",
    `${gh.repoPath}/check-runs/${id}`,
    {
      status: 200,
      body: {
        id,
        name: "privilege-guard",
        html_url: `https://github.com/Codertocat/Hello-World/runs/${id}`,
        ...fields,
      },
    },
    { template: "/repos/{owner}/{repo}/check-runs/{check_run_id}" },
  );
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
