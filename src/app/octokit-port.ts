import type {
  ChangedFileEntry,
  CheckRunInfo,
  CheckRunUpdate,
  GitHubPort,
  PullRequestRef,
  RepoRef,
  RepositoryPermission,
} from "./github-port.js";
import { httpStatus } from "./http-error.js";
import { listFiles } from "./list-files.js";
import type { Octokit } from "./octokit.js";
import { retryPolicyOf } from "./octokit-options.js";
import { type BlobReadOptions, DEFAULT_BLOB_READ, readBlobs } from "./read-blobs.js";
import { minimizeComment, minimizedComments } from "./review-comment-graphql.js";

/** GitHub's page size limit for listings (pulls/list-files, pulls/list-review-comments). */
const PER_PAGE = 100;

/** The GitHub port over an installation's Octokit (`context.octokit`). */
export function createOctokitPort(
  octokit: Octokit,
  blobOptions: BlobReadOptions = DEFAULT_BLOB_READ,
): GitHubPort {
  const port: GitHubPort = {
    async getPullRequest(pr) {
      const { data } = await octokit.rest.pulls.get(prParams(pr));
      return {
        number: data.number,
        state: data.state === "closed" ? "closed" : "open",
        headSha: data.head.sha,
        baseSha: data.base.sha,
        changedFiles: data.changed_files,
        authorLogin: data.user?.login ?? null,
        htmlUrl: data.html_url ?? null,
      };
    },

    async listPullRequestFiles(pr) {
      const files = await octokit.paginate(octokit.rest.pulls.listFiles, {
        ...prParams(pr),
        per_page: PER_PAGE,
      });
      return files.map(toChangedFile);
    },

    async compareCommits(repo, base, head) {
      const { data } = await octokit.rest.repos.compareCommitsWithBasehead({
        ...repoParams(repo),
        basehead: `${base}...${head}`,
      });
      return {
        mergeBaseSha: data.merge_base_commit.sha,
        files: (data.files ?? []).map(toChangedFile),
      };
    },

    readBlobs: (repo, requests) => readBlobs(octokit, repo, requests, blobOptions),

    listFiles: (repo, sha, folder) => listFiles(octokit, repo, sha, folder),

    async readDefaultBranchFile(repo, path) {
      try {
        const { data } = await octokit.rest.repos.getContent({
          ...repoParams(repo),
          path,
          mediaType: { format: "raw" },
        });
        if (typeof data !== "string") throw new Error(`${path} is a directory or a submodule`);
        return data;
      } catch (error) {
        if (httpStatus(error) === 404) return null;
        throw error;
      }
    },

    async findPullRequestsForCommit(repo, sha) {
      const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({
        ...repoParams(repo),
        commit_sha: sha,
      });
      return data.filter((pr) => pr.state === "open" && pr.head.sha === sha).map((pr) => pr.number);
    },

    async listInstallationRepositories() {
      const repos = await octokit.paginate(octokit.rest.apps.listReposAccessibleToInstallation, {
        per_page: PER_PAGE,
      });
      return repos.map((r) => ({ owner: r.owner.login, repo: r.name }));
    },

    async listOpenPullRequests(repo) {
      const pulls = await octokit.paginate(octokit.rest.pulls.list, {
        ...repoParams(repo),
        state: "open",
        per_page: PER_PAGE,
      });
      return pulls.map((pr) => ({ number: pr.number, headSha: pr.head.sha }));
    },

    async latestCompletedCheckRun(repo, sha, name) {
      // GitHub's default `filter: latest` gives each App's latest run of the name; another App's
      // run named alike says nothing of whether this App scanned the head.
      const [run] = await ownRunsOnHead(octokit, repo, sha, name, { status: "completed" });
      return run ? checkRunInfo(run) : null;
    },

    async inProgressCheckRun(repo, sha, name) {
      const [run] = await ownRunsOnHead(octokit, repo, sha, name, { status: "in_progress" });
      return run ? checkRunInfo(run) : null;
    },

    async findCompletedCheckRuns(repo, sha, name, startedAt) {
      const second = toSecond(startedAt);
      const runs = await ownRunsOnHead(octokit, repo, sha, name, {
        status: "completed",
        filter: "all",
      });
      return runs
        .filter((r) => r.started_at !== null && toSecond(r.started_at) === second)
        .map(checkRunInfo);
    },

    async getCheckRun(repo, checkRunId) {
      try {
        const { data } = await octokit.rest.checks.get({
          ...repoParams(repo),
          check_run_id: checkRunId,
        });
        return checkRunInfo(data);
      } catch (error) {
        if (httpStatus(error) === 404) return null;
        throw error;
      }
    },

    async createCheckRun(repo, run) {
      const { data } = await octokit.rest.checks.create({
        ...repoParams(repo),
        name: run.name,
        head_sha: run.headSha,
        external_id: run.externalId,
        status: "in_progress",
        started_at: run.startedAt,
        // Not retried: a lost answer may hide a created run, and a second would stay in
        // progress; on failure the scan creates a completed run at the end instead.
        request: { retries: 0 },
      });
      return { id: data.id, htmlUrl: data.html_url ?? null };
    },

    async createCompletedCheckRun(repo, run, update) {
      const params = {
        ...repoParams(repo),
        name: run.name,
        head_sha: run.headSha,
        external_id: run.externalId,
        started_at: run.startedAt,
        ...updateParams(update),
      };
      // Retried here, not by Octokit: GitHub may have created the run and lost the answer (a 5xx
      // after processing, a timeout), and a blind second POST would leave two completed runs.
      // Before each retry, the run is looked for; found, it is the one created.
      const { retries, baseMs } = retryPolicyOf(octokit);
      for (let attempt = 1; ; attempt++) {
        try {
          const { data } = await octokit.rest.checks.create({ ...params, request: { retries: 0 } });
          return { id: data.id, htmlUrl: data.html_url ?? null };
        } catch (error) {
          const status = httpStatus(error);
          if (attempt > retries || status === null || status < 500) throw error;
          await new Promise((resolve) => setTimeout(resolve, attempt ** 2 * baseMs));
          const created = await port
            .findCompletedCheckRuns(repo, run.headSha, run.name, run.startedAt)
            .then(
              (runs) => runs.find((r) => r.externalId === params.external_id),
              () => undefined,
            );
          if (created) return { id: created.id, htmlUrl: created.htmlUrl };
        }
      }
    },

    async updateCheckRun(repo, checkRunId, update) {
      await octokit.rest.checks.update({
        ...repoParams(repo),
        check_run_id: checkRunId,
        ...updateParams(update),
      });
    },

    async listReviews(pr) {
      const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, {
        ...prParams(pr),
        per_page: PER_PAGE,
      });
      return reviews.map((r) => ({
        id: r.id,
        body: r.body ?? "",
        userLogin: r.user?.login ?? null,
        commitId: r.commit_id ?? null,
      }));
    },

    async listReviewComments(pr) {
      const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
        ...prParams(pr),
        per_page: PER_PAGE,
      });
      return comments.map((c) => ({
        id: c.id,
        nodeId: c.node_id,
        body: c.body,
        userLogin: c.user?.login ?? null,
        userType: c.user?.type ?? null,
        reviewId: c.pull_request_review_id ?? null,
      }));
    },

    minimizedComments: (nodeIds) => minimizedComments(octokit, nodeIds),
    minimizeComment: (nodeId) => minimizeComment(octokit, nodeId),

    async createReview(pr, review) {
      await octokit.rest.pulls.createReview({
        ...prParams(pr),
        commit_id: review.commitId,
        event: review.event,
        body: review.body,
        comments: review.comments.map((c) => ({ ...c })),
        // Never retried blindly: a POST whose answer was lost may have created the review.
        request: { retries: 0 },
      });
    },

    async getPermission(repo, username): Promise<RepositoryPermission> {
      try {
        const { data } = await octokit.rest.repos.getCollaboratorPermissionLevel({
          ...repoParams(repo),
          username,
        });
        const permission = data.permission;
        return permission === "admin" || permission === "write" || permission === "read"
          ? permission
          : "none";
      } catch (error) {
        if (httpStatus(error) === 404) return "none";
        throw error;
      }
    },

    async isTeamMember(team, username) {
      const [org = "", teamSlug = ""] = team.split("/");
      try {
        const { data } = await octokit.rest.teams.getMembershipForUserInOrg({
          org,
          team_slug: teamSlug,
          username,
        });
        return data.state === "active";
      } catch (error) {
        if (httpStatus(error) === 404) return false;
        throw error;
      }
    },

    async listIssueComments(pr) {
      const comments = await octokit.paginate(octokit.rest.issues.listComments, {
        owner: pr.owner,
        repo: pr.repo,
        issue_number: pr.pullNumber,
        per_page: PER_PAGE,
      });
      return comments.map((c) => ({
        id: c.id,
        body: c.body ?? "",
        userLogin: c.user?.login ?? null,
        userType: c.user?.type ?? null,
        createdAt: c.created_at,
        updatedAt: c.updated_at,
      }));
    },

    async addReaction(repo, commentId, content) {
      await octokit.rest.reactions.createForIssueComment({
        ...repoParams(repo),
        comment_id: commentId,
        content,
      });
    },

    async createIssueComment(repo, issueNumber, body) {
      await octokit.rest.issues.createComment({
        ...repoParams(repo),
        issue_number: issueNumber,
        body,
        // Not retried: a lost answer may hide a posted comment.
        request: { retries: 0 },
      });
    },
  };
  return port;
}

