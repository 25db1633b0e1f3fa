import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectCommentsInsideHunks, markersIn } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const FILES = 250;

describe("a pull request with 250 files", () => {
  it("lists every page of files, reads them in batches and sends annotations 50 at a time", async () => {
    const pod = manifest("tcpdump-pod.yaml");
    const changes = Array.from({ length: FILES }, (_, i) => {
      const n = String(i).padStart(3, "0");
      return {
        path: `k8s/captures/pod-${n}.yaml`,
        head: pod.replace("name: capture", `name: capture-${n}`),
      };
    });
    const scenario = {
      number: 2,
      headSha: sha("head"),
      baseSha: sha("base"),
      mergeBaseSha: sha("merge-base"),
      changes,
    };
    const app = await createTestApp();
    const gh = new FakeGitHub();
    // 3 pages of files (100, 100, 50); 250 head files in GraphQL batches of 50; 250 annotations in 5 PATCHes.
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: true,
      blobBatches: 5,
      checkRunUpdates: 5,
    });

    await app.receive(pullRequestEvent("synchronize", { ...scenario, changedFiles: FILES }));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.blobVariables.map((v) => Object.keys(v).length - 2)).toEqual([
      50, 50, 50, 50, 50,
    ]);

    const [first, ...more] = posted.checkRunUpdates;
    expect(first).toMatchObject({ status: "completed", conclusion: "failure" });
    expect(first?.output?.annotations).toHaveLength(50);
    expect(more).toHaveLength(4);
    for (const update of more) {
      expect(update.output?.annotations).toHaveLength(50);
      expect(update).not.toHaveProperty("conclusion");
      expect(update.output?.title).toBe(first?.output?.title);
    }
    const annotated = new Set(
      posted.checkRunUpdates.flatMap((u) => (u.output?.annotations ?? []).map((a) => a.path)),
    );
    expect(annotated.size).toBe(FILES);
    expect(Buffer.byteLength(first?.output?.summary ?? "")).toBeLessThanOrEqual(65535);

    // One review: inline comments up to the limit, the others listed (and marked) in the body.
    expect(posted.reviews).toHaveLength(1);
    const [review] = posted.reviews;
    expect(review?.comments).toHaveLength(100);
    expectCommentsInsideHunks(review ?? { commit_id: "", event: "", body: "" }, posted.patches);
    expect(review?.body.length).toBeLessThanOrEqual(65536);
    const listed = markersIn(review?.body ?? "");
    const commented = (review?.comments ?? []).flatMap((c) => markersIn(c.body));
    expect(listed.length).toBeGreaterThan(0);
    expect(listed.filter((m) => commented.includes(m))).toEqual([]);
    expect(review?.body).toMatch(/more findings in the check run|listed below/);
  });
});
