import { describe, expect, it } from "@jest/globals";
import { pullRequestEvent } from "./support/events.js";
import { githubFile } from "./support/fake-changes.js";
import { FakeGitHub } from "./support/fake-github.js";
import { manifest, sha } from "./support/fixtures.js";
import { createCheckRun, updateCheckRun } from "./support/github-checks.js";
import {
  appSlug,
  compare,
  configFile,
  installationToken,
  pullRequest,
  pullRequestFiles,
} from "./support/github-reads.js";
import { createReview, reviewComments, reviews } from "./support/github-reviews.js";
import { useNockGuards } from "./support/nock-guards.js";
import { createTestApp } from "./support/test-app.js";

useNockGuards();

const scenario = {
  number: 2,
  headSha: sha("head"),
  baseSha: sha("base"),
  mergeBaseSha: sha("merge-base"),
};
const PATH = "k8s/capture.yaml";
const POD = manifest("tcpdump-pod.yaml");

/** Everything up to the GraphQL read, which answers 200 with a null object for the file. */
function readsUpToNullContents(gh: FakeGitHub) {
  installationToken(gh);
  createCheckRun(gh);
  configFile(gh, null);
  pullRequest(gh, { ...scenario, changedFiles: 1 });
  const files = [githubFile({ path: PATH, head: POD }, gh.repoPath, scenario.headSha)];
  pullRequestFiles(gh, 2, files);
  compare(gh, scenario.baseSha, scenario.headSha, scenario.mergeBaseSha);
  gh.graphql(/object\(expression:/, () => ({
    status: 200,
    body: { data: { repository: { f0: null } } },
  }));
  return files;
}

function contentsAtHead(gh: FakeGitHub, reply: { status: number; body: unknown }): void {
  gh.expect("GET", `${gh.repoPath}/contents/${encodeURIComponent(PATH)}`, reply, {
    template: "/repos/{owner}/{repo}/contents/{path}",
    query: { ref: scenario.headSha },
  });
}

describe("GraphQL answers 200 with a null object for a changed file", () => {
  it("reads the file through the contents API instead, and reviews it", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    const files = readsUpToNullContents(gh);
    contentsAtHead(gh, {
      status: 200,
      body: {
        type: "file",
        encoding: "base64",
        size: Buffer.byteLength(POD),
        name: "capture.yaml",
        path: PATH,
        content: Buffer.from(POD).toString("base64"),
        sha: "c1".repeat(20),
      },
    });
    pullRequest(gh, { ...scenario, changedFiles: 1 });
    appSlug(gh);
    reviewComments(gh, 2, []);
    reviews(gh, 2);
    const patches = new Map(files.map((f): [string, string] => [f.filename, f.patch ?? ""]));
    const posted = createReview(gh, 2, undefined, [], patches);
    const updates = updateCheckRun(gh);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    expect(posted[0]?.comments?.map((c) => c.path)).toEqual([PATH]);
    expect(updates[0]?.conclusion).toBe("failure");
    expect(updates[0]?.output?.title).toBe("1 new privileged setting");
  });

  it("fails the check, naming the file, when the contents API has nothing either", async () => {
    const app = await createTestApp();
    const gh = new FakeGitHub();
    readsUpToNullContents(gh);
    contentsAtHead(gh, { status: 404, body: { message: "Not Found" } });
    pullRequest(gh, { ...scenario, changedFiles: 1 });
    appSlug(gh);
    reviewComments(gh, 2, []);
    const updates = updateCheckRun(gh);

    await app.receive(pullRequestEvent("opened", scenario));

    gh.assertDone();
    expect(app.jobErrors).toEqual([]);
    const [completion] = updates;
    expect(completion?.conclusion).toBe("failure");
    expect(completion?.output?.title).toBe("No new privileged settings, 1 file not read");
    expect(completion?.output?.summary).toContain(
      `\`${PATH}:1\` (\`contents-missing\`): contents not returned by GitHub`,
    );
  });
});
