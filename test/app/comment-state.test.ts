import { describe, expect, it } from "@jest/globals";
import { commentState, ownFindingComments } from "../../src/app/comment-state.js";
import type { ReviewCommentInfo } from "../../src/app/github-port.js";
import { commentMarker, REVIEW_MARKER } from "../../src/report/markers.js";

const APP = "privilege-guard[bot]";
const comment = (id: number, body: string, userLogin = APP): ReviewCommentInfo => ({
  id,
  nodeId: `N${id}`,
  body,
  userLogin,
  userType: userLogin.endsWith("[bot]") ? "Bot" : "User",
});
const FP = {
  kept: "aaaaaaaaaaaaaaaa",
  fixed: "bbbbbbbbbbbbbbbb",
  hidden: "cccccccccccccccc",
  listed: "dddddddddddddddd",
};

describe("the App's earlier comments against the current findings", () => {
  const comments = [
    comment(1, `Privileged.\n\n${commentMarker(FP.kept)}`),
    comment(2, commentMarker(FP.fixed)),
    comment(3, commentMarker(FP.hidden)),
    comment(4, `quoting ${commentMarker(FP.fixed)}`, "alice"),
    comment(5, commentMarker(FP.kept), "other-app[bot]"),
    comment(6, "no marker at all"),
  ];

  it("recognises only its own comments that carry a finding marker", () => {
    expect(ownFindingComments(comments, APP).map((o) => [o.comment.id, o.fingerprint])).toEqual([
      [1, FP.kept],
      [2, FP.fixed],
      [3, FP.hidden],
    ]);
  });

  it("keeps comments on current findings, minimizes the others once, and counts review bodies", () => {
    const state = commentState({
      own: ownFindingComments(comments, APP),
      minimized: new Set(["N3"]),
      reviews: [
        { id: 10, body: `${REVIEW_MARKER}\n${commentMarker(FP.listed)}`, userLogin: APP },
        { id: 11, body: commentMarker(FP.hidden), userLogin: "alice" },
      ],
      appLogin: APP,
      current: new Set([FP.kept, FP.listed, FP.hidden]),
    });
    expect([...state.alreadyCommented].sort()).toEqual([FP.kept, FP.listed]);
    expect(state.outdated.map((c) => c.id)).toEqual([2]);
  });
});
