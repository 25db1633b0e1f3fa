import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { markersIn } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const agent = manifest("node-agent-daemonset.yaml");
const scenarioWith = (change: {
  path: string;
  base: string;
  head: string;
  withoutPatch?: boolean;
}) => ({
  number: 2,
  headSha: sha("head"),
  baseSha: sha("base"),
  mergeBaseSha: sha("merge-base"),
  changes: [change],
});

describe("a new finding on lines the diff does not show", () => {
  it("lists it in the review body and the check run, with no inline comment", async () => {
    // Renaming the object makes it a new object: its privileged container (line 23) is new, but
    // the diff only shows the lines around the name (line 4).
    const head = agent.replace("name: node-agent\n  namespace", "name: node-agent-v2\n  namespace");
    const scenario = scenarioWith({ path: "deploy/node-agent.yaml", base: agent, head });
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const patch = posted.patches.get("deploy/node-agent.yaml") ?? "";
    expect(patch).toMatch(/^@@ -1,7 \+1,7 @@/);
    const [review] = posted.reviews;
    expect(review?.comments).toEqual([]);
    expect(review?.body).toContain("deploy/node-agent.yaml:23");
    expect(review?.body).toContain("not part of this pull request's diff");
    expect(markersIn(review?.body ?? "")).toHaveLength(1);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.annotations).toEqual([
      expect.objectContaining({ path: "deploy/node-agent.yaml", start_line: 23, end_line: 23 }),
    ]);
  });

  it("lists it in the body when GitHub sends no patch for the file", async () => {
    const head = `${agent}---\n${manifest("tcpdump-pod.yaml")}`;
    const scenario = scenarioWith({
      path: "deploy/node-agent.yaml",
      base: agent,
      head,
      withoutPatch: true,
    });
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    const [review] = posted.reviews;
    expect(review?.comments).toEqual([]);
    expect(review?.body).toContain("GitHub shows no line-by-line diff for this file");
    expect(posted.checkRunUpdates[0]?.output?.annotations).toHaveLength(1);
  });
});
