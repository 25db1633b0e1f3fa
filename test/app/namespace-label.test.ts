import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { sha } from "./support/fixtures.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectCommentsInsideHunks, suggestionIn } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const namespace = (level: string) => `apiVersion: v1
kind: Namespace
metadata:
  name: payments
  labels:
    team: payments
    pod-security.kubernetes.io/enforce: ${level}
    pod-security.kubernetes.io/warn: restricted
`;

const scenario = (number: number, base: string, head: string) => ({
  number,
  headSha: sha(`head-${number}`),
  baseSha: sha(`base-${number}`),
  mergeBaseSha: sha(`merge-base-${number}`),
  changes: [{ path: "clusters/prod/namespaces/payments.yaml", base, head }],
});

describe("a pull request that changes a Namespace's Pod Security label", () => {
  it("lowered from restricted to baseline: one comment on the label, no suggestion, the check fails per failOn", async () => {
    const change = scenario(41, namespace("restricted"), namespace("baseline"));
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, change, {
      config: "failOn: medium\n",
      reported: true,
      review: true,
    });

    await app.receive(pullRequestEvent("synchronize", change));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toHaveLength(1);
    const [review] = posted.reviews;
    expectCommentsInsideHunks(review ?? { commit_id: "", event: "", body: "" }, posted.patches);
    const comments = review?.comments ?? [];
    expect(comments.map((c) => [c.path, c.start_line ?? c.line, c.line])).toEqual([
      ["clusters/prod/namespaces/payments.yaml", 7, 7],
    ]);
    const body = comments[0]?.body ?? "";
    expect(body).toContain("pod-security-enforce-lowered");
    expect(body).toContain("Namespace `payments` now enforces Pod Security level `baseline`");
    expect(body).toContain("The base side had `restricted`.");
    expect(body).toContain("kubectl label --dry-run=server");
    expect(body).toContain("privilege-guard.io/allow-");
    expect(suggestionIn(body)).toBeNull();

    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.annotations).toEqual([
      expect.objectContaining({
        path: "clusters/prod/namespaces/payments.yaml",
        start_line: 7,
        annotation_level: "failure",
      }),
    ]);
  });

  it("raised from baseline to restricted: no comment, the check passes", async () => {
    const change = scenario(42, namespace("baseline"), namespace("restricted"));
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, change, {
      config: "failOn: medium\n",
      reported: false,
      review: false,
    });

    await app.receive(pullRequestEvent("synchronize", change));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted.reviews).toEqual([]);
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("success");
  });
});
