/**
 * Webhook deliveries built from GitHub's own example payloads (@octokit/webhooks-examples),
 * adapted where the examples fall short: every one gets `installation.id` (without it Probot's
 * `context.octokit` is unauthenticated) and the repository `Codertocat/Hello-World`; the PR
 * comment and the fork pull request come from fixtures in test/fixtures/events (no example has
 * `issue.pull_request`, none is a fork).
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { WebhookDelivery } from "./test-app.js";

type Json = Record<string, unknown>;
interface ExampleGroup {
  readonly name: string;
  readonly examples: (Json & { action?: string; installation?: unknown })[];
}

const require = createRequire(import.meta.url);
const EXAMPLES = JSON.parse(
  readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8"),
) as ExampleGroup[];

export const INSTALLATION = { id: 1, node_id: "MDIzOkludGVncmF0aW9uSW5zdGFsbGF0aW9uMQ==" };

function example(name: string, action: string): Json {
  const group = EXAMPLES.find((g) => g.name === name);
  const found =
    group?.examples.find((e) => e.action === action && e.installation) ??
    group?.examples.find((e) => e.action === action);
  if (!found) throw new Error(`no ${name}.${action} example`);
  return structuredClone(found);
}

function fixture(file: string): Json {
  return JSON.parse(
    readFileSync(new URL(`../../fixtures/events/${file}`, import.meta.url), "utf8"),
  );
}

/** The repository of the pull request examples. */
function repository(): Json {
  return example("pull_request", "opened").repository as Json;
}

function delivery(name: string, payload: Json, id: string = randomUUID()): WebhookDelivery {
  return { id, name, payload: { ...payload, installation: INSTALLATION } };
}

export interface PullRequestEventInput {
  readonly number: number;
  readonly headSha: string;
  readonly baseSha: string;
  /** From the fork fixture (head in `forker/Hello-World`). */
  readonly fork?: boolean;
  readonly id?: string;
  readonly changedFiles?: number;
}

export function pullRequestEvent(
  action: "opened" | "synchronize" | "reopened" | "ready_for_review",
  input: PullRequestEventInput,
): WebhookDelivery {
  const payload = input.fork
    ? fixture("pull-request-opened-from-fork.json")
    : example("pull_request", "opened");
  const pr = payload.pull_request as Json & { head: Json; base: Json };
  payload.action = action;
  payload.number = input.number;
  pr.number = input.number;
  pr.head.sha = input.headSha;
  pr.base.sha = input.baseSha;
  if (input.changedFiles !== undefined) pr.changed_files = input.changedFiles;
  return delivery("pull_request", payload, input.id);
}

export interface CheckRunEventInput {
  readonly checkRunId?: number;
  readonly headSha: string;
  readonly externalId: string;
  readonly name?: string;
  /** For `requested_action`: the button's identifier. */
  readonly identifier?: string;
  readonly id?: string;
}

export function checkRunEvent(
  action: "rerequested" | "requested_action",
  input: CheckRunEventInput,
): WebhookDelivery {
  const payload = example("check_run", action);
  const run = payload.check_run as Json;
  run.id = input.checkRunId ?? 7001;
  run.head_sha = input.headSha;
  run.external_id = input.externalId;
  run.name = input.name ?? "privilege-guard";
  run.pull_requests = [];
  payload.repository = repository();
  if (action === "requested_action")
    payload.requested_action = { identifier: input.identifier ?? "rescan" };
  return delivery("check_run", payload, input.id);
}

export function checkSuiteEvent(input: {
  headSha: string;
  pullNumbers: readonly number[];
  id?: string;
}): WebhookDelivery {
  const payload = example("check_suite", "rerequested");
  const suite = payload.check_suite as Json & { pull_requests: (Json & { head: Json })[] };
  suite.head_sha = input.headSha;
  const template = suite.pull_requests[0];
  suite.pull_requests = input.pullNumbers.map((number) => ({
    ...structuredClone(template),
    number,
    head: { ...template?.head, sha: input.headSha },
  }));
  payload.repository = repository();
  return delivery("check_suite", payload, input.id);
}

export function mergeGroupEvent(input: {
  baseSha: string;
  headSha: string;
  id?: string;
}): WebhookDelivery {
  const payload = example("merge_group", "checks_requested");
  const group = payload.merge_group as Json;
  group.base_sha = input.baseSha;
  group.head_sha = input.headSha;
  payload.repository = repository();
  delete payload.organization;
  return delivery("merge_group", payload, input.id);
}

export interface CommentEventInput {
  readonly body: string;
  readonly login?: string;
  readonly userType?: "User" | "Bot";
  readonly commentId?: number;
  /** False: a comment on a plain issue. */
  readonly onPullRequest?: boolean;
  readonly id?: string;
}

/** `issue_comment.created` on pull request #2 (the fixture), by `login`. */
export function issueCommentEvent(input: CommentEventInput): WebhookDelivery {
  const payload = fixture("issue-comment-created-on-pull-request.json");
  const issue = payload.issue as Json;
  const comment = payload.comment as Json & { user: Json };
  const login = input.login ?? "Codertocat";
  const type = input.userType ?? "User";
  comment.body = input.body;
  comment.id = input.commentId ?? 492700400;
  comment.user = { ...comment.user, login, type };
  payload.sender = { ...(payload.sender as Json), login, type };
  if (input.onPullRequest === false) delete issue.pull_request;
  delete payload.organization;
  return delivery("issue_comment", payload, input.id);
}

/** `installation_repositories.added` (GitHub's example), the repositories set to `fullNames`. */
export function installationRepositoriesAddedEvent(fullNames: readonly string[]): WebhookDelivery {
  const payload = example("installation_repositories", "added");
  const [template] = payload.repositories_added as Json[];
  payload.repositories_added = fullNames.map((fullName, i) => ({
    ...template,
    id: 1000 + i,
    name: fullName.split("/")[1],
    full_name: fullName,
  }));
  return delivery("installation_repositories", payload);
}

/** `installation.created` (GitHub's example). */
export function installationCreatedEvent(): WebhookDelivery {
  return delivery("installation", example("installation", "created"));
}
