#!/usr/bin/env node
/**
 * The `privilege-guard` command. `main(argv, io)` runs one command line with injected streams,
 * working directory and environment, and resolves to the exit code; it never throws and never
 * prints a stack trace for a user error.
 */
import { realpathSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CommanderError } from "commander";
import { terminalSafe } from "../report/terminal-safe.js";
import { CliError, EXIT_CLEAN, EXIT_ERROR } from "./errors.js";
import type { Io } from "./io.js";
import { buildProgram } from "./program.js";
import { readToolInfo } from "./version.js";

export type { Io } from "./io.js";

/** Runs the command line `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  let code = EXIT_CLEAN;
  try {
    const program = buildProgram(io, readToolInfo().version, (c) => {
      code = c;
    });
    await program.parseAsync([...argv], { from: "user" });
    return code;
  } catch (error) {
    if (error instanceof CommanderError)
      // commander has already printed its one-line message, or the help or version (exit code 0).
      return error.exitCode === 0 ? EXIT_CLEAN : EXIT_ERROR;
    if (error instanceof CliError) {
      io.stderr.write(`privilege-guard: ${terminalSafe(error.message)}\n`);
      return error.exitCode;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`privilege-guard: internal error: ${terminalSafe(message)}\n`);
    if (io.env.PRIVILEGE_GUARD_DEBUG && error instanceof Error && error.stack)
      io.stderr.write(`${error.stack}\n`);
    return EXIT_ERROR;
  }
}

/**
 * Runs the command line of this process (`process.argv`) on its own streams and sets its exit
 * code: what the bin does (`bin.ts`, through the bundle), and this module when run as a program.
 */
export function runProcess(): Promise<void> {
  // A closed pipe (`privilege-guard scan . | head`) ends the output, not in a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? EXIT_CLEAN);
    throw error;
  });
  return main(process.argv.slice(2), {
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
    env: process.env,
  }).then(
    (exitCode) => {
      process.exitCode = exitCode;
    },
    () => {
      process.exitCode = EXIT_ERROR;
    },
  );
}

/** Whether this module is the program being run (through the bin link too). */
function isMainModule(): boolean {
  const script = process.argv[1];
  if (!script) return false;
  try {
    return realpathSync(script) === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
}

if (isMainModule()) void runProcess();
