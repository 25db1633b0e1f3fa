import { describe, expect, it } from "@jest/globals";
import { issueCommentEvent, pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { issueComment, permission, reaction } from "./support/github-checks.js";
import { Commits, githubFile } from "./support/fake-changes.js";
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
} from "./support/github-reads.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { APP_LOGIN, createTestApp } from "./support/test-app.js";

useNockGuards();

/** The pull request adds a privileged pod with its own exception annotation. */
function annotated(reason: string): string {
  return manifest("tcpdump-pod.yaml").replace(
    "  namespace: debug\n",
    `  namespace: debug\n  annotations:\n    privilege-guard.io/allow-privileged: "${reason}"\n`,
  );
}

const REASON = "packet capture for incident 42";
const scenario = (reason = REASON) => ({
  number: 2,
  headSha: sha("head"),
  baseSha: sha("base"),
  mergeBaseSha: sha("merge-base"),
  author: "octocat",
  changes: [{ path: "k8s/capture.yaml", head: annotated(reason) }],
});
const COMMAND = "/privilege-guard approve privileged Pod/debug/capture";
const COMMENTED_AT = "2024-05-01T11:30:00Z";

/** An approve comment by `login`; the App answers it on pull request #2. */
function approveEvent(login: string, body = COMMAND) {
  const event = issueCommentEvent({ body, login, commentId: 7001 });
  (event.payload as { comment: { created_at: string } }).comment.created_at = COMMENTED_AT;
  return event;
}

/** The approval reply the App posted, as its conversation lists it afterwards. */
function recorded(body: string, edited = false, id = 8001): ConversationComment {
  return {
    id,
    body,
    login: APP_LOGIN,
    createdAt: "2024-05-01T11:31:00Z",
    updatedAt: edited ? "2024-05-01T11:40:00Z" : "2024-05-01T11:31:00Z",
  };
}

/**
 * What an approve command reads after checking its author: the change at the current head
 * (files, merge base, contents) and the conversation's approval records.
 */
function expectApproveEvaluation(
  gh: FakeGitHub,
  s: ReturnType<typeof scenario>,
  conversation: readonly ConversationComment[] = [],
): void {
  pullRequestFiles(
    gh,
    s.number,
    s.changes.map((c) => githubFile(c, gh.repoPath, s.headSha)),
  );
  compare(gh, s.baseSha, s.headSha, s.mergeBaseSha);
  blobReads(gh, Commits.of(s.changes, s.mergeBaseSha, s.headSha));
  issueComments(gh, s.number, conversation);
}

/** The App's replies, as its conversation lists them once posted. */
function asConversation(replies: readonly { body: string }[]): () => ConversationComment[] {
  return () => replies.map((r, i) => recorded(r.body, false, 8001 + i));
}

/** Approves the scenario's exception as `maintainer-mo`; returns the App's approval reply. */
async function approveOnce(): Promise<string> {
  const app = await createTestApp();
  const gh = new FakeGitHub();
  installationToken(gh);
  pullRequest(gh, scenario());
  configFile(gh, null);
  permission(gh, "maintainer-mo", "write");
  reaction(gh, 7001);
  expectApproveEvaluation(gh, scenario());
  const replies = issueComment(gh, 2);
  expectPullRequestScan(gh, scenario(), {
    token: false,
    conversation: asConversation(replies),
    reported: false,
    review: false,
  });
  await app.receive(approveEvent("maintainer-mo"));
  gh.assertDone();
  return replies[0]?.body ?? "";
}

