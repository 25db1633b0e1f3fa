/** Assertions on what the App posted, against the patches GitHub served. */
import { expect } from "@jest/globals";
import { hunkContaining, parsePatch } from "../../../src/diff/parse-patch.js";
import type { ReviewBody } from "./github-reviews.js";

/**
 * Every inline comment lies inside one hunk of its file's patch: `line` (and `start_line`, which
 * must be smaller and in the same hunk) are RIGHT-side lines the hunk shows. GitHub refuses the
 * whole review otherwise.
 */
export function expectCommentsInsideHunks(
  review: ReviewBody,
  patches: ReadonlyMap<string, string>,
): void {
  for (const comment of review.comments ?? []) {
    const patch = patches.get(comment.path);
    expect(patch).toBeDefined();
    const hunks = parsePatch(patch ?? "");
    const hunk = hunkContaining(hunks, comment.line);
    expect({ path: comment.path, line: comment.line, inHunk: hunk !== null }).toEqual({
      path: comment.path,
      line: comment.line,
      inHunk: true,
    });
    expect(comment.side).toBe("RIGHT");
    if (comment.start_line !== undefined) {
      expect(comment.start_line).toBeLessThan(comment.line);
      expect(comment.start_side).toBe("RIGHT");
      expect(hunkContaining(hunks, comment.start_line)).toBe(hunk);
    }
  }
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
