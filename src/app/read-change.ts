import { type Config, isIncluded } from "../config/index.js";
import { EVALUATE_CHANGE, type Evaluation } from "./evaluate-change.js";
import type { ChangedFileEntry, GitHubPort, RepoRef } from "./github-port.js";
import { blobRequests, planChanges } from "./plan-changes.js";
import type { PureRunner } from "./pure-function.js";

/**
 * The step every scan job shares: reads both sides of the changed files the config includes, the
 * base side at `shas.base` (the merge base) and the head side at `shas.head`, and evaluates them
 * with `pure` (in a worker thread within the scan's budget, in the App). A job stopped meanwhile
 * (a newer head) lets the evaluation finish and then publishes nothing.
 */
export async function readAndEvaluate(
  port: GitHubPort,
  repo: RepoRef,
  files: readonly ChangedFileEntry[],
  config: Config,
  shas: { readonly base: string; readonly head: string },
  pure: PureRunner,
): Promise<Evaluation> {
  const plan = planChanges(files, (path) => isIncluded(path, config));
  const contents = await port.readBlobs(repo, blobRequests(plan, shas));
  return pure.run(EVALUATE_CHANGE, { plan, contents, config });
}
