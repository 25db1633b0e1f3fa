/**
 * Every GitHub call the App makes, as plain data in and out. `octokit-port.ts` implements it over
 * an installation's Octokit; the jobs (`scan-job.ts`, `command-job.ts`) only see this interface.
 */
import type { ChangeStatus } from "../evaluation/change-entry.js";
import type { ApiReviewComment } from "../report/review.js";

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

export interface PullRequestRef extends RepoRef {
  readonly pullNumber: number;
}

export interface PullRequestInfo {
  readonly number: number;
  readonly state: "open" | "closed";
  readonly headSha: string;
  readonly baseSha: string;
  /** GitHub's count of changed files (the files listing stops at 3,000). */
  readonly changedFiles: number;
  /** Login of the pull request's author. */
  readonly authorLogin: string | null;
  /** The pull request's page (its conversation, where slash commands are written). */
  readonly htmlUrl: string | null;
}

/** One entry of GitHub's changed-files listing (pull request files or a comparison). */
export interface ChangedFileEntry {
  readonly filename: string;
  /** GitHub's file statuses are the evaluation's change statuses, by design. */
  readonly status: ChangeStatus;
  readonly previousFilename?: string;
  /** The unified diff of the file; GitHub leaves it out for binary files and large diffs. */
  readonly patch?: string;
}

export interface Comparison {
  readonly mergeBaseSha: string;
  readonly files: readonly ChangedFileEntry[];
}

/** A file at a commit: `<sha>:<path>`. */
export interface BlobRequest {
  readonly sha: string;
  readonly path: string;
}

export type BlobContent =
  | { readonly kind: "text"; readonly text: string }
  | { readonly kind: "missing" }
  | { readonly kind: "binary" }
  | { readonly kind: "too-large"; readonly byteSize: number };

export type CheckConclusion = "success" | "failure" | "neutral" | "skipped" | "action_required";

export interface CheckAnnotation {
  readonly path: string;
  readonly start_line: number;
  readonly end_line: number;
  /** Only on a single-line annotation. */
  readonly start_column?: number;
  readonly end_column?: number;
  readonly annotation_level: "failure" | "warning" | "notice";
  readonly title: string;
  readonly message: string;
  readonly raw_details?: string;
}

export interface CheckOutputBody {
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly annotations?: readonly CheckAnnotation[];
}

/** A button on a completed check run; GitHub sends `check_run.requested_action` when pressed. */
export interface CheckAction {
  /** ≤ 20 characters. */
  readonly label: string;
  /** ≤ 40 characters. */
  readonly description: string;
  /** ≤ 20 characters. */
  readonly identifier: string;
}

export interface CheckRunCreate {
  readonly name: string;
  readonly headSha: string;
  readonly externalId: string;
  readonly startedAt: string;
}

export interface CheckRunUpdate {
  /** Set on the completing update only. */
  readonly completion?: { readonly conclusion: CheckConclusion; readonly completedAt: string };
  readonly output: CheckOutputBody;
  readonly actions?: readonly CheckAction[];
  /** The page with the details; GitHub asks for one with `action_required`. */
  readonly detailsUrl?: string;
  /** Replaces the run's `external_id` (see `withReviewDue`). */
  readonly externalId?: string;
}

/** A check run as GitHub has it now. */
export interface CheckRunInfo {
  readonly id: number;
  readonly status: "queued" | "in_progress" | "completed" | string;
  readonly externalId: string | null;
  readonly htmlUrl: string | null;
}

export interface CreatedCheckRun {
  readonly id: number;
  readonly htmlUrl: string | null;
}

/** A review, as listed by GitHub. */
export interface ReviewInfo {
  readonly id: number;
  readonly body: string;
  readonly userLogin: string | null;
  /** The commit the review was made on (null for a review GitHub no longer ties to one). */
  readonly commitId: string | null;
}

/** A review comment on a pull request, as listed by GitHub. */
export interface ReviewCommentInfo {
  readonly id: number;
  readonly nodeId: string;
  readonly body: string;
  readonly userLogin: string | null;
  readonly userType: string | null;
  /** The review this comment belongs to. */
  readonly reviewId: number | null;
}

/** A review comment as the port sends it: the review builder's comment without its fingerprint. */
export type ReviewCommentDraft = ApiReviewComment;

export interface ReviewSubmission {
  readonly commitId: string;
  readonly event: "COMMENT";
  readonly body: string;
  readonly comments: readonly ReviewCommentDraft[];
}

