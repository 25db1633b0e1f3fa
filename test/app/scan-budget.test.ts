/**
 * Scans run in worker threads within a budget of time and memory: past it, the check fails
 * closed with the reason and a Re-scan button, and the process (its event loop, `/healthz`)
 * carries on. The workers run the build's modules (`npm run build`, as `npm test` does first).
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "@jest/globals";
import nock from "nock";
import { type PureRunner, pureFunction } from "../../src/app/pure-function.js";
import { createWorkerPool, type ScanBudget } from "../../src/app/worker-pool.js";
import { pullRequestEvent } from "./support/events.js";
import { Commits, githubFile } from "./support/fake-changes.js";
import { FakeGitHub } from "./support/fake-github.js";
import { sha } from "./support/fixtures.js";
import { CHECK_RUN_ID, createCheckRun, updateCheckRun } from "./support/github-checks.js";
import {
  blobReads,
  compare,
  configFile,
  installationToken,
  pullRequest,
  pullRequestFiles,
} from "./support/github-reads.js";
import { useNockGuards } from "./support/nock-guards.js";
import { createTestApp, type TestApp } from "./support/test-app.js";

useNockGuards();

/** 500 privileged Deployments in one file (113 KB): seconds of evaluation. */
function manyPrivilegedDeployments(): string {
  return Array.from(
    { length: 500 },
    (_, i) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent-${i}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: example/agent:1
          securityContext:
            privileged: true
`,
  ).join("---\n");
}

/** One privileged pod whose container has 6,500 environment variables (446 KB of JSON). */
function podWithHugeEnv(): string {
  const env = Array.from({ length: 6500 }, (_, i) => ({ name: `VAR_${i}`, value: `value-${i}` }));
  const pod = {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: "big" },
    spec: { containers: [{ name: "app", image: "x", env, securityContext: { privileged: true } }] },
  };
  return JSON.stringify(pod, null, 1);
}

let pool: PureRunner | null = null;
let health: Server | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
  await new Promise((resolve) => (health ? health.close(resolve) : resolve(undefined)));
  health = null;
});

/** The App's own `/healthz` handler on a local port. */
async function serveHealth(app: TestApp): Promise<string> {
  health = createServer((req, res) => {
    if (!app.handlers.some((h) => h(req, res))) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => health?.listen(0, "127.0.0.1", resolve));
  nock.enableNetConnect("127.0.0.1");
  return `http://127.0.0.1:${(health.address() as AddressInfo).port}/healthz`;
}

/** A pull request adding `path` with `text`: the GitHub requests up to a failed evaluation. */
function scanUntilEvaluation(gh: FakeGitHub, path: string, text: string) {
  const s = { number: 2, headSha: sha("head"), baseSha: sha("base"), mergeBaseSha: sha("mb") };
  const changes = [{ path, head: text }];
  installationToken(gh);
  createCheckRun(gh);
  configFile(gh, null);
  pullRequest(gh, s);
  pullRequestFiles(
    gh,
    2,
    changes.map((c) => githubFile(c, gh.repoPath, s.headSha)),
  );
  compare(gh, s.baseSha, s.headSha, s.mergeBaseSha);
  blobReads(gh, Commits.of(changes, s.mergeBaseSha, s.headSha));
  return { scenario: s, updates: updateCheckRun(gh, CHECK_RUN_ID) };
}

/** An evaluation that never returns (test/fixtures/workers/spin.mjs): past any time budget. */
const SPIN = pureFunction<unknown, never>(
  new URL("../fixtures/workers/spin.mjs", import.meta.url),
  "spin",
  () => {
    throw new Error("runs only in a worker");
  },
);

/**
 * Scans a pull request adding `path` with `text` in a worker pool with `budget`; with `spin`, the
 * worker runs an evaluation that never ends instead of the App's, so that the time budget is
 * crossed whatever the machine's speed.
 */
async function scanWithBudget(budget: ScanBudget, path: string, text: string, spin = false) {
  const workers = createWorkerPool(budget);
  pool = workers;
  let evaluating = false;
  const watched: PureRunner = {
    async run(pure, input) {
      evaluating = true;
      try {
        return spin ? ((await workers.run(SPIN, input)) as never) : await workers.run(pure, input);
      } finally {
        evaluating = false;
      }
    },
    close: () => workers.close(),
  };
  const app = await createTestApp({ pure: watched });
  const url = await serveHealth(app);
  const gh = new FakeGitHub();
  const { scenario, updates } = scanUntilEvaluation(gh, path, text);
  let finished = false;
  const scan = app.receive(pullRequestEvent("opened", scenario)).finally(() => {
    finished = true;
  });
  while (!evaluating && !finished) await new Promise((resolve) => setTimeout(resolve, 10));
  // While the worker evaluates, the event loop answers.
  const answered = await fetch(url);
  const healthyDuringScan = answered.status === 200 && evaluating;
  await scan;
  gh.assertDone();
  return { app, completion: updates[0], healthyDuringScan };
}

describe("a scan past its budget", () => {
  it("of time: the check fails closed with the reason and a Re-scan button; /healthz answers meanwhile", async () => {
    const budget = { timeoutMs: 1500, memoryMb: 512, threads: 1, warmThreads: 0 };
    const { app, completion, healthyDuringScan } = await scanWithBudget(
      budget,
      "k8s/agents.yaml",
      manyPrivilegedDeployments(),
      true,
    );

    expect(app.jobErrors).toEqual([]);
    expect(healthyDuringScan).toBe(true);
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.title).toBe("Scan failed");
    expect(completion?.output?.summary).toContain(
      "the evaluation took longer than its time budget of 1500 ms (PRIVILEGE_GUARD_SCAN_TIMEOUT_MS)",
    );
    expect(completion?.actions).toEqual([
      { label: "Re-scan", description: "Scan this commit again", identifier: "rescan" },
    ]);
  });

  it("of memory: the check fails closed with the reason, the worker dies, the process does not", async () => {
    const budget = { timeoutMs: 120_000, memoryMb: 32, threads: 1, warmThreads: 0 };
    const { completion, healthyDuringScan } = await scanWithBudget(
      budget,
      "k8s/big.json",
      podWithHugeEnv(),
    );

    expect(healthyDuringScan).toBe(true);
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.summary).toContain(
      "the evaluation needed more than its memory budget of 32 MB (PRIVILEGE_GUARD_SCAN_MEMORY_MB)",
    );
    // The pool replaces the dead thread: the next evaluation runs.
    const { EVALUATE_CHANGE } = await import("../../src/app/read-change.js");
    const { defaultConfig } = await import("../../src/config/index.js");
    const input = { files: [], contents: [], config: defaultConfig(), options: {} };
    const next = await pool?.run(EVALUATE_CHANGE, input);
    expect(next?.reported).toEqual([]);
  });
});
