import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

describe("an invalid YAML file among valid ones", () => {
  it("reports the file as not scanned and still reviews the others", async () => {
    const scenario = {
      number: 2,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [
        { path: "k8s/broken.yaml", head: manifest("broken.yaml") },
        { path: "k8s/capture.yaml", head: manifest("tcpdump-pod.yaml") },
        { path: "k8s/web.yaml", head: manifest("web-deployment.yaml") },
      ],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews[0]?.comments?.map((c) => c.path)).toEqual(["k8s/capture.yaml"]);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.summary).toMatch(/\| 1 \| 1 \| 0 \| 0 \| 1 \|/);
    expect(completion?.output?.summary).toContain("k8s/broken.yaml");
    const annotations = completion?.output?.annotations ?? [];
    expect(annotations.map((a) => [a.path, a.annotation_level])).toEqual([
      ["k8s/capture.yaml", "failure"],
      ["k8s/broken.yaml", "failure"],
    ]);
  });
});
