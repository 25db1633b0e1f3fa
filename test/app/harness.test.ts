/** The test harness itself: it must catch what GitHub would refuse. */
import { describe, expect, it } from "@jest/globals";
import { githubPatch } from "./support/fake-changes.js";
import { FakeGitHub } from "./support/fake-github.js";
import { validateGraphql } from "./support/graphql-check.js";
import { useNockGuards } from "./support/nock-guards.js";
import { commentsOutsideHunks } from "./support/review-checks.js";

useNockGuards();

describe("the review comment check", () => {
  const base = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`)
    .join("\n")
    .concat("\n");
  const head = base.replace("line 10\n", "line 10 changed\n");
  const patches = new Map([["f.yaml", githubPatch(base, head)]]);

  it("accepts lines the hunk shows and refuses others", () => {
    expect(patches.get("f.yaml")).toMatch(/^@@ -7,7 \+7,7 @@/);
    const review = (comment: object) => ({
      commit_id: "x",
      event: "COMMENT",
      body: "b",
      comments: [{ path: "f.yaml", side: "RIGHT", body: "c", line: 10, ...comment }],
    });
    expect(
      commentsOutsideHunks(review({ start_line: 7, start_side: "RIGHT", line: 13 }), patches),
    ).toEqual([]);
    expect(commentsOutsideHunks(review({ line: 14 }), patches)).toEqual([
      "f.yaml:14-14: line 14 is in no hunk",
    ]);
    expect(commentsOutsideHunks(review({ start_line: 10, start_side: "RIGHT" }), patches)).toEqual([
      "f.yaml:10-10: start_line not before line",
    ]);
    expect(commentsOutsideHunks(review({ path: "g.yaml" }), patches)).toEqual([
      "g.yaml:10-10: the file has no patch",
    ]);
  });
});

describe("request validation", () => {
  it("flags a body GitHub's REST schema refuses", async () => {
    const gh = new FakeGitHub();
    gh.expect(
      "PATCH",
      `${gh.repoPath}/check-runs/1`,
      { status: 200, body: {} },
      {
        template: "/repos/{owner}/{repo}/check-runs/{check_run_id}",
      },
    );
    await fetch(`https://api.github.com${gh.repoPath}/check-runs/1`, {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ conclusion: "bogus", output: { summary: "s", extra: 1 } }),
    }).then((r) => r.arrayBuffer());
    expect(() => gh.assertDone()).toThrow(/invalid request bodies/);
    expect(gh.invalid).toEqual([
      "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}: /conclusion must be equal to one of the allowed values; /output must NOT have additional properties (extra)",
    ]);
  });

  it("flags a GraphQL query GitHub's schema refuses, and missing variables", () => {
    expect(validateGraphql("query($id: ID!) { node(id: $id) { id } }", { id: "x" })).toEqual([]);
    const errors = validateGraphql("query($id: ID!) { node(id: $id) { isMinimized } }", {});
    expect(errors).toHaveLength(2);
    expect(errors[0]).toMatch(/^Cannot query field "isMinimized" on type "Node"/);
    expect(errors[1]).toBe("variable $id not given");
  });
});
