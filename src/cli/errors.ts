/** Exit codes and the errors that end a command with a one-line message, never a stack trace. */

export const EXIT_CLEAN = 0;
/** Findings to act on, or files that could not be checked. */
export const EXIT_FINDINGS = 1;
/** Usage error (unknown option, bad value, missing --base) or I/O error (path, repository, ref). */
export const EXIT_ERROR = 2;

/** A user error: the message is printed as one line on stderr and the CLI exits with 2. */
export class CliError extends Error {
  readonly exitCode = EXIT_ERROR;
}
