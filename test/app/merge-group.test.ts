import { describe, expect, it } from "@jest/globals";
import { mergeGroupEvent } from "./support/events.js";
import { Commits, githubFile } from "./support/fake-changes.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { createCheckRun, updateCheckRun } from "./support/github-checks.js";
import { blobReads, compare, configFile, installationToken } from "./support/github-reads.js";
import { useNockGuards } from "./support/nock-guards.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

describe("a merge group", () => {
  it("scans base_sha...head_sha and completes a check run, without any review", async () => {
    const baseSha = sha("queue-base");
    const headSha = sha("queue-head");
    const changes = [
      { path: "deploy/node-agent.yaml", head: manifest("node-agent-daemonset.yaml") },
      { path: "k8s/web.yaml", head: manifest("web-deployment.yaml") },
    ];
    const app = await createTestApp();
    const gh = new FakeGitHub();
    installationToken(gh);
    const created = createCheckRun(gh);
    configFile(gh, null);
    compare(
      gh,
      baseSha,
      headSha,
      baseSha,
      changes.map((c) => githubFile(c, gh.repoPath, headSha)),
    );
    const reads = blobReads(gh, Commits.of(changes, baseSha, headSha));
    const updates = updateCheckRun(gh);

    await app.receive(mergeGroupEvent({ baseSha, headSha }));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(created).toEqual([
      expect.objectContaining({
        head_sha: headSha,
        external_id: `merge-group:${baseSha}`,
        status: "in_progress",
      }),
    ]);
    expect(reads).toEqual([
      {
        owner: "Codertocat",
        name: "Hello-World",
        e0: `${headSha}:deploy/node-agent.yaml`,
        e1: `${headSha}:k8s/web.yaml`,
      },
    ]);
    const [completion] = updates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.annotations).toEqual([
      expect.objectContaining({ path: "deploy/node-agent.yaml", start_line: 23 }),
    ]);
  });
});
