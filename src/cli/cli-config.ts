/**
 * The configuration a CLI run uses: `.github/privilege-guard.yml` (the App's file; for `diff`, as
 * the base ref has it, as the App reads it from the default branch), another file named with
 * `--config`, or none with `--no-config`; raised to the organisation's policy that `--org-policy
 * FILE` names (the file the App reads from the organisation's `.github` repository), as the App
 * raises it; then `--level` and `--fail-on` on top.
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
  /** `--org-policy FILE`: the organisation's policy, a floor the repository's file cannot lower. */
  readonly orgPolicy?: string;
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
    text = await readNamed("config file", flags.config, cwd);
  } else if (flags.config !== false) {
    ({ label, text } = await repositoryFile());
  }
  const policy =
    flags.orgPolicy === undefined
      ? null
      : {
          text: await readNamed("organisation policy", flags.orgPolicy, cwd),
          where: flags.orgPolicy,
        };
  // Without a file, the defaults: the schema and its validation library are loaded only to read one.
  const { config, errors } =
    text === null && policy === null
      ? { config: defaultConfig(), errors: [] }
      : (await import("../config/parse-with-policy.js")).parseWithPolicy(text, policy);
  if (errors.length > 0) {
    const policyOnly = errors.every((e) => e.startsWith("organisation policy ("));
    const header = policyOnly
      ? `invalid organisation policy ${flags.orgPolicy}`
      : `invalid config ${label} (use --no-config to ignore it)`;
    throw new CliError(`${header}:\n${errors.map((e) => `  ${e}`).join("\n")}`);
  }
  return {
    ...config,
    ...(flags.level ? { level: flags.level } : {}),
    ...(flags.failOn ? { failOn: flags.failOn } : {}),
    ...(flags.exceptions === false ? { allowAnnotationExceptions: false } : {}),
  };
}

/** A file the command line names: it must exist and be readable. */
async function readNamed(what: string, path: string, cwd: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, path), "utf8");
  } catch (error) {
    throw new CliError(`cannot read the ${what} ${path}: ${(error as Error).message}`);
  }
}
