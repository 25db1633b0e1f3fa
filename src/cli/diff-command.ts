/**
 * `privilege-guard diff --base REF [--head REF] [PATH...]`: what a pull request from the head into
 * REF would be told. The head (a commit, or the working tree with untracked files) is compared
 * with the merge base of REF and the head; only findings the change introduces are reported.
 */
import { realpath } from "node:fs/promises";
import { resolve } from "node:path";
import { CONFIG_PATH } from "../config/config-path.js";
import type { Config } from "../config/schema.js";
import { evaluateChange, pathSelector } from "../evaluation/evaluate-change.js";
import { type ConfigFlags, loadCliConfig } from "./cli-config.js";
import { CliError, EXIT_ERROR } from "./errors.js";
import { type Format, showsFixes } from "./formats.js";
import { GitError } from "./git.js";
import {
  changedEntries,
  listFilesAt,
  mergeBase,
  openRepository,
  type Repository,
  readAtCommit,
  resolveCommit,
} from "./git-repository.js";
import { gitSideReader } from "./git-side-reader.js";
import type { Io } from "./io.js";
import type { NameStatusEntry } from "./name-status.js";
import { nothingFoundMessage } from "./nothing-found.js";
import { writeReport } from "./output.js";
import { displayPath, isUnder, isWithin } from "./paths.js";

export interface DiffCommandOptions extends ConfigFlags {
  readonly base: string;
  /** A commit; absent: the working tree. */
  readonly head?: string;
  readonly format: Format;
  readonly exitZero: boolean;
  /** `--strict`: a path given that holds no file to scan at the head is an error (exit 2). */
  readonly strict?: boolean;
}

/** The label of the working tree as a head. */
export const WORKING_TREE = "working tree";

export async function runDiff(
  paths: readonly string[],
  options: DiffCommandOptions,
  io: Io,
): Promise<number> {
  const repo = await openRepository(io.cwd, io.env);
  const filters = await repoPaths(repo, io.cwd, paths);
  const baseCommit = await resolveCommit(repo, options.base);
  const headCommit = await resolveCommit(repo, options.head ?? "HEAD");
  // The config as the base branch has it: a change cannot loosen its own check.
  const config = await loadCliConfig(options, io.cwd, async () => ({
    label: `${CONFIG_PATH} at ${options.base}`,
    text: await readAtCommit(repo, baseCommit, CONFIG_PATH).catch((error: unknown) => {
      if (error instanceof GitError) return null;
      throw error;
    }),
  }));
  const base = await mergeBase(repo, baseCommit, headCommit);
  const head = options.head ? headCommit : null;
  const entries = (await changedEntries(repo, base, head)).filter((e) => isSelected(e, filters));
  const configLabel =
    typeof options.config === "string" ? options.config : `${CONFIG_PATH} at ${options.base}`;
  const empty = await pathsWithoutFiles(repo, head, paths, filters, entries, config);
  for (const path of empty)
    io.stderr.write(`privilege-guard: ${nothingFoundMessage(path, config, configLabel)}\n`);
  // As on the pull request: an exception the change requests for itself awaits an approval.
  const evaluation = await evaluateChange(entries, gitSideReader(repo, base, head), config, {
    approvalGate: config.exceptionApproval,
    fixes: showsFixes(options.format),
  });
  const code = await writeReport(
    {
      evaluation,
      diff: { base: options.base, head: options.head ?? WORKING_TREE, mergeBase: base },
    },
    { io, format: options.format, root: repo.root, exitZero: options.exitZero },
  );
  return options.strict && empty.length > 0 ? EXIT_ERROR : code;
}

/**
 * The paths given under which neither the change nor the head holds a file the config includes
 * and a file kind reads: a wrong or empty path, which must not pass as a clean diff. A path with
 * such a file among the changes (removed ones too: the path was right) holds one; for the others
 * the head is listed. Without a path the whole repository is diffed: nothing was named wrongly.
 */
async function pathsWithoutFiles(
  repo: Repository,
  head: string | null,
  paths: readonly string[],
  filters: readonly string[],
  entries: readonly NameStatusEntry[],
  config: Config,
): Promise<string[]> {
  const empty: string[] = [];
  const selects = pathSelector(config);
  for (const [i, filter] of filters.entries()) {
    const selected = (p: string | undefined) => p !== undefined && isUnder(p, filter) && selects(p);
    if (entries.some((e) => selected(e.path) || selected(e.previousPath))) continue;
    const files = await listFilesAt(repo, head, filter);
    if (!files.some(selects)) empty.push(paths[i] ?? filter);
  }
  return empty;
}

/** A change is looked at when it lies under one of the PATH filters (all without filters). */
function isSelected(entry: NameStatusEntry, filters: readonly string[]): boolean {
  const paths = entry.previousPath ? [entry.path, entry.previousPath] : [entry.path];
  return filters.length === 0 || paths.some((p) => filters.some((f) => isUnder(p, f)));
}
/** PATH arguments (relative to the working directory) as paths relative to the repository root. */
async function repoPaths(
  repo: Repository,
  cwd: string,
  paths: readonly string[],
): Promise<string[]> {
  const here = await realpath(cwd);
  const root = await realpath(repo.root);
  return paths.map((p) => {
    const absolute = resolve(here, p);
    if (!isWithin(root, absolute)) throw new CliError(`path is outside the repository: ${p}`);
    return displayPath(root, absolute);
  });
}
