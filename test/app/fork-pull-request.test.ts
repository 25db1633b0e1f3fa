import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

describe("a pull request from a fork", () => {
  it("reads the head from the base repository at the head SHA, never from the fork", async () => {
    const scenario = {
      number: 2,
      headSha: sha("fork-head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      forkOwner: "forker",
      changes: [{ path: "k8s/capture.yaml", head: manifest("tcpdump-pod.yaml") }],
    };
    const app = await createTestApp();
    // Every request goes to the base repository Codertocat/Hello-World (nock refuses others).
    const gh = new FakeGitHub("Codertocat", "Hello-World");
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    const event = pullRequestEvent("opened", { ...scenario, fork: true });
    const payload = event.payload as { pull_request: { head: { repo: { full_name: string } } } };
    expect(payload.pull_request.head.repo.full_name).toBe("forker/Hello-World");
    await app.receive(event);

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.blobVariables).toEqual([
      { owner: "Codertocat", name: "Hello-World", e0: `${scenario.headSha}:k8s/capture.yaml` },
    ]);
    expect(posted.checkRunCreates[0]).toMatchObject({
      head_sha: scenario.headSha,
      external_id: "pull-request:2",
    });
    expect(posted.reviews[0]?.commit_id).toBe(scenario.headSha);
    expect(posted.checkRunUpdates[0]?.conclusion).toBe("failure");
  });
});