describe("an exception the pull request requests for itself", () => {
  it("keeps the check at action_required, saying what awaits approval and how to approve it", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario(), {
      conversation: [],
      reported: false,
      review: false,
    });

    await app.receive(pullRequestEvent("opened", scenario()));

    gh.assertDone();
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("action_required");
    expect(completion?.details_url).toBe("https://github.com/Codertocat/Hello-World/pull/2");
    const summary = completion?.output?.summary ?? "";
    expect(summary).toContain("### Exceptions awaiting approval");
    expect(summary).toContain(`\`${COMMAND}\``);
    expect(summary).toContain(REASON);
    expect(summary).toContain("other than the pull request's author");
  });

  it("concludes failure instead when the config says so", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario(), {
      config: "exceptionApproval:\n  conclusion: failure\n",
      conversation: [],
      reported: false,
      review: false,
    });

    await app.receive(pullRequestEvent("opened", scenario()));

    gh.assertDone();
    expect(posted.checkRunUpdates[0]?.conclusion).toBe("failure");
  });

  it("is approved by a writer who is not the author: recorded in a reply, the check passes and says who and when", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    pullRequest(gh, scenario());
    configFile(gh, null);
    permission(gh, "maintainer-mo", "write");
    const reactions = reaction(gh, 7001);
    expectApproveEvaluation(gh, scenario());
    const replies = issueComment(gh, 2);
    const posted = expectPullRequestScan(gh, scenario(), {
      token: false,
      conversation: asConversation(replies),
      reported: false,
      review: false,
    });

    await app.receive(approveEvent("maintainer-mo"));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(reactions).toEqual([{ content: "eyes" }]);
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain("@maintainer-mo approved this exception");
    expect(replies[0]?.body).toMatch(/<!-- privilege-guard:approval:[A-Za-z0-9_-]+ -->/);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("success");
    expect(completion?.details_url).toBeUndefined();
    const summary = completion?.output?.summary ?? "";
    expect(summary).toContain("approved by @maintainer-mo on 2024-05-01 11:30 UTC");
    expect(summary).not.toContain("### Exceptions awaiting approval");
  });

  it("keeps its approval on the next push, read from the App's record in the conversation", async () => {
    const record = await approveOnce();
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario(), {
      conversation: [
        { id: 7001, body: COMMAND, login: "maintainer-mo", createdAt: COMMENTED_AT },
        recorded(record),
      ],
      reported: false,
      review: false,
    });

    await app.receive(pullRequestEvent("synchronize", scenario()));

    gh.assertDone();
    expect(posted.checkRunUpdates[0]?.conclusion).toBe("success");
    expect(posted.checkRunUpdates[0]?.output?.summary).toContain("approved by @maintainer-mo");
  });

  it("needs a new approval when its reason changes, or when the record was edited or forged", async () => {
    const record = await approveOnce();
    const cases: [string, ReturnType<typeof scenario>, ConversationComment[]][] = [
      ["changed reason", scenario("now also for incident 43"), [recorded(record)]],
      ["edited record", scenario(), [recorded(record, true)]],
      ["forged record", scenario(), [{ ...recorded(record), login: "octocat" }]],
      // A human's approve comment alone is not a record: the App writes one when it approves.
      ["command only", scenario(), [{ id: 7001, body: COMMAND, login: "maintainer-mo" }]],
    ];
    for (const [what, changed, conversation] of cases) {
      const app = await createTestApp();
      const gh = new FakeGitHub();
      const posted = expectPullRequestScan(gh, changed, {
        conversation,
        reported: false,
        review: false,
      });
      await app.receive(pullRequestEvent("synchronize", changed));
      gh.assertDone();
      expect([what, posted.checkRunUpdates[0]?.conclusion]).toEqual([what, "action_required"]);
    }
  });

  it("is not approved by its author, nor by a reader: each is told why, nothing is scanned", async () => {
    for (const [login, level, expected] of [
      ["octocat", null, "other than its author"],
      ["drive-by", "read", "only people with write access to this repository"],
    ] as const) {
      const app = await createTestApp();
      const gh = new FakeGitHub();
      installationToken(gh);
      pullRequest(gh, scenario());
      configFile(gh, null);
      if (level) permission(gh, login, level);
      const replies = issueComment(gh, 2);

      await app.receive(approveEvent(login));

      gh.assertDone();
      expect(replies[0]?.body).toContain(`@${login}`);
      expect(replies[0]?.body).toContain(expected);
    }
  });

  it("is approved by a member of a configured team; without Members: read the App says so", async () => {
    const config =
      "exceptionApproval:\n  approvers:\n    writers: false\n    teams: [acme/platform-security]\n";
    const membership = (gh: FakeGitHub, status: number, body: object) =>
      gh.expect(
        "GET",
        "/orgs/acme/teams/platform-security/memberships/sec-sam",
        { status, body },
        { template: "/orgs/{org}/teams/{team_slug}/memberships/{username}" },
      );

    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    pullRequest(gh, scenario());
    configFile(gh, config);
    membership(gh, 200, { state: "active", role: "member", url: "https://example.invalid" });
    reaction(gh, 7001);
    expectApproveEvaluation(gh, scenario());
    const replies = issueComment(gh, 2);
    const posted = expectPullRequestScan(gh, scenario(), {
      token: false,
      config,
      conversation: asConversation(replies),
      reported: false,
      review: false,
    });
    await app.receive(approveEvent("sec-sam"));
    gh.assertDone();
    expect(replies[0]?.body).toContain("@sec-sam approved");
    expect(posted.checkRunUpdates[0]?.conclusion).toBe("success");

    const app2 = await createTestApp();
    const gh2 = new FakeGitHub();
    installationToken(gh2);
    pullRequest(gh2, scenario());
    configFile(gh2, config);
    membership(gh2, 403, { message: "Resource not accessible by integration" });
    const refusals = issueComment(gh2, 2);
    await app2.receive(approveEvent("sec-sam"));
    gh2.assertDone();
    expect(refusals[0]?.body).toContain("members of `acme/platform-security`");
    expect(refusals[0]?.body).toContain("Members: read");
  });

  it("answers a command that names nothing awaiting approval with what does; nothing is scanned", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    pullRequest(gh, scenario());
    configFile(gh, null);
    permission(gh, "maintainer-mo", "admin");
    reaction(gh, 7001);
    expectApproveEvaluation(gh, scenario());
    appSlug(gh);
    const replies = issueComment(gh, 2);

    await app.receive(
      approveEvent("maintainer-mo", "/privilege-guard approve privileged Pod/other"),
    );

    gh.assertDone();
    expect(replies[0]?.body).toContain("Nothing awaiting approval");
    expect(replies[0]?.body).toContain(`\`${COMMAND}\``);
    expect(replies[0]?.body).not.toContain("privilege-guard:approval:");
  });
});
