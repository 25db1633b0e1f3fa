/**
 * Runs git without a shell (arguments are never interpreted), with binary-safe output. Every
 * command gets options that keep user configuration from changing its output format.
 */
import { execFile } from "node:child_process";
import { CliError } from "./errors.js";

/** Largest output read from one git command (a whole file's text for `git show`). */
const MAX_GIT_OUTPUT = 512 * 1024 * 1024;

/** Settings that make output machine-readable whatever the user's git config says. */
const STABLE_CONFIG = ["-c", "core.quotePath=false", "-c", "color.ui=false"];

export interface GitContext {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** A git command that failed: its stderr's first line says why. */
export class GitError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly stderr: string,
    readonly exitCode: number | null,
  ) {
    super(stderr.trim().split("\n")[0] || `git ${args[0]} failed`);
  }
}

export function runGit(context: GitContext, args: readonly string[]): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      [...STABLE_CONFIG, ...args],
      {
        cwd: context.cwd,
        env: { ...context.env, GIT_TERMINAL_PROMPT: "0" },
        encoding: "buffer",
        maxBuffer: MAX_GIT_OUTPUT,
        windowsHide: true,
      },
      (error, stdout, stderr) => {
        if (!error) {
          resolve(stdout);
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === "ENOENT") {
          reject(new CliError("git is not installed or not on PATH"));
          return;
        }
        reject(new GitError(args, stderr.toString("utf8"), typeof code === "number" ? code : null));
      },
    );
  });
}

/** git's output as text, without the final newline. */
export async function gitText(context: GitContext, args: readonly string[]): Promise<string> {
  return (await runGit(context, args)).toString("utf8").replace(/\n$/, "");
}
