/**
 * Expands the paths given to `scan` into the files to read: folders recursively (without `.git`
 * and `node_modules`, without following links to folders), keeping the files a file kind claims.
 */
import type { Dirent } from "node:fs";
import { readdir, stat } from "node:fs/promises";
import { join, resolve } from "node:path";
import { CliError } from "./errors.js";
import { displayPath } from "./paths.js";

/** Folders never descended into. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set([".git", "node_modules"]);

export interface FileToRead {
  readonly absolute: string;
  /** Relative to the working directory, forward slashes: the path reports show. */
  readonly path: string;
}

export interface CollectedFiles {
  readonly files: readonly FileToRead[];
  /** Files named explicitly that no file kind reads. */
  readonly unclaimed: readonly string[];
}

export async function collectFiles(
  paths: readonly string[],
  cwd: string,
  claims: (path: string) => boolean,
): Promise<CollectedFiles> {
  const files: FileToRead[] = [];
  const unclaimed: string[] = [];
  const seen = new Set<string>();
  const add = (absolute: string) => {
    if (seen.has(absolute)) return;
    seen.add(absolute);
    files.push({ absolute, path: displayPath(cwd, absolute) });
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
    if (info.isDirectory()) {
      for (const file of await walk(absolute)) if (claims(displayPath(cwd, file))) add(file);
    } else if (claims(displayPath(cwd, absolute))) add(absolute);
    else unclaimed.push(displayPath(cwd, absolute));
  }
  return { files, unclaimed };
}

/** Every file under a folder, in name order. */
async function walk(dir: string): Promise<string[]> {
  let entries: Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    throw new CliError(`cannot read folder ${dir}: ${(error as Error).message}`);
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const entry of entries) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRECTORIES.has(entry.name)) out.push(...(await walk(path)));
    } else if (entry.isFile()) out.push(path);
    else if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      if (target?.isFile()) out.push(path);
    }
  }
  return out;
}
