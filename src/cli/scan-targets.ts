/**
 * What `scan` and `fix` look at: the project root, the configuration read there, and the files
 * under the PATH arguments that the config includes and a file kind reads. Files named that are
 * not selected, and folders holding none, are noted on stderr.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { CONFIG_PATH } from "../config/config-path.js";
import type { Config } from "../config/index.js";
import type { ChangeEntry } from "../evaluation/change-entry.js";
import { pathSelector } from "../evaluation/evaluate-change.js";
import { terminalSafeLine } from "../report/terminal-safe.js";
import { type ConfigFlags, loadCliConfig } from "./cli-config.js";
import { type CollectedFiles, collectFiles } from "./collect-files.js";
import type { Io } from "./io.js";
import { nothingFoundMessage } from "./nothing-found.js";
import { scanRoot } from "./project-root.js";

export interface ScanTargets {
  /** The project root (see `scanRoot`): paths and the config are relative to it. */
  readonly root: string;
  readonly config: Config;
  readonly collected: CollectedFiles;
  /** Each selected file as a new file of a change. */
  readonly entries: readonly ChangeEntry[];
  /** The path selection the files were listed with (`pathSelector`), each path decided once. */
  readonly selects: (path: string) => boolean;
}

export async function scanTargets(
  paths: readonly string[],
  flags: ConfigFlags,
  io: Io,
): Promise<ScanTargets> {
  const root = await scanRoot(paths, io.cwd);
  const config = await loadCliConfig(flags, io.cwd, async () => ({
    label: CONFIG_PATH,
    text: await readFile(join(root, CONFIG_PATH), "utf8").catch(() => null),
  }));
  const selects = decidedOnce(pathSelector(config));
  const collected = await collectFiles(paths, io.cwd, root, selects);
  for (const path of collected.unclaimed)
    io.stderr.write(
      `privilege-guard: skipped ${terminalSafeLine(path)}: not included by the config or no file kind reads it\n`,
    );
  const configLabel = typeof flags.config === "string" ? flags.config : CONFIG_PATH;
  for (const folder of collected.emptyFolders)
    io.stderr.write(`privilege-guard: ${nothingFoundMessage(folder, config, configLabel)}\n`);
  const entries = collected.files.map((f) => ({ path: f.path, status: "added" as const }));
  return { root, config, collected, entries, selects };
}

/** `selects`, each path's answer kept, so that evaluating the listed files asks nothing again. */
function decidedOnce(selects: (path: string) => boolean): (path: string) => boolean {
  const decided = new Map<string, boolean>();
  return (path) => {
    let answer = decided.get(path);
    if (answer === undefined) {
      answer = selects(path);
      decided.set(path, answer);
    }
    return answer;
  };
}
