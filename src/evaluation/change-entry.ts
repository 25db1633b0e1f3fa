/**
 * What the "evaluate a change" use case takes from its adapters: the changed entries (from GitHub's
 * files listing or `git diff --name-status`) and a port that reads one side of a file.
 */

/** How a file changed. GitHub's `changed` (mode only) and `unchanged` are read like `modified`. */
export type ChangeStatus =
  | "added"
  | "removed"
  | "modified"
  | "renamed"
  | "copied"
  | "changed"
  | "unchanged";

/** One changed file. */
export interface ChangeEntry {
  /** Head path (for a removed file, its path on the base side). */
  readonly path: string;
  readonly status: ChangeStatus;
  /** Base path of a rename or source of a copy. */
  readonly previousPath?: string;
}

/** Which side of a change a read is for: the merge base, or the head. */
export type Side = "base" | "head";

export interface SideRequest {
  readonly side: Side;
  readonly path: string;
}

/** A side as read: its text, or why there is none. */
export type SideContent =
  | { readonly kind: "text"; readonly text: string }
  /** Not there: normal for a base side; for a head side, `message` says why its text is lacking. */
  | { readonly kind: "missing"; readonly message?: string }
  | { readonly kind: "binary" }
  | { readonly kind: "too-large"; readonly byteSize: number }
  /** The adapter failed to read it: `message` says why (shown as is), `code` what kind of failure. */
  | {
      readonly kind: "unreadable";
      readonly code: "unreadable" | "too-large" | "encoding";
      readonly message: string;
    };

/**
 * Reads sides of files: git objects and the working tree for the CLI, GraphQL blobs for the App.
 * Answers in request order; a side that cannot be read is a `SideContent`, never a rejection.
 */
export interface SideReader {
  read(requests: readonly SideRequest[]): Promise<SideContent[]>;
  /**
   * The paths of the files under `folder` (at any depth) on a side, for reading a Helm chart's
   * templates when only its values change. An adapter that cannot list leaves it out.
   */
  list?(side: Side, folder: string): Promise<readonly string[]>;
}
