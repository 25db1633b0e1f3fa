import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const agent = manifest("node-agent-daemonset.yaml");
const web = manifest("web-deployment.yaml");

describe("a privileged block that only moves", () => {
  it("introduces nothing when moved within a file (reordered documents)", async () => {
    const scenario = {
      number: 2,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [
        { path: "deploy/all.yaml", base: `${agent}---\n${web}`, head: `${web}---\n${agent}` },
      ],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: false, review: false });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toEqual([]);
    expect(posted.checkRunUpdates[0]?.conclusion).toBe("success");
    expect(posted.checkRunUpdates[0]?.output?.summary).toMatch(/\| 0 \| 0 \| 1 \| 0 \| 0 \|/);
  });

  it("introduces nothing when moved from a removed file into a new one", async () => {
    const scenario = {
      number: 2,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [
        { path: "deploy/agent.yaml", base: agent, head: null },
        { path: "platform/monitoring.yaml", head: `${web}---\n${agent}` },
      ],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: false, review: false });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toEqual([]);
    // The removed file is read on its base side so the move is recognised.
    expect(posted.blobVariables[0]).toEqual({
      owner: "Codertocat",
      name: "Hello-World",
      e0: `${scenario.mergeBaseSha}:deploy/agent.yaml`,
      e1: `${scenario.headSha}:platform/monitoring.yaml`,
    });
    expect(posted.checkRunUpdates[0]?.conclusion).toBe("success");
  });
});
