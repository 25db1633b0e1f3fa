import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const scenario = {
  number: 2,
  headSha: sha("head"),
  baseSha: sha("base"),
  mergeBaseSha: sha("merge-base"),
  changes: [
    { path: "k8s/broken.yaml", head: manifest("broken.yaml") },
    { path: "k8s/web.yaml", head: manifest("web-deployment.yaml") },
  ],
};

describe("a changed manifest that cannot be read", () => {
  it("fails the check by default, naming the file and why", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: false, review: false });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.title).toBe("No new privileged settings, 1 file not read");
    expect(completion?.output?.summary).toContain("`k8s/broken.yaml:13` (`parse-error`)");
    expect(completion?.output?.summary).toContain("`onUnreadable: failure`");
    expect(completion?.output?.annotations?.map((a) => [a.path, a.annotation_level])).toEqual([
      ["k8s/broken.yaml", "failure"],
    ]);
  });

  it("is neutral, never success, when the config says onUnreadable: neutral", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, {
      config: "onUnreadable: neutral\n",
      reported: false,
      review: false,
    });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("neutral");
    expect(completion?.output?.summary).toContain("`k8s/broken.yaml:13` (`parse-error`)");
    expect(completion?.output?.summary).toContain("`onUnreadable: neutral`");
    expect(completion?.output?.annotations?.map((a) => [a.path, a.annotation_level])).toEqual([
      ["k8s/broken.yaml", "warning"],
    ]);
  });
});
