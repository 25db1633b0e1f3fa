import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectCommentsInsideHunks } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

describe("a renamed file", () => {
  it("reads the base side at the old path, so only what the rename adds is new", async () => {
    const base = manifest("node-agent-daemonset.yaml");
    const head = base.replace(
      "          securityContext:\n            privileged: true\n",
      "          securityContext:\n            privileged: true\n        - name: sidecar\n          image: busybox:1.36\n          securityContext:\n            privileged: true\n",
    );
    expect(head).not.toBe(base);
    const scenario = {
      number: 2,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [
        {
          path: "platform/agents/node-agent.yaml",
          previousPath: "deploy/node-agent.yaml",
          base,
          head,
        },
      ],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.blobVariables).toEqual([
      {
        owner: "Codertocat",
        name: "Hello-World",
        e0: `${scenario.mergeBaseSha}:deploy/node-agent.yaml`,
        e1: `${scenario.headSha}:platform/agents/node-agent.yaml`,
      },
    ]);
    const [review] = posted.reviews;
    expect(review?.comments).toHaveLength(1);
    expect(review?.comments?.[0]?.path).toBe("platform/agents/node-agent.yaml");
    expect(review?.comments?.[0]?.body).toContain("Container `sidecar` runs privileged");
    expectCommentsInsideHunks(review ?? { commit_id: "", event: "", body: "" }, posted.patches);
    expect(posted.checkRunUpdates[0]?.output?.summary).toMatch(/\| 1 \| 1 \| 1 \| 0 \| 0 \|/);
  });
});
