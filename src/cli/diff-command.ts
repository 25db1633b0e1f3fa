/**
 * `privilege-guard diff --base REF [--head REF] [PATH...]`: what a pull request from the head into
 * REF would be told. The head (a commit, or the working tree with untracked files) is compared
 * with the merge base of REF and the head; only findings the change introduces are reported.
 */
import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { diff, type Level } from "../engine/index.js";
import { claimedByEngine } from "./claims.js";
import { CliError } from "./errors.js";
import { partitionAccepted } from "./exceptions.js";
import {
  changedEntries,
  mergeBase,
  openRepository,
  type Repository,
  resolveCommit,
} from "./git-repository.js";
import type { Io } from "./io.js";
import type { NameStatusEntry } from "./name-status.js";
import { type Format, writeReview } from "./output.js";
import { isUnder } from "./paths.js";
import { readChanges } from "./read-changes.js";

export interface DiffCommandOptions {
  readonly base: string;
  /** A commit; absent: the working tree. */
  readonly head?: string;
  readonly level: Level;
  readonly format: Format;
  readonly exceptions: boolean;
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
  const base = await mergeBase(repo, baseCommit, headCommit);
  const entries = (await changedEntries(repo, base, options.head ? headCommit : null)).filter((e) =>
    isSelected(e, filters),
  );
  const read = await readChanges(repo, base, options.head ? headCommit : null, entries);
  const result = diff(read.changes, { level: options.level });
  const { reported, accepted } = partitionAccepted(result.introduced, options.exceptions);
  return writeReview(
    {
      findings: reported,
      accepted,
      problems: [...read.problems, ...result.problems],
      files: read.changes.length,
      diff: {
        base: options.base,
        head: options.head ?? WORKING_TREE,
        mergeBase: base,
        existing: result.existing.length,
        resolved: result.resolved.length,
      },
    },
    { io, format: options.format, texts: read.texts, root: repo.root },
  );
}

/** A change is looked at when a file kind reads it and it lies under one of the PATH filters. */
function isSelected(entry: NameStatusEntry, filters: readonly string[]): boolean {
  const paths = entry.previousPath ? [entry.path, entry.previousPath] : [entry.path];
  if (!paths.some(claimedByEngine)) return false;
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
