/**
 * The configuration a CLI run uses: `.github/privilege-guard.yml` (the App's file; for `diff`, as
 * the base ref has it, as the App reads it from the default branch), another file named with
 * `--config`, or none with `--no-config`; then `--level` and `--fail-on` on top.
 */
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { defaultConfig } from "../config/defaults.js";
import type { Config } from "../config/schema.js";
import type { Level, Severity } from "../core/types.js";
import { CliError } from "./errors.js";

export interface ConfigFlags {
  /** `--config FILE`; `false` for `--no-config`; undefined: the repository's file. */
  readonly config?: string | false;
  readonly level?: Level;
  readonly failOn?: Severity;
  /** `--no-exceptions`: annotations accept nothing (config exceptions still apply). */
  readonly exceptions?: boolean;
}

/**
 * The configuration for a run. `repositoryFile` reads the repository's own file (null when it has
 * none); a file named by `--config` must exist. An invalid file is a usage error listing each
 * problem, as the App's check run does: running with defaults instead could pass what the
 * repository's config forbids.
 */
export async function loadCliConfig(
  flags: ConfigFlags,
  cwd: string,
  repositoryFile: () => Promise<{ readonly label: string; readonly text: string | null }>,
): Promise<Config> {
  let label = "";
  let text: string | null = null;
  if (typeof flags.config === "string") {
    label = flags.config;
    try {
      text = await readFile(resolve(cwd, flags.config), "utf8");
    } catch (error) {
      throw new CliError(
        `cannot read the config file ${flags.config}: ${(error as Error).message}`,
      );
    }
  } else if (flags.config !== false) {
    ({ label, text } = await repositoryFile());
  }
  // Without a file, the defaults: the schema and its validation library are loaded only to read one.
  const { config, errors } =
    text === null
      ? { config: defaultConfig(), errors: [] }
      : (await import("../config/parse.js")).parseConfig(text);
  if (errors.length > 0)
    throw new CliError(
      `invalid config ${label} (use --no-config to ignore it):\n${errors.map((e) => `  ${e}`).join("\n")}`,
    );
  return {
    ...config,
    ...(flags.level ? { level: flags.level } : {}),
    ...(flags.failOn ? { failOn: flags.failOn } : {}),
    ...(flags.exceptions === false ? { allowAnnotationExceptions: false } : {}),
  };
}
