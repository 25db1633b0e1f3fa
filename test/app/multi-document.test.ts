import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectCommentsInsideHunks } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

describe("a multi-document manifest", () => {
  it("comments only on the new privileged document, on its own lines", async () => {
    const agent = manifest("node-agent-daemonset.yaml");
    const web = manifest("web-deployment.yaml");
    const capture = manifest("tcpdump-pod.yaml");
    const base = `${web}---\n${agent}`;
    const head = `${web}---\n${capture}---\n${agent}`;
    const scenario = {
      number: 2,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [{ path: "deploy/stack.yaml", base, head }],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [review] = posted.reviews;
    expect(review?.comments).toHaveLength(1);
    // The tcpdump pod is the second document: its `privileged: true` is line 12 of it.
    const webLines = web.split("\n").length - 1;
    const line = webLines + 1 + 12;
    expect(head.split("\n")[line - 1]).toBe("        privileged: true");
    expect(review?.comments?.[0]).toMatchObject({ path: "deploy/stack.yaml", line, side: "RIGHT" });
    expect(review?.comments?.[0]?.body).toContain("Container `tcpdump` runs privileged");
    expectCommentsInsideHunks(review ?? { commit_id: "", event: "", body: "" }, posted.patches);
    // The DaemonSet's privileged container was already there: counted, not commented.
    expect(posted.checkRunUpdates[0]?.output?.summary).toMatch(/\| 1 \| 1 \| 1 \| 0 \| 0 \|/);
  });
});
