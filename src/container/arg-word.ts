/**
 * One argument word of a container command line, as every file kind hands it over: its value after
 * the shell's (or the JSON or YAML parser's) quote removal, and its source range.
 */
export interface ArgWord {
  /** The value; parts known only when the command runs are `DYNAMIC`. */
  readonly value: string;
  /** True when some part of the value is known only at run time. */
  readonly dynamic: boolean;
  /**
   * True when the running shell may split the word into several (an unquoted `$VAR`): it may then
   * stand for any number of flags.
   */
  readonly splits?: boolean;
  /** Source range [start, end) in characters of the file. */
  readonly start: number;
  readonly end: number;
}

/** Stands in a word's value for a part only the running shell knows (`$VAR`, `$(cmd)`). */
export const DYNAMIC = "\uFFFC";
