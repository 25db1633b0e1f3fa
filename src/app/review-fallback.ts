import type { Placement } from "../diff/place-findings.js";

/**
 * The placements of a review GitHub refused (422, e.g. "line must be part of the diff"): every
 * finding moves to the review body, so the review can be posted without inline comments and
 * nothing is lost.
 */
export function withoutInlineComments(placements: readonly Placement[]): Placement[] {
  return placements.map((p) =>
    p.kind === "inline" ? { kind: "outside", finding: p.finding, reason: "not-in-hunk" } : p,
  );
}
