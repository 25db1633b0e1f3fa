/**
 * Exceptions a change requests for itself (an annotation it adds) need an approval from someone
 * other than its author before the change may pass: the gate, from the config's
 * `exceptionApproval`, and which accepted findings still await one.
 */

/** How the verdict treats exceptions requested in the change (absent: they just pass). */
export interface ApprovalGate {
  /** The conclusion while one awaits approval. */
  readonly conclusion: "action_required" | "failure";
  readonly approvers: { readonly writers: boolean; readonly teams: readonly string[] };
}

/** Who approved an exception requested in the change, and when (`/privilege-guard approve`). */
export interface Approval {
  readonly by: string;
  readonly at: string;
}

/** Requested in this change and not approved yet. */
export function awaitsApproval(accepted: {
  readonly requestedInThisPr: boolean;
  readonly approval?: Approval;
}): boolean {
  return accepted.requestedInThisPr && !accepted.approval;
}
