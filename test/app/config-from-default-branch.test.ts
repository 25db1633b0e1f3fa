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

describe("a pull request that edits .github/privilege-guard.yml to disable itself", () => {
  it("is judged by the default branch's config, not its own", async () => {
    const disabling = [
      "paths:",
      "  include: []",
      "failOn: critical",
      "exceptions:",
      "  - rule: privileged",
      "    reason: turning the check off",
      "",
    ].join("\n");
    const scenario = {
      number: 2,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [
        { path: ".github/privilege-guard.yml", base: "failOn: high\n", head: disabling },
        { path: "k8s/capture.yaml", head: manifest("tcpdump-pod.yaml") },
      ],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    // The config is read without a ref (the default branch): nock matches no query string.
    const posted = expectPullRequestScan(gh, scenario, {
      config: "failOn: high\n",
      reported: true,
      review: true,
    });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews[0]?.comments?.map((c) => c.path)).toEqual(["k8s/capture.yaml"]);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.summary).not.toContain("turning the check off");
  });
});

describe("an invalid config on the default branch", () => {
  it("completes the check as neutral with the validation errors, scanning nothing", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const scenario = { number: 2, headSha: sha("head"), baseSha: sha("base") };
    installationToken(gh);
    const created = createCheckRun(gh);
    configFile(gh, "level: strictest\nfailOn: high\nexceptions:\n  - rule: privileged\n");
    const updates = updateCheckRun(gh);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(created).toHaveLength(1);
    expect(updates).toHaveLength(1);
    const [completion] = updates;
    expect(completion?.conclusion).toBe("neutral");
    expect(completion?.output?.title).toBe("Invalid configuration");
    expect(completion?.output?.summary).toContain("level");
    expect(completion?.output?.summary).toContain("exceptions[0].reason");
  });
});
