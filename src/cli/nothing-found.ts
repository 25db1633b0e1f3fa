/**
 * A folder given to `scan` under which no file was selected: a wrong or empty path, which must not
 * pass as a clean result. Said on stderr; `--strict` makes it a usage error (exit 2).
 */

import { DEFAULT_KINDS, type FileKind } from "../catalogue/index.js";
import { DEFAULT_INCLUDE } from "../config/defaults.js";
import type { Config } from "../config/schema.js";
import { terminalSafeLine } from "../report/terminal-safe.js";

/** "a, b or c". */
function either(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} or ${words.at(-1)}`;
}

/** Whether the config's paths leave out files a kind reads (anything but the default globs). */
function narrowsPaths(config: Pick<Config, "paths">): boolean {
  const { include, exclude } = config.paths;
  return (
    exclude.length > 0 ||
    include.length !== DEFAULT_INCLUDE.length ||
    include.some((glob, i) => glob !== DEFAULT_INCLUDE[i])
  );
}

/**
 * `no github-actions, …, compose or kubernetes files found under PATH`, the kinds named from the
 * engine's list; when the config narrows the paths, also that it may have left them out.
 */
export function nothingFoundMessage(
  folder: string,
  config: Pick<Config, "paths">,
  configLabel: string,
  kinds: readonly FileKind[] = DEFAULT_KINDS,
): string {
  const found = `no ${either(kinds.map((k) => k.id))} files found under ${terminalSafeLine(folder)}`;
  return narrowsPaths(config) ? `${found} that the paths of ${configLabel} include` : found;
}
