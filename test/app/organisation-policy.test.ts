/**
 * The organisation's policy (`.github/privilege-guard.yml` in its `.github` repository) is read
 * beside the repository's own file, and a repository cannot loosen it.
 */
import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { createCheckRun, updateCheckRun } from "./support/github-checks.js";
import { configFile, installationToken } from "./support/github-reads.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const annotated = manifest("tcpdump-pod.yaml").replace(
  "  namespace: debug\n",
  '  namespace: debug\n  annotations:\n    privilege-guard.io/allow-privileged: "packet capture for incident 42"\n',
);

const scenario = {
  number: 2,
  headSha: sha("head"),
  baseSha: sha("base"),
  mergeBaseSha: sha("merge-base"),
  changes: [{ path: "k8s/capture.yaml", head: annotated }],
};

describe("an organisation policy that forbids annotation exceptions", () => {
  it("holds although the repository's own file allows them", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, {
      config: "allowAnnotationExceptions: true\nfailOn: critical\n",
      organisationPolicy: "allowAnnotationExceptions: false\nfailOn: high\n",
      reported: true,
      review: true,
    });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews[0]?.comments?.map((c) => c.path)).toEqual(["k8s/capture.yaml"]);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.summary).not.toMatch(/exception requested in this PR/i);
  });
});

describe("an invalid organisation policy", () => {
  it("completes the check as neutral, naming the organisation's file and its errors", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    createCheckRun(gh);
    configFile(gh, "level: baseline\n", "level: strictest\n");
    const updates = updateCheckRun(gh);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [completion] = updates;
    expect(completion?.conclusion).toBe("neutral");
    expect(completion?.output?.title).toBe("Invalid configuration");
    expect(completion?.output?.summary).toContain(
      "organisation policy (Codertocat/.github, .github/privilege-guard.yml): level",
    );
  });
});
