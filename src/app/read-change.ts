import { type Config, isIncluded } from "../config/index.js";
import { type Evaluation, evaluate } from "./evaluate-change.js";
import type { ChangedFileEntry, GitHubPort, RepoRef } from "./github-port.js";
import { blobRequests, planChanges } from "./plan-changes.js";

/**
 * The step every scan job shares: reads both sides of the changed files the config includes, the
 * base side at `shas.base` (the merge base) and the head side at `shas.head`, and evaluates them.
 */
export async function readAndEvaluate(
  port: GitHubPort,
  repo: RepoRef,
  files: readonly ChangedFileEntry[],
  config: Config,
  shas: { readonly base: string; readonly head: string },
): Promise<Evaluation> {
  const plan = planChanges(files, (path) => isIncluded(path, config));
  const contents = await port.readBlobs(repo, blobRequests(plan, shas));
  return evaluate(plan, contents, config);
}
