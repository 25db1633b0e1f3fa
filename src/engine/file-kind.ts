import type { Finding, Level, Limits, Problem, SourceFile } from "../core/types.js";

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
}

/** A finding before the engine numbers fingerprints. */
export type RawFinding = Omit<Finding, "fingerprint">;

/**
 * A kind of file the engine reads: Kubernetes manifests today; docker-compose files, CI workflows
 * and shell scripts are further kinds. Adding one is a new module in this shape plus an entry in
 * `engine/kinds.ts`; the pipeline does not change.
 */
export interface FileKind {
  readonly id: string;
  /** Whether this kind reads the file; the first kind in the list that claims it wins. */
  claims(path: string): boolean;
  scan(
    file: SourceFile,
    options: KindOptions,
  ): {
    readonly findings: readonly RawFinding[];
    readonly problems: readonly Problem[];
  };
}
