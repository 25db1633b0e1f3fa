/** `privilege-guard scan PATH...`: every finding in the files under the paths. */
import { evaluateChange } from "../evaluation/evaluate-change.js";
import type { ConfigFlags } from "./cli-config.js";
import { EXIT_ERROR } from "./errors.js";
import { type Format, showsFixes } from "./formats.js";
import type { Io } from "./io.js";
import { writeReport } from "./output.js";
import { fileSideReader } from "./read-files.js";
import { scanTargets } from "./scan-targets.js";

export interface ScanCommandOptions extends ConfigFlags {
  readonly format: Format;
  readonly exitZero: boolean;
  /** `--strict`: a folder holding no file to scan is an error (exit 2), not only a note. */
  readonly strict?: boolean;
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
  const { root, config, collected, entries, selects } = await scanTargets(paths, options, io);
  const evaluation = await evaluateChange(entries, fileSideReader(collected.files, root), config, {
    listingProblems: collected.problems,
    selects,
    fixes: showsFixes(options.format),
  });
  const code = await writeReport(
    { evaluation },
    { io, format: options.format, root, exitZero: options.exitZero },
  );
  return options.strict && collected.emptyFolders.length > 0 ? EXIT_ERROR : code;
}
