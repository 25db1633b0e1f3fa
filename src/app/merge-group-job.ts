import {
  buildCheckRun,
  buildConfigErrorCheckRun,
  buildErrorCheckRun,
} from "../report/check-run.js";
import { runChecked } from "./check-lifecycle.js";
import { CHECK_NAME, externalIdFor } from "./check-run-ref.js";
import type { CheckResult } from "./check-run-updates.js";
import type { RepoRef } from "./github-port.js";
import type { JobContext } from "./job-context.js";
import { loadConfig } from "./load-config.js";
import { readAndEvaluate } from "./read-change.js";
import { MAX_COMPARE_FILES, tooManyFilesMessage } from "./scan-results.js";

export interface MergeGroupScan extends RepoRef {
  readonly baseSha: string;
  readonly headSha: string;
}

/**
 * Scans a merge queue's merge group (`base_sha...head_sha`) and completes the check run on its
 * head: no review (a merge group is not a pull request). GitHub's comparison lists at most 300
 * files; a larger group cannot be scanned completely and completes per `onError`.
 */
export async function runMergeGroupScan(
  ctx: JobContext,
  scan: MergeGroupScan,
): Promise<CheckResult | null> {
  const repo = { owner: scan.owner, repo: scan.repo };
  const start = {
    name: CHECK_NAME,
    headSha: scan.headSha,
    externalId: externalIdFor({ kind: "merge-group", baseSha: scan.baseSha }),
  };
  ctx.log.info({ scan }, "scanning merge group");
  return runChecked(ctx, repo, start, async (state) => {
    state.step = "reading the configuration";
    const { config, errors } = await loadConfig(ctx.port, repo);
    if (errors.length > 0) return buildConfigErrorCheckRun(errors);
    state.onError = config.onError;

    state.step = "comparing the merge group with its base";
    const { mergeBaseSha, files } = await ctx.port.compareCommits(repo, scan.baseSha, scan.headSha);
    if (files.length >= MAX_COMPARE_FILES) {
      const message = tooManyFilesMessage(files.length, MAX_COMPARE_FILES, "This merge group");
      return buildErrorCheckRun(message, config.onError);
    }
    state.step = "reading the changed files";
    const shas = { base: mergeBaseSha, head: scan.headSha };
    const { evaluation } = await readAndEvaluate(ctx.port, repo, files, config, shas, ctx.pure);
    ctx.countFindings?.(evaluation.reported);
    return buildCheckRun(evaluation);
  });
}
