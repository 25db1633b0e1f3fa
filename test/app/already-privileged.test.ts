import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

describe("a change to a file that was already privileged", () => {
  it("posts no review and passes, counting the setting as pre-existing", async () => {
    const base = manifest("node-agent-daemonset.yaml");
    const head = base.replace("node-agent:1.4.2", "node-agent:1.5.0");
    const scenario = {
      number: 2,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [{ path: "deploy/node-agent.yaml", base, head }],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: false, review: false });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toEqual([]);
    // Base at the merge base, head at the head commit, in one query.
    expect(posted.blobVariables).toEqual([
      {
        owner: "Codertocat",
        name: "Hello-World",
        e0: `${scenario.mergeBaseSha}:deploy/node-agent.yaml`,
        e1: `${scenario.headSha}:deploy/node-agent.yaml`,
      },
    ]);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("success");
    expect(completion?.output?.title).toBe("No new privileged settings");
    expect(completion?.output?.summary).toMatch(/\| 0 \| 0 \| 1 \| 0 \| 0 \|/);
    expect(completion?.output).not.toHaveProperty("annotations");
  });
});
