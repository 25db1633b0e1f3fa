/** `privilege-guard scan PATH...`: every finding in the files under the paths. */
import { type Level, scan } from "../engine/index.js";
import { terminalSafe } from "../report/terminal-safe.js";
import { claimedByEngine } from "./claims.js";
import { collectFiles } from "./collect-files.js";
import { partitionAccepted } from "./exceptions.js";
import type { Io } from "./io.js";
import { type Format, writeReview } from "./output.js";
import { readFiles } from "./read-files.js";

export interface ScanCommandOptions {
  readonly level: Level;
  readonly format: Format;
  /** Honour `privilege-guard.io/allow-<rule>` annotations (default true). */
  readonly exceptions: boolean;
}

export async function runScan(
  paths: readonly string[],
  options: ScanCommandOptions,
  io: Io,
): Promise<number> {
  const collected = await collectFiles(paths, io.cwd, claimedByEngine);
  for (const path of collected.unclaimed)
    io.stderr.write(`privilege-guard: skipped ${terminalSafe(path)}: no file kind reads it\n`);
  const { sources, problems: readProblems } = await readFiles(collected.files);
  const results = scan(sources, { level: options.level });
  const { reported, accepted } = partitionAccepted(
    results.flatMap((r) => r.findings),
    options.exceptions,
  );
  return writeReview(
    {
      findings: reported,
      accepted,
      problems: [...collected.problems, ...readProblems, ...results.flatMap((r) => r.problems)],
      files: collected.files.length,
    },
    {
      io,
      format: options.format,
      texts: new Map(sources.map((s) => [s.path, s.text])),
      root: io.cwd,
    },
  );
}
