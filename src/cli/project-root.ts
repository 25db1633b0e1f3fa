import { stat } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";

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
