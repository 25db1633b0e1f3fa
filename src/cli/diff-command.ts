/**
 * `privilege-guard diff --base REF [--head REF] [PATH...]`: what a pull request from the head into
 * REF would be told. The head (a commit, or the working tree with untracked files) is compared
 * with the merge base of REF and the head; only findings the change introduces are reported.
 */
import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { CONFIG_PATH } from "../config/config-path.js";
import { evaluateChange } from "../evaluation/evaluate-change.js";
import { type ConfigFlags, loadCliConfig } from "./cli-config.js";
import { CliError } from "./errors.js";
import type { Format } from "./formats.js";
import { GitError } from "./git.js";
import {
  changedEntries,
  mergeBase,
  openRepository,
  type Repository,
  readAtCommit,
  resolveCommit,
} from "./git-repository.js";
import { gitSideReader } from "./git-side-reader.js";
import type { Io } from "./io.js";
import type { NameStatusEntry } from "./name-status.js";
import { writeReport } from "./output.js";
import { isUnder } from "./paths.js";

export interface DiffCommandOptions extends ConfigFlags {
  readonly base: string;
  /** A commit; absent: the working tree. */
  readonly head?: string;
  readonly format: Format;
  readonly exitZero: boolean;
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
  // As on the pull request: an exception the change requests for itself awaits an approval.
  const evaluation = await evaluateChange(entries, gitSideReader(repo, base, head), config, {
    approvalGate: config.exceptionApproval,
  });
  return writeReport(
    {
      evaluation,
      diff: { base: options.base, head: options.head ?? WORKING_TREE, mergeBase: base },
    },
    { io, format: options.format, root: repo.root, exitZero: options.exitZero },
  );
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
    const rel = relative(root, resolve(here, p));
    if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel))
      throw new CliError(`path is outside the repository: ${p}`);
    return rel.split(sep).join("/");
  });
}
