import { webhookHandler } from "./webhook-handler.js";

/**
 * The App installed or unsuspended, or given more repositories: their open pull requests have had
 * no scan (or none since the suspension), so a catch-up looks for heads without a completed check.
 */
export const installationHandler = webhookHandler(
  ["installation.created", "installation.unsuspend"],
  () => ({ job: { kind: "catch-up", repos: null } }),
);

export const installationRepositoriesHandler = webhookHandler(
  ["installation_repositories.added"],
  ({ payload }) => {
    const repos = payload.repositories_added.flatMap((r) => {
      const [owner, repo] = r.full_name.split("/");
      return owner && repo ? [{ owner, repo }] : [];
    });
    if (repos.length === 0) return { ignored: "no repository added" };
    return { job: { kind: "catch-up", repos } };
  },
);
