/**
 * Hidden HTML comments that let the App recognise its own output on later pushes: one per finding
 * comment (its fingerprint) and one in every review body. GitHub renders neither.
 */

const FINDING_PREFIX = "<!-- privilege-guard:finding:";
const MARKER_END = " -->";
/** A finding fingerprint: 16 hex digits, with `-N` for the N-th repeat of an identity. */
const FINDING_MARKER = /<!-- privilege-guard:finding:([0-9a-f]{16}(?:-\d+)?) -->/g;

/** In every review body the App posts. */
export const REVIEW_MARKER = "<!-- privilege-guard:review -->";

/** `<!-- privilege-guard:finding:<fingerprint> -->`. */
export function commentMarker(fingerprint: string): string {
  return `${FINDING_PREFIX}${fingerprint}${MARKER_END}`;
}

/** The fingerprint of the first finding marker in `body`, or null. */
export function findMarker(body: string): string | null {
  return findMarkers(body)[0] ?? null;
}

/**
 * Every finding fingerprint marked in `body`, in order, without repeats. A review body marks each
 * finding it lists, so the App can collect the already-reported findings from review bodies as
 * well as from review comments.
 */
export function findMarkers(body: string): string[] {
  const out = new Set<string>();
  for (const match of body.matchAll(FINDING_MARKER)) {
    if (match[1]) out.add(match[1]);
  }
  return [...out];
}

/** Whether `body` is a review the App posted. */
export function isReviewBody(body: string): boolean {
  return body.includes(REVIEW_MARKER);
}
