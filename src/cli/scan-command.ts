/** `privilege-guard scan PATH...`: every finding in the files under the paths. */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { ChangeEntry } from "../evaluation/change-entry.js";
import { evaluateChange, selectsPath } from "../evaluation/evaluate-change.js";
import { terminalSafe } from "../report/terminal-safe.js";
import { CONFIG_PATH, type ConfigFlags, loadCliConfig } from "./cli-config.js";
import { collectFiles } from "./collect-files.js";
import type { Io } from "./io.js";
import { type Format, writeReport } from "./output.js";
import { projectRoot } from "./project-root.js";
import { fileSideReader } from "./read-files.js";

export interface ScanCommandOptions extends ConfigFlags {
  readonly format: Format;
  readonly exitZero: boolean;
}

/**
 * Every file under the paths that the config includes and a file kind reads is evaluated as a new
 * file: each finding is reported. Paths are shown relative to the project root (the work tree
 * holding the working directory, else the working directory), where the config is read and its
 * globs apply.
 */
export async function runScan(
  paths: readonly string[],
  options: ScanCommandOptions,
  io: Io,
): Promise<number> {
  const root = await projectRoot(io.cwd);
  const config = await loadCliConfig(options, io.cwd, async () => ({
    label: CONFIG_PATH,
    text: await readFile(join(root, CONFIG_PATH), "utf8").catch(() => null),
  }));
  const collected = await collectFiles(paths, io.cwd, root, (p) => selectsPath(p, config));
  for (const path of collected.unclaimed)
    io.stderr.write(
      `privilege-guard: skipped ${terminalSafe(path)}: not included by the config or no file kind reads it\n`,
    );
  const entries: ChangeEntry[] = collected.files.map((f) => ({ path: f.path, status: "added" }));
  const evaluation = await evaluateChange(entries, fileSideReader(collected.files, root), config, {
    listingProblems: collected.problems,
  });
  return writeReport(
    { evaluation },
    { io, format: options.format, root, exitZero: options.exitZero },
  );
}
