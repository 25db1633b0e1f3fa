import { describe, expect, it } from "@jest/globals";
import nock from "nock";
import { createGitHubClient, isGraphqlRead } from "../../src/app/octokit-options.js";
import { describeError, isTransient } from "../../src/app/http-error.js";
import { useNockGuards } from "./support/nock-guards.js";

useNockGuards();

const API = "https://api.github.com";
const LIMITED = {
  message:
    "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.",
};

function client(options: Parameters<typeof createGitHubClient>[0] = {}) {
  const waits: number[] = [];
  const Octokit = createGitHubClient({
    secondMs: 0,
    writeSpacingMs: 0,
    notificationSpacingMs: 0,
    onRateLimitWait: (seconds) => waits.push(seconds),
    ...options,
  });
  return { octokit: new Octokit({ auth: "installation-token" }), waits };
}

const comment = { owner: "o", repo: "r", issue_number: 1, body: "x" };

describe("the App's GitHub client", () => {
  it("retries a 5xx answer and succeeds", async () => {
    const { octokit } = client();
    nock(API)
      .get("/repos/o/r/pulls/1")
      .reply(502, { message: "Bad Gateway" })
      .get("/repos/o/r/pulls/1")
      .reply(200, { number: 1 });
    const { data } = await octokit.rest.pulls.get({ owner: "o", repo: "r", pull_number: 1 });
    expect(data.number).toBe(1);
  });

  it("gives a hung response up after the request timeout, and retries it", async () => {
    // The retry must answer within the timeout on a loaded CI machine too: 0.6 s, not 0.1 s.
    const { octokit } = client({ requestTimeoutMs: 600 });
    nock(API)
      .get("/repos/o/r/pulls/1")
      .delay(1200)
      .reply(200, { number: 0 })
      .get("/repos/o/r/pulls/1")
      .reply(200, { number: 1 });
    const { data } = await octokit.rest.pulls.get({ owner: "o", repo: "r", pull_number: 1 });
    expect(data.number).toBe(1);
  });

  it("fails after the last attempt with an error the queue counts as transient", async () => {
    const { octokit } = client({ requestTimeoutMs: 50, retries: 1 });
    nock(API).get("/repos/o/r/pulls/1").times(2).delay(1000).reply(200, {});
    const error = await octokit.rest.pulls.get({ owner: "o", repo: "r", pull_number: 1 }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).not.toBeNull();
    expect(isTransient(error)).toBe(true);
    expect(describeError(error)).toMatch(
      /^GitHub answered 500 \(GET \/repos\/o\/r\/pulls\/1\): no answer within 0.05 s$/,
    );
  });

  it("does not retry answers that will not change (404, 422)", async () => {
    const { octokit } = client();
    nock(API).get("/repos/o/r/pulls/1").reply(404, { message: "Not Found" });
    await expect(
      octokit.rest.pulls.get({ owner: "o", repo: "r", pull_number: 1 }),
    ).rejects.toMatchObject({
      status: 404,
    });
  });

  it("waits out a secondary rate limit as retry-after says, at most twice", async () => {
    const { octokit, waits } = client();
    nock(API)
      .post("/repos/o/r/issues/1/comments")
      .reply(403, LIMITED, { "retry-after": "7" })
      .post("/repos/o/r/issues/1/comments")
      .reply(429, LIMITED, { "retry-after": "5" })
      .post("/repos/o/r/issues/1/comments")
      .reply(201, { id: 1 });
    const { data } = await octokit.rest.issues.createComment(comment);
    expect(data.id).toBe(1);
    expect(waits).toEqual([7, 5]);

    nock(API)
      .post("/repos/o/r/issues/1/comments")
      .times(3)
      .reply(403, LIMITED, { "retry-after": "1" });
    await expect(octokit.rest.issues.createComment(comment)).rejects.toMatchObject({ status: 403 });
    expect(waits).toEqual([7, 5, 1, 1]);
  });

  it("does not hold a job for a retry-after beyond the bound", async () => {
    const { octokit, waits } = client({ maxRetryAfterSeconds: 120 });
    nock(API).post("/repos/o/r/issues/1/comments").reply(403, LIMITED, { "retry-after": "3600" });
    await expect(octokit.rest.issues.createComment(comment)).rejects.toMatchObject({ status: 403 });
    expect(waits).toEqual([]);
  });

  it("does not space GraphQL reads as writes", async () => {
    // Writes a minute apart: were reads spaced as writes, the three would take two minutes.
    const { octokit } = client({ writeSpacingMs: 60_000 });
    nock(API)
      .post("/graphql")
      .times(3)
      .reply(200, { data: { repository: { id: "R_1" } } });
    const read = () =>
      octokit.graphql(`query($o: String!) { repository(owner: $o, name: "r") { id } }`, { o: "o" });
    const answers = await Promise.all([read(), read(), read()]);
    expect(answers).toHaveLength(3);
  }, 10_000);

  it("tells GraphQL reads from mutations", () => {
    const read = (query: string) => isGraphqlRead({ url: "/graphql", query });
    expect(read("query($ids: [ID!]!) { nodes(ids: $ids) { id } }")).toBe(true);
    expect(read('  # blobs\n{ repository(owner: "o", name: "r") { id } }')).toBe(true);
    expect(
      read(
        "mutation($id: ID!) { minimizeComment(input: {subjectId: $id, classifier: OUTDATED}) { clientMutationId } }",
      ),
    ).toBe(false);
    expect(read("# query\nmutation { x }")).toBe(false);
    expect(isGraphqlRead({ url: "/repos/o/r/pulls", query: "query { x }" })).toBe(false);
  });
});
