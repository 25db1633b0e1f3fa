import type { Probot } from "probot";
import type { HandlerDeps } from "./handler-deps.js";

/**
 * The App installed or unsuspended, or given more repositories: their open pull requests have had
 * no scan (or none since the suspension), so a catch-up looks for heads without a completed check.
 */
export function onInstallation(app: Probot, deps: HandlerDeps): void {
  app.on(["installation.created", "installation.unsuspend"], async (context) => {
    if (!deps.firstDelivery(context)) return;
    await deps.enqueue(context, { kind: "catch-up", repos: null });
  });

  app.on("installation_repositories.added", async (context) => {
    if (!deps.firstDelivery(context)) return;
    const repos = context.payload.repositories_added.flatMap((r) => {
      const [owner, repo] = r.full_name.split("/");
      return owner && repo ? [{ owner, repo }] : [];
    });
    if (repos.length > 0) await deps.enqueue(context, { kind: "catch-up", repos });
  });
}
