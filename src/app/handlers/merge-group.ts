import { repoOf, webhookHandler } from "./webhook-handler.js";

/** The merge queue asks for checks on a merge group: check run only, no review. */
export const mergeGroupHandler = webhookHandler(["merge_group.checks_requested"], ({ payload }) => {
  const { merge_group: group, repository } = payload;
  if (!repository) return { ignored: "merge group without a repository" };
  const scan = { ...repoOf(repository), baseSha: group.base_sha, headSha: group.head_sha };
  return { job: { kind: "merge-group", scan } };
});
