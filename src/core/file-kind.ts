import type { ScanMemo } from "./scan-memo.js";
import type { Finding, Level, Limits, Problem, SourceFile, Weakening } from "./types.js";

/** Options every file kind receives, all defaults filled in. */
export interface KindOptions {
  readonly level: Level;
  readonly limits: Limits;
  readonly fixes: boolean;
  /**
   * Path used in identities in place of `file.path`: the head path when scanning the base side of
   * a renamed file, so that a rename introduces nothing.
   */
  readonly identityPath: string;
  /** Directories holding a `Chart.yaml` (see `ScanOptions.charts`). */
  readonly charts: readonly string[];
  /** The other texts of the same side, scanned or context (see `ScanOptions.context`). */
  readonly related: readonly SourceFile[];
  /** The paths of `related` that are context only: read, but no finding is reported in them. */
  readonly contextPaths: ReadonlySet<string>;
  /** What this scan works out once for all its files (`related` parsed once): made with `related`. */
  readonly memo: ScanMemo;
}

/**
 * How many characters of a file's start `claims` is given: enough for a shebang line or a
 * top-level key near the start, cheap for a file of any size.
 */
export const CLAIM_PREFIX_LENGTH = 8192;

/**
 * A file another file refers to: a path of the repository, or the files under `folder` (at any
 * depth) that `matches` accepts (a wildcard include).
 */
export type FileReference =
  | { readonly path: string }
  | { readonly folder: string; readonly matches: (path: string) => boolean };

/** A finding before the engine numbers fingerprints (and compares weakenings with the base). */
export type RawFinding = Omit<Finding, "fingerprint"> & { readonly weakening?: Weakening };

/**
 * A kind of file the engine reads: Kubernetes manifests today; docker-compose files, CI workflows
 * and shell scripts are further kinds. Adding one is a new module in this shape plus an entry in
 * `engine/kinds.ts`; the pipeline does not change.
 */
export interface FileKind {
  readonly id: string;
  /**
   * Whether this kind reads the file; the first kind in the list that claims it wins. `prefix` is
   * the file's first `CLAIM_PREFIX_LENGTH` characters (a shebang, a top-level `services:` key).
   * Without `prefix` the text has not been read yet, and the answer is whether the kind may read
   * the file once it is: adapters ask this to decide which files to read, so a kind that claims by
   * content answers true here for every path its content claim could accept.
   */
  claims(path: string, prefix?: string): boolean;
  /**
   * The other files of the repository this file's text refers to and the kind reads when they
   * are at hand (`KindOptions.related`): a CI configuration's local includes, a Compose file's
   * `extends.file`. Adapters read those a change does not hold as context.
   */
  references?(file: SourceFile, limits: Limits): readonly FileReference[];
  scan(
    file: SourceFile,
    options: KindOptions,
  ): {
    readonly findings: readonly RawFinding[];
    readonly problems: readonly Problem[];
  };
}
