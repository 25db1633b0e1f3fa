/**
 * What the CLI's reporters render: an evaluation (the same result the App renders its review and
 * check run from) and, for a diff, which revisions were compared.
 */
import type { Evaluation } from "../evaluation/evaluation.js";

/** The revisions a diff compared. */
export interface Revisions {
  /** The base ref as given (`origin/main`). */
  readonly base: string;
  /** The head ref as given, or `working tree`. */
  readonly head: string;
  /** The merge base commit the head was compared with. */
  readonly mergeBase: string;
}

export interface RunReport {
  readonly evaluation: Evaluation;
  /** Present for a diff: only what the change introduces is reported. Absent for a scan. */
  readonly diff?: Revisions;
}
