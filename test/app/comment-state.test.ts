import { describe, expect, it } from "@jest/globals";
import {
  commentState,
  ownFindingComments,
  reviewPostedOnHead,
} from "../../src/app/comment-state.js";
import type { ReviewCommentInfo } from "../../src/app/github-port.js";
import { commentMarker, REVIEW_MARKER } from "../../src/report/markers.js";

const APP = "privilege-guard[bot]";
const comment = (
  id: number,
  body: string,
  userLogin = APP,
  reviewId: number | null = null,
): ReviewCommentInfo => ({
  id,
  nodeId: `N${id}`,
  body,
  userLogin,
  userType: userLogin.endsWith("[bot]") ? "Bot" : "User",
  reviewId,
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
        {
          id: 10,
          body: `${REVIEW_MARKER}\n${commentMarker(FP.listed)}`,
          userLogin: APP,
          commitId: "h1",
        },
        { id: 11, body: commentMarker(FP.hidden), userLogin: "alice", commitId: "h1" },
      ],
      appLogin: APP,
      current: new Set([FP.kept, FP.listed, FP.hidden]),
    });
    expect([...state.alreadyCommented].sort()).toEqual([FP.kept, FP.listed]);
    expect(state.outdated.map((c) => c.id)).toEqual([2]);
  });
});

describe("a review whose POST lost its answer", () => {
  const HEAD = "1111111111111111111111111111111111111111";
  const review = (id: number, body: string, commitId = HEAD, userLogin = APP) => ({
    id,
    body,
    userLogin,
    commitId,
  });
  const posted = {
    reviews: [review(30, `${REVIEW_MARKER}\n${commentMarker(FP.listed)}`)],
    comments: [comment(31, commentMarker(FP.kept), APP, 30)],
    appLogin: APP,
    headSha: HEAD,
  };

  it("is found on the head by its body's and its comments' markers", () => {
    expect(reviewPostedOnHead({ ...posted, fingerprints: new Set([FP.kept, FP.listed]) })).toBe(
      true,
    );
  });

  it("is not found when a marker is missing, on another head, or by someone else", () => {
    const all = new Set([FP.kept, FP.listed]);
    expect(reviewPostedOnHead({ ...posted, fingerprints: new Set([...all, FP.fixed]) })).toBe(
      false,
    );
    expect(reviewPostedOnHead({ ...posted, headSha: "2".repeat(40), fingerprints: all })).toBe(
      false,
    );
    const forged = [review(30, `${REVIEW_MARKER}\n${commentMarker(FP.listed)}`, HEAD, "alice")];
    expect(reviewPostedOnHead({ ...posted, reviews: forged, fingerprints: all })).toBe(false);
    // A comment of another review of the App does not complete this one.
    const elsewhere = [comment(31, commentMarker(FP.kept), APP, 29)];
    expect(reviewPostedOnHead({ ...posted, comments: elsewhere, fingerprints: all })).toBe(false);
    expect(reviewPostedOnHead({ ...posted, fingerprints: new Set() })).toBe(false);
  });
});
