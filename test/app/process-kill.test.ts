/**
 * The whole App process as `npm start` runs it (lib/app/main.js: worker threads, the in-process
 * queue, the catch-up on start), against the bench's GitHub stand-in (an HTTP server on
 * 127.0.0.1), killed with SIGKILL in the middle of a scan and started again. The in-process queue
 * died with the process; the catch-up on start lists the installation's repositories and open
 * pull requests, finds the head without a completed `privilege-guard` check run, and scans it to
 * a completed run and its review.
 */
import { afterEach, describe, expect, it } from "@jest/globals";
import { PRIVILEGED_POD } from "../support/manifests.js";

interface StandIn {
  readonly port: number;
  addPullRequest(repo: string, number: number, pr: { headSha: string; files: object[] }): void;
  readonly calls: Map<string, number>;
  readonly completedAt: Map<string, number>;
  readonly reviews: { pull: string; comments: number }[];
  checkRuns(): { name: string; head_sha: string; status: string; conclusion: string | null }[];
  stall(route: string): void;
  release(): void;
  /** Forgets the calls, completions and reviews seen so far. */
  reset(): void;
  close(): Promise<void>;
}

interface AppProcess {
  kill(signal?: string): Promise<void>;
  stop(): Promise<string>;
}

const bench = (file: string) => new URL(`../../bench/${file}`, import.meta.url).href;
const { startGitHubStandIn } = (await import(bench("github-stand-in.js"))) as {
  startGitHubStandIn(options: { installations: number[] }): Promise<StandIn>;
};
const { startApp } = (await import(bench("app-process.js"))) as {
  startApp(options: { githubPort: number; env?: Record<string, string> }): Promise<AppProcess>;
};

const REPO = "acme/platform";
const NUMBER = 12;
const HEAD = "e".repeat(40);
const BLOB_READS = "POST /graphql (blob reads)";

/** An added file as the stand-in registers it: its text and its patch. */
function added(path: string, text: string) {
  const lines = text.split("\n").slice(0, -1);
  const patch = `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`;
  return { path, status: "added", head: text, patch, additions: lines.length };
}

async function until(condition: () => boolean, what: string, timeoutMs = 40_000): Promise<void> {
  const began = Date.now();
  while (!condition()) {
    if (Date.now() - began > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const cleanup: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step().catch(() => {});
});

describe("the App's process killed with SIGKILL mid-scan (in-process queue)", () => {
  it("completes the pull request's check run and posts its review after the restart, through the catch-up on start", async () => {
    const github = await startGitHubStandIn({ installations: [1] });
    cleanup.push(() => github.close());
    github.addPullRequest(REPO, NUMBER, {
      headSha: HEAD,
      files: [added("deploy/debug.yaml", PRIVILEGED_POD)],
    });
    // GitHub stops answering the scan's file reads: the scan is stuck mid-way, its check run in
    // progress (created at once), when the process is killed.
    github.stall(BLOB_READS);
    const env = { PRIVILEGE_GUARD_IN_PROGRESS_DELAY_MS: "0" };
    const first = await startApp({ githubPort: github.port, env });
    cleanup.push(() => first.kill());
    await until(() => (github.calls.get(BLOB_READS) ?? 0) > 0, "the scan's file reads");
    expect(github.checkRuns()).toEqual([
      expect.objectContaining({ name: "privilege-guard", head_sha: HEAD, status: "in_progress" }),
    ]);
    await first.kill("SIGKILL");
    expect(github.completedAt.has(HEAD)).toBe(false);
    github.reset();
    github.release();

    const second = await startApp({ githubPort: github.port, env });
    cleanup.push(() => second.stop());
    await until(() => github.completedAt.has(HEAD), "the check run completed");
    await until(() => github.reviews.length > 0, "the review");

    // The killed scan's run, completed by the new scan: no second run beside it, none left in
    // progress (the in-process registry of runs died with the process; the catch-up found it).
    expect(github.checkRuns().filter((r) => r.head_sha === HEAD)).toEqual([
      expect.objectContaining({
        name: "privilege-guard",
        status: "completed",
        conclusion: "failure",
      }),
    ]);
    expect(github.reviews).toEqual([{ pull: `${REPO}#${NUMBER}`, comments: 1 }]);
    // The restarted process's catch-up read what it needed: the installations, their
    // repositories, the open pull requests and the head's runs (none completed, one in progress).
    for (const route of [
      "GET /app/installations",
      "GET /installation/repositories",
      "GET /repos/{o}/{r}/pulls",
      "GET /repos/{o}/{r}/commits/{ref}/check-runs",
    ]) {
      expect(github.calls.get(route)).toBeGreaterThan(0);
    }
  }, 90_000);
});
