/** Assertions on what the App posted, against the patches GitHub served. */
import { expect } from "@jest/globals";
import { hunkContaining, parsePatch } from "../../../src/diff/parse-patch.js";
import type { ReviewBody } from "./github-reviews.js";

/**
 * Why the review's inline comments do not lie inside the hunks of their files' patches (empty
 * when they all do): `line` (and `start_line`, which must be smaller and in the same hunk) must
 * be RIGHT-side lines a hunk shows. GitHub refuses the whole review otherwise.
 */
export function commentsOutsideHunks(
  review: ReviewBody,
  patches: ReadonlyMap<string, string>,
): string[] {
  const errors: string[] = [];
  for (const c of review.comments ?? []) {
    const where = `${c.path}:${c.start_line ?? c.line}-${c.line}`;
    const patch = patches.get(c.path);
    if (patch === undefined) {
      errors.push(`${where}: the file has no patch`);
      continue;
    }
    const hunks = parsePatch(patch);
    const hunk = hunkContaining(hunks, c.line);
    if (!hunk) errors.push(`${where}: line ${c.line} is in no hunk`);
    if (c.side !== "RIGHT") errors.push(`${where}: side ${c.side}`);
    if (c.start_line !== undefined) {
      if (c.start_line >= c.line) errors.push(`${where}: start_line not before line`);
      if (c.start_side !== "RIGHT") errors.push(`${where}: start_side ${c.start_side}`);
      if (hunkContaining(hunks, c.start_line) !== hunk)
        errors.push(`${where}: start_line in another hunk`);
    }
  }
  return errors;
}

export function expectCommentsInsideHunks(
  review: ReviewBody,
  patches: ReadonlyMap<string, string>,
): void {
  expect(review.comments?.length ?? 0).toBeGreaterThan(0);
  expect(commentsOutsideHunks(review, patches)).toEqual([]);
}

/** The content of the ```suggestion block of a comment body, or null. */
export function suggestionIn(body: string): string | null {
  const match = /^(`{3,})suggestion\n([\s\S]*?)\n?\1$/m.exec(body);
  return match ? (match[2] ?? "") : null;
}

/** Fingerprints of the hidden finding markers in a body. */
export function markersIn(body: string): string[] {
  return [...body.matchAll(/<!-- privilege-guard:finding:([0-9a-f]{16}(?:-\d+)?) -->/g)].map(
    (m) => m[1] ?? "",
  );
}
