import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

describe("exceptions", () => {
  it("accepts a config exception and an annotation requested in this PR: listed, not commented, awaiting approval", async () => {
    const config = [
      "exceptions:",
      "  - rule: privileged",
      "    namespace: monitoring",
      "    name: node-agent",
      "    reason: the agent reads host metrics from /dev",
      "",
    ].join("\n");
    const annotated = manifest("tcpdump-pod.yaml").replace(
      "  namespace: debug\n",
      '  namespace: debug\n  annotations:\n    privilege-guard.io/allow-privileged: "packet capture for incident 42"\n',
    );
    const scenario = {
      number: 2,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [
        { path: "deploy/node-agent.yaml", head: manifest("node-agent-daemonset.yaml") },
        { path: "k8s/capture.yaml", head: annotated },
      ],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, {
      config,
      conversation: [],
      reported: false,
      review: false,
    });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toEqual([]);
    const [completion] = posted.checkRunUpdates;
    // The exception the PR requests for itself does not pass on its author's word.
    expect(completion?.conclusion).toBe("action_required");
    expect(completion?.details_url).toBe("https://github.com/Codertocat/Hello-World/pull/2");
    expect(completion?.output?.title).toBe(
      "No new privileged settings, 1 new exception, 1 awaiting approval",
    );
    const summary = completion?.output?.summary ?? "";
    expect(summary).toContain("the agent reads host metrics from /dev");
    expect(summary).toContain("packet capture for incident 42");
    expect(summary).toMatch(/requested in this PR, awaiting approval/i);
    // The exception this PR asks for is pointed out on its line.
    expect(completion?.output?.annotations).toEqual([
      expect.objectContaining({ path: "k8s/capture.yaml", annotation_level: "notice" }),
    ]);
  });
});
