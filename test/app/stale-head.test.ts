import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

describe("a stale head", () => {
  it("publishes nothing for a head that moved during the scan and completes its run as superseded", async () => {
    const scenario = {
      number: 2,
      headSha: sha("old-head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [{ path: "k8s/capture.yaml", head: manifest("tcpdump-pod.yaml") }],
    };
    const newer = sha("new-head");
    const app = await createTestApp();
    const gh = new FakeGitHub();
    // No GET /app, no comment listing, no review: nock would refuse them.
    const posted = expectPullRequestScan(gh, scenario, {
      headBeforePublish: newer,
      reported: true,
      review: false,
    });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toEqual([]);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("neutral");
    expect(completion?.output?.title).toBe("Superseded by a newer push");
    expect(completion?.output?.summary).toContain(newer.slice(0, 7));
    expect(completion?.output).not.toHaveProperty("annotations");
  });
});
