import { describe, expect, it } from "@jest/globals";
import { ProbotOctokit } from "probot";
import { createOctokitPort } from "../../src/app/octokit-port.js";
import { createMemoryRunRegistry } from "../../src/app/queue/run-registry.js";
import { sweepStaleRuns } from "../../src/app/sweeper.js";
import { FakeGitHub } from "./support/fake-github.js";
import { updateCheckRun } from "./support/github-checks.js";
import { useNockGuards } from "./support/nock-guards.js";
import { NOW } from "./support/test-app.js";

useNockGuards();

const MINUTE = 60_000;
const silent = { info() {}, warn() {}, error() {} };

function portFor() {
  const octokit = new ProbotOctokit({
    auth: { token: "installation-token" },
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  return async () => createOctokitPort(octokit);
}

describe("the sweeper", () => {
  it("completes as failed the runs left in progress past the bound, and only those", async () => {
    const registry = createMemoryRunRegistry();
    const run = { installationId: 1, owner: "Codertocat", repo: "Hello-World" };
    await registry.add({ ...run, runId: 77, startedAt: NOW.getTime() - 20 * MINUTE });
    await registry.add({ ...run, runId: 78, startedAt: NOW.getTime() - 2 * MINUTE });
    const gh = new FakeGitHub();
    const update = updateCheckRun(gh, 77);

    const completed = await sweepStaleRuns({
      registry,
      maxAgeMs: 15 * MINUTE,
      now: () => NOW,
      portFor: portFor(),
      log: silent,
    });

    gh.assertDone();
    expect(completed).toBe(1);
    expect(update?.[0]).toMatchObject({
      status: "completed",
      conclusion: "failure",
      completed_at: NOW.toISOString(),
      actions: [{ identifier: "rescan" }],
    });
    expect(update?.[0]?.output?.summary).toContain("did not finish within 15 minutes");
    expect((await registry.startedBefore(NOW.getTime())).map((r) => r.runId)).toEqual([78]);
  });

  it("forgets a run GitHub no longer knows, and keeps one it could not complete", async () => {
    const registry = createMemoryRunRegistry();
    const run = { installationId: 1, owner: "Codertocat", repo: "Hello-World" };
    await registry.add({ ...run, runId: 77, startedAt: 0 });
    await registry.add({ ...run, runId: 79, startedAt: 0 });
    const gh = new FakeGitHub();
    updateCheckRun(gh, 77, 1, { status: 404, body: { message: "Not Found" } });
    updateCheckRun(gh, 79, 1, { status: 502, body: { message: "Bad Gateway" } });

    const completed = await sweepStaleRuns({
      registry,
      maxAgeMs: MINUTE,
      now: () => NOW,
      portFor: portFor(),
      log: silent,
    });

    gh.assertDone();
    expect(completed).toBe(0);
    expect((await registry.startedBefore(NOW.getTime())).map((r) => r.runId)).toEqual([79]);
  });
});