function repoParams(repo: RepoRef): { owner: string; repo: string } {
  return { owner: repo.owner, repo: repo.repo };
}

function prParams(pr: PullRequestRef): { owner: string; repo: string; pull_number: number } {
  return { owner: pr.owner, repo: pr.repo, pull_number: pr.pullNumber };
}

function toChangedFile(file: {
  filename: string;
  status: ChangedFileEntry["status"];
  previous_filename?: string;
  patch?: string;
}): ChangedFileEntry {
  return {
    filename: file.filename,
    status: file.status,
    ...(file.previous_filename !== undefined ? { previousFilename: file.previous_filename } : {}),
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
  };
}

function toSecond(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/**
 * The head's check runs of this name in this status made by this App (the listing's `app.id`
 * against the App's own id, when its credentials give it), first page, GitHub's order.
 */
async function ownRunsOnHead(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  name: string,
  query: { readonly status: "completed" | "in_progress"; readonly filter?: "all" },
) {
  const [{ data }, appId] = await Promise.all([
    octokit.rest.checks.listForRef({
      ...repoParams(repo),
      ref: sha,
      check_name: name,
      ...query,
      per_page: PER_PAGE,
    }),
    ownAppId(octokit),
  ]);
  return data.check_runs.filter(
    (r) => (appId === null || r.app?.id === appId) && r.head_sha === sha && r.name === name,
  );
}

/**
 * This App's id, from the client's own credentials (`auth({ type: "app" })` signs a JWT and
 * calls nothing), so that another App's check run of the same name is never taken for its own;
 * null for a client without App credentials.
 */
async function ownAppId(octokit: Octokit): Promise<number | null> {
  const auth = (await octokit.auth({ type: "app" }).catch(() => null)) as {
    appId?: unknown;
  } | null;
  return typeof auth?.appId === "number" ? auth.appId : null;
}

function checkRunInfo(run: {
  id: number;
  status: string;
  external_id?: string | null;
  html_url?: string | null;
}): CheckRunInfo {
  return {
    id: run.id,
    status: run.status,
    externalId: run.external_id ?? null,
    htmlUrl: run.html_url ?? null,
  };
}

/** The request fields of a check-run update; keys are whitelisted (the schema allows any). */
function updateParams(update: CheckRunUpdate) {
  const { output } = update;
  return {
    ...(update.completion
      ? {
          status: "completed" as const,
          conclusion: update.completion.conclusion,
          completed_at: update.completion.completedAt,
        }
      : {}),
    output: {
      title: output.title,
      summary: output.summary,
      ...(output.text !== undefined ? { text: output.text } : {}),
      ...(output.annotations && output.annotations.length > 0
        ? { annotations: output.annotations.map((a) => ({ ...a })) }
        : {}),
    },
    ...(update.actions && update.actions.length > 0
      ? { actions: update.actions.map((a) => ({ ...a })) }
      : {}),
    ...(update.detailsUrl ? { details_url: update.detailsUrl } : {}),
    ...(update.externalId !== undefined ? { external_id: update.externalId } : {}),
  };
}
