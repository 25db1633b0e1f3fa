import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { FakeGitHub } from "./support/fake-github.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectCommentsInsideHunks, markersIn, suggestionIn } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { capturePodPullRequest } from "./support/scenarios.js";
import { createTestApp, NOW } from "./support/test-app.js";

useNockGuards();

const scenario = capturePodPullRequest();

describe("a pull request that adds a privileged tcpdump pod", () => {
  it("comments with a suggestion that grants only NET_RAW and NET_ADMIN and fails the check", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const posted = expectPullRequestScan(gh, scenario, { reported: true, review: true });

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);

    expect(posted.checkRunCreates).toEqual([
      {
        name: "privilege-guard",
        head_sha: scenario.headSha,
        external_id: "pull-request:2",
        status: "in_progress",
        started_at: NOW.toISOString(),
      },
    ]);

    const [review] = posted.reviews;
    expect(posted.reviews).toHaveLength(1);
    expect(review?.event).toBe("COMMENT");
    expect(review?.commit_id).toBe(scenario.headSha);
    expect(review?.body).toContain("<!-- privilege-guard:review -->");
    expect(review?.comments).toHaveLength(1);
    const [comment] = review?.comments ?? [];
    expect(comment?.path).toBe("k8s/capture.yaml");
    expect(comment?.line).toBe(12);
    expectCommentsInsideHunks(review ?? { commit_id: "", event: "", body: "" }, posted.patches);

    const suggestion = suggestionIn(comment?.body ?? "");
    expect(suggestion).toBe(
      [
        "        capabilities:",
        "          add:",
        "            - NET_RAW",
        "            - NET_ADMIN",
      ].join("\n"),
    );
    expect(markersIn(comment?.body ?? "")).toHaveLength(1);

    const [completion] = posted.checkRunUpdates;
    expect(completion?.status).toBe("completed");
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.completed_at).toBe(NOW.toISOString());
    expect(completion?.output?.title).toBe("1 new privileged setting");
    expect(completion?.output?.annotations).toEqual([
      expect.objectContaining({
        path: "k8s/capture.yaml",
        start_line: 12,
        end_line: 12,
        annotation_level: "failure",
      }),
    ]);
    expect(completion?.actions).toEqual([
      { label: "Re-scan", description: "Scan this commit again", identifier: "rescan" },
    ]);
    // Both sides of the one changed file in one GraphQL query: the file is new, so head only.
    expect(posted.blobVariables).toEqual([
      { owner: "Codertocat", name: "Hello-World", e0: `${scenario.headSha}:k8s/capture.yaml` },
    ]);
  });
});
