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

const APPROVAL_MARKER = /<!-- privilege-guard:approval:([A-Za-z0-9_-]{1,2000}) -->/g;

/** What one approval is bound to, and who gave it when; see `src/app/approval-records.ts`. */
export interface ApprovalRecord {
  /** Rule id. */
  readonly rule: string;
  /** The object of the exception (a finding identity up to its first `>`). */
  readonly object: string;
  /** Fingerprint of the exception's reason: a changed reason needs a new approval. */
  readonly reason: string;
  /** Login of the approver. */
  readonly by: string;
  /** When the approve command was written (ISO 8601). */
  readonly at: string;
}

/** `<!-- privilege-guard:approval:<base64url JSON> -->`: never breaks out of the HTML comment. */
export function approvalMarker(record: ApprovalRecord): string {
  const json = JSON.stringify([record.rule, record.object, record.reason, record.by, record.at]);
  return `<!-- privilege-guard:approval:${Buffer.from(json, "utf8").toString("base64url")} -->`;
}

/** Every well-formed approval record in `body`, in order; anything malformed is skipped. */
export function findApprovalRecords(body: string): ApprovalRecord[] {
  const out: ApprovalRecord[] = [];
  for (const match of body.matchAll(APPROVAL_MARKER)) {
    let value: unknown;
    try {
      value = JSON.parse(Buffer.from(match[1] ?? "", "base64url").toString("utf8"));
    } catch {
      continue;
    }
    if (!Array.isArray(value) || value.length !== 5) continue;
    if (!value.every((v) => typeof v === "string")) continue;
    const [rule, object, reason, by, at] = value as string[];
    if (rule && object && reason && by && at) out.push({ rule, object, reason, by, at });
  }
  return out;
}
