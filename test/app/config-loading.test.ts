import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { createCheckRun, updateCheckRun } from "./support/github-checks.js";
import { installationToken } from "./support/github-reads.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const scenario = {
  number: 2,
  headSha: sha("head"),
  baseSha: sha("base"),
  mergeBaseSha: sha("merge-base"),
  changes: [{ path: "k8s/debug.yaml", head: manifest("node-agent-daemonset.yaml") }],
};

describe("reading the configuration", () => {
  it.each([
    [
      "an error answer",
      { status: 403, body: { message: "Resource not accessible by integration" } },
    ],
    ["a directory in the file's place", { status: 200, body: [{ type: "file", name: "x.yml" }] }],
  ])("fails the check closed on %s, never scanning with the defaults", async (_, reply) => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    createCheckRun(gh);
    gh.expect("GET", `${gh.repoPath}/contents/.github%2Fprivilege-guard.yml`, reply, {
      template: "/repos/{owner}/{repo}/contents/{path}",
    });
    // The organisation's policy is read at the same time; it has none.
    gh.expect(
      "GET",
      `/repos/${gh.owner}/.github/contents/.github%2Fprivilege-guard.yml`,
      { status: 404, body: { message: "Not Found" } },
      { template: "/repos/{owner}/{repo}/contents/{path}" },
    );
    const updates = updateCheckRun(gh);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    const [completion] = updates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.title).toBe("Scan failed");
    expect(completion?.output?.summary).toContain(
      "could not read .github/privilege-guard.yml of Codertocat/Hello-World",
    );
    expect(completion?.output?.summary).toContain("does not fall back to the defaults");
  });

  it("reads a config whose anchor is reused 120 times instead of failing the scan", async () => {
    let config = "exceptions:\n";
    config +=
      "  - &e {rule: privileged, reason: reviewed node agent, kind: DaemonSet, name: node-agent}\n";
    for (let i = 0; i < 120; i++) config += "  - *e\n";
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { config, reported: false, review: false });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.output?.title).not.toBe("Scan failed");
    expect(completion?.output?.summary).toContain("reviewed node agent");
  });
});
