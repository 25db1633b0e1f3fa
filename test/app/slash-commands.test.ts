import { describe, expect, it } from "@jest/globals";
import { issueCommentEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { issueComment, permission, reaction } from "./support/github-checks.js";
import { installationToken, pullRequest } from "./support/github-reads.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { capturePodPullRequest } from "./support/scenarios.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const scenario = capturePodPullRequest();

describe("/privilege-guard rescan", () => {
  it("from a user with write permission: reacts and scans the pull request's current head", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    permission(gh, "maintainer-mo", "write");
    const reactions = reaction(gh, 5001);
    pullRequest(gh, scenario);
    const posted = expectPullRequestScan(gh, scenario, {
      token: false,
      reported: true,
      review: true,
    });

    await app.receive(
      issueCommentEvent({
        body: "Config fixed.\n/privilege-guard rescan",
        login: "maintainer-mo",
        commentId: 5001,
      }),
    );

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(reactions).toEqual([{ content: "eyes" }]);
    expect(posted.checkRunCreates[0]?.head_sha).toBe(scenario.headSha);
    expect(posted.reviews).toHaveLength(1);
  });

  it("from a reader: explains why not, checking the permission API (not author_association)", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    permission(gh, "Codertocat", "read");
    const replies = issueComment(gh, 2);

    // The fixture says author_association OWNER; the permission API says read, and wins.
    const event = issueCommentEvent({ body: "/privilege-guard rescan", login: "Codertocat" });
    expect(
      (event.payload as { comment: { author_association: string } }).comment.author_association,
    ).toBe("OWNER");
    await app.receive(event);

    gh.assertDone();
    expect(replies).toHaveLength(1);
    expect(replies[0]?.body).toContain("@Codertocat only people with write access");
    expect(replies[0]?.body).toContain("`read`");
  });

  it("from a bot: ignored, no request at all", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();

    await app.receive(
      issueCommentEvent({
        body: "/privilege-guard rescan",
        login: "privilege-guard[bot]",
        userType: "Bot",
      }),
    );
    await app.receive(
      issueCommentEvent({
        body: "/privilege-guard rescan",
        login: "renovate[bot]",
        userType: "Bot",
      }),
    );

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
  });

  it("on an issue that is not a pull request: ignored", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();

    await app.receive(issueCommentEvent({ body: "/privilege-guard rescan", onPullRequest: false }));

    gh.assertDone();
  });
});

describe("help, explain and other comments", () => {
  it("answers help for anyone, without a permission check", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    const replies = issueComment(gh, 2);

    await app.receive(issueCommentEvent({ body: "/privilege-guard help", login: "drive-by" }));

    gh.assertDone();
    expect(replies[0]?.body).toContain("/privilege-guard rescan");
    expect(replies[0]?.body).toContain("/privilege-guard explain <rule>");
  });

  it("explains a rule by id, and says so for an unknown one", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    const replies = gh.expect<{ body: string }>(
      "POST",
      `${gh.repoPath}/issues/2/comments`,
      { status: 201, body: { id: 1 } },
      { template: "/repos/{owner}/{repo}/issues/{issue_number}/comments", times: 2 },
    );

    await app.receive(
      issueCommentEvent({ body: "/privilege-guard explain privileged", login: "drive-by" }),
    );
    await app.receive(
      issueCommentEvent({ body: "/privilege-guard explain no-such-rule", login: "drive-by" }),
    );

    gh.assertDone();
    expect(replies[0]?.body).toContain("(`privileged`)");
    expect(replies[1]?.body).toContain("has no rule `no-such-rule`");
  });

  it("ignores a comment without a command, quoting one, or hiding one in an HTML comment", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();

    await app.receive(issueCommentEvent({ body: "LGTM, thanks!" }));
    await app.receive(
      issueCommentEvent({ body: "> /privilege-guard rescan\n\nwhy did you ask that?" }),
    );
    // Hidden in an HTML comment: invisible on the rendered page, so it must not run.
    await app.receive(
      issueCommentEvent({ body: "Looks fine.\n<!--\n/privilege-guard rescan\n-->" }),
    );

    gh.assertDone();
  });
});
