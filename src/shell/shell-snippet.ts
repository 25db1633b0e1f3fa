/**
 * Shell code embedded in another file (a YAML `run:` block, a Makefile recipe), described so that
 * the parser reads it in place and every position it gives is the file's own.
 */
import type { TextRange } from "./bash-parser.js";

export interface ShellSnippet {
  /**
   * Where the code is. `ranges`: parts of the file's text (a block scalar's lines without their
   * indentation); the parser reads them in place. `value`: code that differs from the file's text
   * (a quoted scalar with escapes), read on its own; every position is then the whole scalar.
   */
  readonly at:
    | { readonly ranges: readonly TextRange[] }
    | { readonly value: string; readonly range: TextRange };
  /**
   * Offsets of line breaks that the file's syntax turns into spaces (YAML folding): the shell sees
   * one line there.
   */
  readonly folds?: readonly number[];
}
