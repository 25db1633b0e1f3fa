import { explainText, helpText, type SlashCommand } from "../report/commands.js";
import type { ReactionContent, RepositoryPermission } from "./github-port.js";

export type CommandAction =
  | { readonly kind: "reply"; readonly body: string }
  | { readonly kind: "check-permission" };

export type RescanDecision =
  | { readonly kind: "rescan"; readonly reaction: ReactionContent }
  | { readonly kind: "refuse"; readonly body: string };

/** `help` and `explain` answer anyone; `rescan` first needs the commenter's permission. */
export function commandAction(command: SlashCommand): CommandAction {
  switch (command.name) {
    case "help":
      return { kind: "reply", body: helpText() };
    case "explain": {
      const text = explainText(command.rule);
      return {
        kind: "reply",
        body:
          text ??
          `Privilege Guard has no rule \`${command.rule.replace(/`/g, "")}\`.\n\n${helpText()}`,
      };
    }
    case "unknown":
      return {
        kind: "reply",
        body: `Privilege Guard does not know the command \`${command.text.replace(/`/g, "")}\`.\n\n${helpText()}`,
      };
    case "rescan":
      return { kind: "check-permission" };
  }
}

/**
 * A re-scan is for people who can push: repository permission `write` or `admin` (from the
 * permission API; `maintain` is reported as `write`). `author_association` is never used: it
 * misreports members whose organisation membership is private.
 */
export function rescanDecision(login: string, permission: RepositoryPermission): RescanDecision {
  if (permission === "admin" || permission === "write") return { kind: "rescan", reaction: "eyes" };
  return {
    kind: "refuse",
    body: `@${login} only people with write access to this repository can request a re-scan (your permission is \`${permission}\`). A maintainer can comment \`/privilege-guard rescan\`, or push a new commit to scan again.`,
  };
}
