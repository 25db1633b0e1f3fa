/**
 * A 250-file pull request that introduces 55 findings inside its hunks: every one gets its inline
 * comment with its suggestion under the default `review.maxComments` (100); with a lower limit,
 * those past it are listed in the review body and named in the check run.
 */
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
const PRIVILEGED = 55;

/** 250 pods, the first 55 privileged (one finding each, on a line of the added file). */
function scenario() {
  const pod = manifest("tcpdump-pod.yaml");
  const changes = Array.from({ length: FILES }, (_, i) => {
    const n = String(i).padStart(3, "0");
    const named = pod.replace("name: capture", `name: capture-${n}`);
    return {
      path: `k8s/captures/pod-${n}.yaml`,
      head:
        i < PRIVILEGED ? named : named.replace(/\n\s+securityContext:\n\s+privileged: true/, ""),
    };
  });
  return {
    number: 2,
    headSha: sha("head"),
    baseSha: sha("base"),
    mergeBaseSha: sha("merge-base"),
    changes,
  };
}

async function scan(config: string | null) {
  const s = scenario();
  const app = await createTestApp();
  const gh = new FakeGitHub();
  const posted = expectPullRequestScan(gh, s, {
    config,
    reported: true,
    review: true,
    blobBatches: 5,
    checkRunUpdates: 2,
  });
  await app.receive(pullRequestEvent("synchronize", { ...s, changedFiles: FILES }));
  gh.assertDone();
  expect(app.jobErrors).toEqual([]);
  const [review] = posted.reviews;
  if (!review) throw new Error("expected a review");
  expectCommentsInsideHunks(review, posted.patches);
  const annotations = posted.checkRunUpdates.flatMap((u) => u.output?.annotations ?? []);
  expect(annotations).toHaveLength(PRIVILEGED);
  return { review, completion: posted.checkRunUpdates[0] };
}

describe("a 250-file pull request introducing 55 findings in its hunks", () => {
  it("gets 55 inline comments, each with its suggestion, under the default review.maxComments", async () => {
    const { review, completion } = await scan(null);

    expect(review.comments).toHaveLength(PRIVILEGED);
    for (const comment of review.comments ?? []) expect(comment.body).toContain("```suggestion");
    expect(new Set(review.comments?.map((c) => c.path)).size).toBe(PRIVILEGED);
    expect(markersIn(review.body)).toEqual([]);
    expect(review.body).toContain(`${PRIVILEGED} commented inline.`);
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.text ?? "").not.toContain("review.maxComments");
  });

  it("with review.maxComments: 40, lists the other 15 in the review body and the check run", async () => {
    const { review, completion } = await scan("review:\n  maxComments: 40\n");

    expect(review.comments).toHaveLength(40);
    const listed = markersIn(review.body);
    expect(listed).toHaveLength(15);
    const commented = (review.comments ?? []).flatMap((c) => markersIn(c.body));
    expect(new Set([...listed, ...commented]).size).toBe(PRIVILEGED);
    expect(review.body).toContain("40 commented inline, 15 listed below");
    expect(review.body).toContain(
      "over the limit of 40 inline comments per review (`review.maxComments` in the configuration)",
    );
    // The check run names the 15 files whose finding is only in the review body.
    const text = completion?.output?.text ?? "";
    expect(text).toContain(
      "15 new findings past the review's limit of 40 inline comments (`review.maxComments` in the configuration) are listed in the review body",
    );
    const commentedPaths = new Set(review.comments?.map((c) => c.path));
    const named = [...text.matchAll(/^- `(k8s\/captures\/pod-\d{3}\.yaml):\d+`/gm)].map(
      (m) => m[1] ?? "",
    );
    expect(named).toHaveLength(15);
    for (const path of named) expect(commentedPaths.has(path)).toBe(false);
  });
});
