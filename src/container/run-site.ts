/**
 * A container command line found in a file of any kind, with what a finding about it needs: where
 * it is (for the message), what identifies it (without any line number), and whether its words'
 * ranges are exact (a fix can edit them).
 */
import type { ArgWord } from "./arg-word.js";
import type { RunArgs } from "./run-args.js";

export interface RunSite {
  /** The flags up to the image, and the image. */
  readonly args: RunArgs;
  /** The words the flags index into. */
  readonly words: readonly ArgWord[];
  /** The command as written for messages: `docker run`, `podman create`; null for job container options. */
  readonly command: string | null;
  /** Where it is, for messages: "job `build`, step `push`". */
  readonly where: string;
  /**
   * Semantic identity of the command line: file, then job/step or function, then the command's
   * position among the container commands there (`build.sh>fn:deploy>docker run#0`).
   */
  readonly identity: string;
  /** True when every word's range is its own in the file. */
  readonly exact: boolean;
  /**
   * Lines whose comment on the line above may hold an inline exception for the site, besides the
   * setting's and the command's: the step or script item that holds the command.
   */
  readonly anchorLines?: readonly number[];
  /** What to do instead, when the site knows better than the rule (Docker-in-Docker services). */
  readonly remediation?: string;
}
