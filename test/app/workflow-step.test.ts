import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectCommentsInsideHunks, markersIn, suggestionIn } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const BASE = [
  "name: ci",
  "on: pull_request",
  "jobs:",
  "  test:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - uses: actions/checkout@v4",
  "      - name: Unit tests",
  "        run: make test",
  "",
].join("\n");

const HEAD = [
  "name: ci",
  "on: pull_request",
  "jobs:",
  "  test:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - uses: actions/checkout@v4",
  "      - name: Capture traffic",
  "        run: |",
  '          echo "docker run --privileged is not run here"',
  "          docker run --rm \\",
  "            --privileged \\",
  "            nicolaka/netshoot tcpdump -c 100",
  "      - name: Unit tests",
  "        run: make test",
  "",
].join("\n");

describe("a pull request that adds a workflow step running a privileged container", () => {
  it("comments on the flag with a --cap-add suggestion and fails the check", async () => {
    const scenario = {
      number: 7,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes: [{ path: ".github/workflows/ci.yml", base: BASE, head: HEAD }],
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [review] = posted.reviews;
    expect(posted.reviews).toHaveLength(1);
    expect(review?.comments).toHaveLength(1);
    const [comment] = review?.comments ?? [];
    expect(comment?.path).toBe(".github/workflows/ci.yml");
    expect(comment?.line).toBe(12);
    expect(comment?.body).toContain(
      "job `test`, step `Capture traffic`, `docker run` runs privileged",
    );
    expectCommentsInsideHunks(review ?? { commit_id: "", event: "", body: "" }, posted.patches);
    expect(suggestionIn(comment?.body ?? "")).toBe(
      "            --cap-add=NET_RAW --cap-add=NET_ADMIN \\",
    );
    expect(markersIn(comment?.body ?? "")).toHaveLength(1);

    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.annotations).toEqual([
      expect.objectContaining({
        path: ".github/workflows/ci.yml",
        start_line: 12,
        end_line: 12,
        annotation_level: "failure",
      }),
    ]);
  });
});
