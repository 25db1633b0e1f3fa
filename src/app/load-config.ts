import { type ParsedConfig, parseConfig } from "../config/index.js";
import type { GitHubPort, RepoRef } from "./github-port.js";

export const CONFIG_PATH = ".github/privilege-guard.yml";

/**
 * The repository's configuration, read from its default branch only: a pull request (from a
 * branch or a fork) that edits the file cannot switch the check off for itself.
 */
export async function loadConfig(port: GitHubPort, repo: RepoRef): Promise<ParsedConfig> {
  return parseConfig(await port.readDefaultBranchFile(repo, CONFIG_PATH));
}
