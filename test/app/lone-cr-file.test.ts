import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

// Lines ended by lone CRs, as `printf 'apiVersion: v1\rkind: Pod\r…'` or a renderer writes them:
// kubectl reads them as lines; git, and so GitHub's diff, sees one line.
const text = manifest("tcpdump-pod.yaml").replace(/\n/g, "\r");
const scenario = {
  number: 2,
  headSha: sha("head"),
  baseSha: sha("base"),
  mergeBaseSha: sha("merge-base"),
  changes: [{ path: "k8s/capture.yaml", head: text }],
};

describe("a manifest whose lines end in lone CRs", () => {
  it("is scanned, fails the check at the right line, and is reviewed in the body", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.title).toBe("1 new privileged setting");
    expect(completion?.output?.summary).toContain("`k8s/capture.yaml:12`");
    // GitHub's diff has the file as one line: no inline comment, no suggestion on a wrong line.
    const [review] = posted.reviews;
    expect(review?.comments ?? []).toEqual([]);
    expect(review?.body).toContain("k8s/capture.yaml");
    expect(review?.body).not.toContain("```suggestion");
  });

  it("never puts a suggestion on git's one line, even for a finding on the first line", async () => {
    const fragment =
      "containers: [{name: a, image: x, securityContext: {privileged: true}}]\r# end\r";
    const oneLine = { ...scenario, changes: [{ path: "k8s/patch.yaml", head: fragment }] };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, oneLine, { reported: true, review: true });

    await app.receive(pullRequestEvent("opened", oneLine));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.checkRunUpdates[0]?.conclusion).toBe("failure");
    const [review] = posted.reviews;
    expect(review?.comments ?? []).toEqual([]);
    expect(review?.body).toContain("k8s/patch.yaml");
    expect(review?.body).not.toContain("```suggestion");
  });
});
