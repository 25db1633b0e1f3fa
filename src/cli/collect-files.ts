/**
 * Expands the paths given to `scan` into the files to read: folders recursively (without `.git`
 * and `node_modules`, without following links to folders), keeping the files a file kind claims.
 */
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { resolve, sep } from "node:path";
import type { Problem } from "../core/types.js";
import { CliError } from "./errors.js";
import { displayPath } from "./paths.js";

/** Folders never descended into. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([".git", "node_modules"]);

export interface FileToRead {
  readonly absolute: string;
  /** Relative to the project root, forward slashes: the path globs match and reports show. */
  readonly path: string;
}

export interface CollectedFiles {
  readonly files: readonly FileToRead[];
  /** Files named explicitly that are not selected. */
  readonly unclaimed: readonly string[];
  /** Folders that could not be read: reported, and the rest is still scanned. */
  readonly problems: readonly Problem[];
  /** Folders given (as given) under which no file is selected: a wrong path, not a clean one. */
  readonly emptyFolders: readonly string[];
}

/** How folders are listed; a parameter so that tests can make a folder fail to list. */
export type ListFolder = (dir: string) => Promise<Dirent[]>;

const listFolder: ListFolder = (dir) => readdir(dir, { withFileTypes: true });

/**
 * The files under `paths` (relative to `cwd`) that `selects` accepts, by their path relative to
 * `root`.
 */
export async function collectFiles(
  paths: readonly string[],
  cwd: string,
  root: string,
  selects: (path: string) => boolean,
  list: ListFolder = listFolder,
): Promise<CollectedFiles> {
  const files: FileToRead[] = [];
  const unclaimed: string[] = [];
  const problems: Problem[] = [];
  const emptyFolders: string[] = [];
  const seen = new Set<string>();
  const add = (file: FileToRead) => {
    if (seen.has(file.absolute)) return;
    seen.add(file.absolute);
    files.push(file);
  };
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    const info = await stat(absolute).catch((error: NodeJS.ErrnoException) => {
      throw new CliError(
        error.code === "ENOENT"
          ? `path not found: ${given}`
          : `cannot read ${given}: ${error.message}`,
      );
    });
    const path = displayPath(root, absolute);
    if (info.isDirectory()) {
      let selected = 0;
      for (const file of await walk({ absolute, path }, list, (folder, error) =>
        problems.push(folderProblem(folder.path, error)),
      ))
        if (selects(file.path)) {
          selected++;
          add(file);
        }
      if (selected === 0) emptyFolders.push(given);
    } else if (selects(path)) add({ absolute, path });
    else unclaimed.push(path);
  }
  return { files, unclaimed, problems, emptyFolders };
}

function folderProblem(path: string, error: unknown): Problem {
  const message = error instanceof Error ? error.message : String(error);
  return {
    path,
    code: "unreadable",
    message: `could not read the folder; the files in it were not checked: ${message}`,
    line: 1,
    column: 1,
  };
}

/**
 * Every entry under a folder that is not a folder (files, links to files, and anything else a name
 * could claim: reading decides what it is), depth first in name order. Iterative, so that neither
 * deep nesting nor a folder of a hundred thousand entries can overflow the stack. A folder that
 * cannot be read is passed to `onError` and skipped. An entry's path from the root is its folder's
 * and its name (what `displayPath` gives for it, without working it out again for each file).
 */
async function walk(
  root: FileToRead,
  list: ListFolder,
  onError: (folder: FileToRead, error: unknown) => void,
): Promise<FileToRead[]> {
  const out: FileToRead[] = [];
  const open: { readonly folder: FileToRead; readonly entries: Dirent[]; next: number }[] = [];
  const enter = async (folder: FileToRead) => {
    try {
      const entries = await list(folder.absolute);
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      open.push({ folder, entries, next: 0 });
    } catch (error) {
      onError(folder, error);
    }
  };
  await enter(root);
  for (let top = open.at(-1); top !== undefined; top = open.at(-1)) {
    const entry = top.entries[top.next++];
    if (entry === undefined) {
      open.pop();
      continue;
    }
    const { folder } = top;
    // An entry's name holds no separator and is never `.` or `..`: what `join` would give, without
    // normalizing the whole path again for each entry.
    const child = {
      absolute: folder.absolute.endsWith(sep)
        ? `${folder.absolute}${entry.name}`
        : `${folder.absolute}${sep}${entry.name}`,
      path: folder.path === "." ? entry.name : `${folder.path}/${entry.name}`,
    };
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) await enter(child);
    } else if (entry.isSymbolicLink()) {
      // Links to folders are not followed (no cycles); a link to anything else is read.
      const target = await stat(child.absolute).catch(() => null);
      if (!target?.isDirectory()) out.push(child);
    } else out.push(child);
  }
  return out;
}
