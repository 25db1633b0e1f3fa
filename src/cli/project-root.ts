import { stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { terminalSafeLine } from "../report/terminal-safe.js";
import { CliError } from "./errors.js";
import { isWithin } from "./paths.js";

/**
 * The folder a scan's paths and config are relative to: the nearest folder at or above `cwd` that
 * holds `.git` (a repository's work tree, as the App sees it), else `cwd` itself.
 */
export async function projectRoot(cwd: string): Promise<string> {
  let dir = resolve(cwd);
  for (;;) {
    if (await stat(join(dir, ".git")).catch(() => null)) return dir;
    const parent = dirname(dir);
    if (parent === dir) return resolve(cwd);
    dir = parent;
  }
}

/**
 * The project root of a scan of `paths` (relative to `cwd`): the one of the working directory when
 * every path lies under it; otherwise the one of the paths themselves, as for `privilege-guard scan
 * ~/src/other-repository` run from anywhere (the nearest folder holding `.git` at or above each
 * path, else the folder given, or the folder of a file given), which must be one for all of them:
 * paths in two projects are refused, since each has its own configuration.
 */
export async function scanRoot(paths: readonly string[], cwd: string): Promise<string> {
  const here = await projectRoot(cwd);
  const absolute = paths.map((p) => resolve(cwd, p));
  if (absolute.every((p) => isWithin(here, p))) return here;
  const roots = [...new Set(await Promise.all(absolute.map(rootOfPath)))];
  if (roots.length > 1)
    throw new CliError(
      `the paths lie in ${roots.length} different projects (${roots.map(terminalSafeLine).join(", ")}), each with its own configuration: scan them one project at a time`,
    );
  return roots[0] ?? here;
}

/** The project root of one path given: from its folder (a file's own folder) upwards. */
async function rootOfPath(path: string): Promise<string> {
  const info = await stat(path).catch(() => null);
  return projectRoot(info?.isDirectory() ? path : dirname(path));
}
