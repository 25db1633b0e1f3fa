import { explainText, helpText, type SlashCommand } from "../report/commands.js";
import { inlineCode } from "../report/github-markdown.js";
import type { ReactionContent, RepositoryPermission } from "./github-port.js";

export type CommandAction =
  | { readonly kind: "reply"; readonly body: string }
  | { readonly kind: "check-permission" }
  | { readonly kind: "check-approver" };

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
        body: text ?? `Privilege Guard has no rule ${quoted(command.rule)}.\n\n${helpText()}`,
      };
    }
    case "unknown":
      return {
        kind: "reply",
        body: `Privilege Guard does not know the command ${quoted(command.text)}.\n\n${helpText()}`,
      };
    case "rescan":
      return { kind: "check-permission" };
    case "approve":
      return { kind: "check-approver" };
  }
}

/** What the App learnt about someone who asks to approve an exception. */
export interface ApproverFacts {
  readonly login: string;
  readonly pullRequestAuthor: string | null;
  /** Repository permission, when writers may approve (else null: not asked). */
  readonly permission: RepositoryPermission | null;
  /** Configured teams the user is a member of. */
  readonly memberOf: readonly string[];
  /** Teams whose membership GitHub would not tell (e.g. the App lacks Members: read). */
  readonly unknownTeams: readonly string[];
}

export type ApproverDecision =
  | { readonly kind: "approver"; readonly reaction: ReactionContent }
  | { readonly kind: "refuse"; readonly body: string };

/**
 * An exception the pull request requests for itself is approved by someone other than its author
 * who has write or admin permission (when `approvers.writers`) or belongs to one of
 * `approvers.teams`.
 */
export function approverDecision(
  facts: ApproverFacts,
  approvers: { readonly writers: boolean; readonly teams: readonly string[] },
): ApproverDecision {
  const who = `@${facts.login}`;
  if (facts.pullRequestAuthor?.toLowerCase() === facts.login.toLowerCase()) {
    return {
      kind: "refuse",
      body: `${who} an exception this pull request requests needs an approval from someone other than its author.`,
    };
  }
  const writer = facts.permission === "admin" || facts.permission === "write";
  if ((approvers.writers && writer) || facts.memberOf.length > 0) {
    return { kind: "approver", reaction: "eyes" };
  }
  const allowed = [
    approvers.writers ? "people with write access to this repository" : "",
    approvers.teams.length > 0 ? `members of ${approvers.teams.map(inlineCode).join(", ")}` : "",
  ].filter(Boolean);
  const unknown =
    facts.unknownTeams.length > 0
      ? ` GitHub did not tell the App whether you belong to ${facts.unknownTeams.map(inlineCode).join(", ")}: the App needs the organization permission Members: read.`
      : "";
  return {
    kind: "refuse",
    body:
      allowed.length > 0
        ? `${who} only ${allowed.join(" or ")} can approve exceptions (other than the pull request's author).${unknown}`
        : `${who} nobody may approve exceptions in this repository (\`exceptionApproval.approvers\` in \`.github/privilege-guard.yml\` names no one).`,
  };
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

/** Longest word of a comment quoted back in a reply. */
const MAX_QUOTED = 40;

/**
 * The first word of what a user wrote, at most `MAX_QUOTED` characters, as inline code: a reply
 * never echoes unbounded text (GitHub refuses comments over 65,536 characters), and nothing in it
 * renders as Markdown, HTML or a mention.
 */
function quoted(text: string): string {
  const word = text.trim().split(/\s+/)[0] ?? "";
  const chars = [...word];
  return inlineCode(chars.length > MAX_QUOTED ? `${chars.slice(0, MAX_QUOTED).join("")}…` : word);
}