/** A comment in a pull request's conversation, as listed by GitHub. */
export interface IssueCommentInfo {
  readonly id: number;
  readonly body: string;
  readonly userLogin: string | null;
  readonly userType: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface OpenPullRequest {
  readonly number: number;
  readonly headSha: string;
}

export type RepositoryPermission = "admin" | "write" | "read" | "none";

export type ReactionContent = "+1" | "eyes" | "confused";

export interface GitHubPort {
  getPullRequest(pr: PullRequestRef): Promise<PullRequestInfo>;
  /** All pages, 100 per page (GitHub stops at 3,000 files). */
  listPullRequestFiles(pr: PullRequestRef): Promise<ChangedFileEntry[]>;
  /** `base...head`: the merge base and GitHub's changed files (at most 300). */
  compareCommits(repo: RepoRef, base: string, head: string): Promise<Comparison>;
  /** Texts of files at commits of this repository, in request order, fetched in batches. */
  readBlobs(repo: RepoRef, requests: readonly BlobRequest[]): Promise<BlobContent[]>;
  /** Paths of the files under a folder at a commit (a Helm chart's templates); none for no folder. */
  listFiles(repo: RepoRef, sha: string, folder: string): Promise<string[]>;
  /**
   * A file on the repository's default branch, or null when GitHub answers 404; throws on any
   * other failure, and when the path is not a file.
   */
  readDefaultBranchFile(repo: RepoRef, path: string): Promise<string | null>;
  /** Open pull requests whose head is this commit. */
  findPullRequestsForCommit(repo: RepoRef, sha: string): Promise<number[]>;
  /** The repositories this installation may access, all pages. */
  listInstallationRepositories(): Promise<RepoRef[]>;
  /** The repository's open pull requests and their heads, all pages. */
  listOpenPullRequests(repo: RepoRef): Promise<OpenPullRequest[]>;
  /** The commit's latest completed check run of this name made by this App, or null. */
  latestCompletedCheckRun(repo: RepoRef, sha: string, name: string): Promise<CheckRunInfo | null>;
  /**
   * The commit's latest check run of this name made by this App that is still in progress, or
   * null: what a scan left when its process died.
   */
  inProgressCheckRun(repo: RepoRef, sha: string, name: string): Promise<CheckRunInfo | null>;
  /** A check run, or null when GitHub answers 404. */
  getCheckRun(repo: RepoRef, checkRunId: number): Promise<CheckRunInfo | null>;
  /**
   * The commit's completed check runs of this name, made by this App, that started at
   * `startedAt` (to the second, as GitHub keeps it): what an earlier request or attempt created
   * without hearing back.
   */
  findCompletedCheckRuns(
    repo: RepoRef,
    sha: string,
    name: string,
    startedAt: string,
  ): Promise<CheckRunInfo[]>;

  createCheckRun(repo: RepoRef, run: CheckRunCreate): Promise<CreatedCheckRun>;
  /**
   * Creates a check run that is already completed, in one request: a scan that finished before
   * its in-progress run was due, or whose in-progress run could not be made or completed.
   */
  createCompletedCheckRun(
    repo: RepoRef,
    run: CheckRunCreate,
    update: CheckRunUpdate & { readonly completion: NonNullable<CheckRunUpdate["completion"]> },
  ): Promise<CreatedCheckRun>;
  updateCheckRun(repo: RepoRef, checkRunId: number, update: CheckRunUpdate): Promise<void>;

  /** All reviews of the pull request, all pages. */
  listReviews(pr: PullRequestRef): Promise<ReviewInfo[]>;
  /** All review comments of the pull request, all pages. */
  listReviewComments(pr: PullRequestRef): Promise<ReviewCommentInfo[]>;
  /** Of these comments (GraphQL node ids), the ones already minimized. */
  minimizedComments(nodeIds: readonly string[]): Promise<Set<string>>;
  minimizeComment(nodeId: string): Promise<void>;
  /** Sent once: a failed attempt may have been created, so callers look before posting again. */
  createReview(pr: PullRequestRef, review: ReviewSubmission): Promise<void>;

  getPermission(repo: RepoRef, username: string): Promise<RepositoryPermission>;
  /** Whether the user is an active member of the team `org/team-slug` (child teams included). */
  isTeamMember(team: string, username: string): Promise<boolean>;
  /** All comments of the pull request's conversation, all pages. */
  listIssueComments(pr: PullRequestRef): Promise<IssueCommentInfo[]>;
  addReaction(repo: RepoRef, commentId: number, content: ReactionContent): Promise<void>;
  createIssueComment(repo: RepoRef, issueNumber: number, body: string): Promise<void>;
}
