/**
 * A pull request that changes only a chart's values.yaml: the App finds the chart (its Chart.yaml
 * at the head), lists and reads the chart's templates at the head through the same side-reading
 * port, and judges the values through what the templates render them into. The finding lands on
 * the values line, with a suggestion there.
 */
import { describe, expect, it } from "@jest/globals";
import { AGENT_CHART_YAML } from "../support/chart-case.js";
import { pullRequestEvent } from "./support/events.js";
import { Commits } from "./support/fake-changes.js";
import { FakeGitHub } from "./support/fake-github.js";
import { sha } from "./support/fixtures.js";
import { blobReads } from "./support/github-reads.js";
import { useNockGuards } from "./support/nock-guards.js";
import { expectCommentsInsideHunks, suggestionIn } from "./support/review-checks.js";
import { expectPullRequestScan } from "./support/scan-expectations.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const TEMPLATE = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ .Release.Name }}-agent
spec:
  template:
    spec:
      containers:
        - name: agent
          image: "{{ .Values.image }}"
          securityContext:
            privileged: {{ .Values.agent.privileged }}
`;
const BASE = "image: example/agent:1.0\nagent:\n  privileged: false\n  logLevel: info\n";
const HEAD = "image: example/agent:1.0\nagent:\n  privileged: true\n  logLevel: info\n";

const scenario = {
  number: 9,
  headSha: sha("head"),
  baseSha: sha("base"),
  mergeBaseSha: sha("merge-base"),
  changes: [{ path: "charts/agent/values.yaml", base: BASE, head: HEAD }],
};

describe("a pull request that changes only a chart's values.yaml", () => {
  it("reads the chart's templates at the head and comments on the values line", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    // The chart's files at the head that the pull request does not change.
    const commits = Commits.of(scenario.changes, scenario.mergeBaseSha, scenario.headSha)
      .set(scenario.headSha, "charts/agent/Chart.yaml", AGENT_CHART_YAML)
      .set(scenario.headSha, "charts/agent/templates/daemonset.yaml", TEMPLATE);
    const listings = gh.graphql(/tree: object\(expression:/, () => ({
      status: 200,
      body: {
        data: {
          repository: {
            tree: {
              entries: [
                {
                  path: "charts/agent/templates/daemonset.yaml",
                  type: "blob",
                  object: {},
                },
                { path: "charts/agent/templates/NOTES.txt", type: "blob", object: {} },
              ],
            },
          },
        },
      },
    }));
    // The changed file's sides, the Chart.yaml, then the template.
    const reads = blobReads(gh, commits, 3);
    const posted = expectPullRequestScan(gh, scenario, {
      reported: true,
      review: true,
      blobBatches: 0,
    });

    await app.receive(pullRequestEvent("synchronize", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(listings).toEqual([
      expect.objectContaining({ expression: `${scenario.headSha}:charts/agent/templates` }),
    ]);
    expect(reads.map((v) => Object.values(v).filter((x) => String(x).includes(":")))).toEqual([
      [
        `${scenario.mergeBaseSha}:charts/agent/values.yaml`,
        `${scenario.headSha}:charts/agent/values.yaml`,
      ],
      [`${scenario.headSha}:charts/agent/Chart.yaml`],
      [`${scenario.headSha}:charts/agent/templates/daemonset.yaml`],
    ]);
    const [review] = posted.reviews;
    expectCommentsInsideHunks(review ?? { commit_id: "", event: "", body: "" }, posted.patches);
    const comments = review?.comments ?? [];
    expect(comments.map((c) => [c.path, c.line])).toEqual([["charts/agent/values.yaml", 3]]);
    expect(comments[0]?.body).toContain("runs privileged");
    expect(comments[0]?.body).not.toContain("Judged by key name");
    // The fix removes the value the template renders as `privileged:`; nothing else of `agent`.
    expect(suggestionIn(comments[0]?.body ?? "")).toBe("");
    const [completion] = posted.checkRunUpdates;
    expect(completion?.conclusion).toBe("failure");
  });
});
