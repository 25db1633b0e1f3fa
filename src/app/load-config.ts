import { CONFIG_PATH } from "../config/config-path.js";
import { type ParsedConfig, parseWithPolicy } from "../config/index.js";
import type { GitHubPort, RepoRef } from "./github-port.js";
import { describeError } from "./http-error.js";

/** The repository that holds an organisation's (or user's) defaults, as Probot names it. */
export const ORGANISATION_CONFIG_REPO = ".github";

/**
 * The configuration in force, read from default branches only (a pull request, from a branch or a
 * fork, that edits the file cannot switch the check off for itself): the repository's own file,
 * raised to the organisation's policy in `<owner>/.github` where that file exists. A repository
 * may tighten the organisation's policy but never loosen it (`withOrganisationPolicy`). An invalid
 * file on either side is reported with its errors, the organisation's marked as such. Only
 * "no such file" (404) means no file: any other failure to read either file (an error answer, a
 * directory in the file's place) is thrown, so that the check fails closed with the reason
 * instead of scanning with defaults that may be weaker than the policy meant.
 */
export async function loadConfig(port: GitHubPort, repo: RepoRef): Promise<ParsedConfig> {
  const isPolicyRepo = repo.repo.toLowerCase() === ORGANISATION_CONFIG_REPO;
  const [own, policy] = await Promise.all([
    read(port, repo),
    isPolicyRepo
      ? Promise.resolve(null)
      : read(port, { owner: repo.owner, repo: ORGANISATION_CONFIG_REPO }),
  ]);
  const where = `${repo.owner}/${ORGANISATION_CONFIG_REPO}, ${CONFIG_PATH}`;
  return parseWithPolicy(own, policy === null ? null : { text: policy, where });
}

async function read(port: GitHubPort, repo: RepoRef): Promise<string | null> {
  try {
    return await port.readDefaultBranchFile(repo, CONFIG_PATH);
  } catch (error) {
    throw new Error(
      `could not read ${CONFIG_PATH} of ${repo.owner}/${repo.repo} (${describeError(error)}); the check does not fall back to the defaults, which may be weaker than the configured policy`,
    );
  }
}
