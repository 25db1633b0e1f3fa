import type { Probot } from "probot";
import { type HandlerDeps, repoOf } from "./handler-deps.js";

/** The merge queue asks for checks on a merge group: check run only, no review. */
export function onMergeGroup(app: Probot, deps: HandlerDeps): void {
  app.on("merge_group.checks_requested", async (context) => {
    if (!deps.firstDelivery(context)) return;
    const { merge_group: group, repository } = context.payload;
    if (!repository) return;
    const scan = { ...repoOf(repository), baseSha: group.base_sha, headSha: group.head_sha };
    await deps.enqueue(context, { kind: "merge-group", scan });
  });
}
