/**
 * Slash commands in pull request comments: `/privilege-guard rescan`, `help`, `explain <rule>`
 * and `approve <rule> [resource]`. Only the first line that starts with the command counts; lines quoted with
 * `>` (a reply quoting an earlier command) and lines in code blocks are ignored, so quoting or
 * documenting a command never runs it.
 */
import { type RuleInfo, rules } from "../engine/index.js";
import { exceptionHowTo } from "./github-markdown.js";

export const COMMAND_NAME = "/privilege-guard";

export type SlashCommand =
  | { name: "rescan" }
  | { name: "help" }
  | { name: "explain"; rule: string }
  | { name: "approve"; rule: string; resource: string | null }
  | { name: "unknown"; text: string };

/** `/privilege-guard` followed by the end of the line or whitespace (not `/privilege-guardian`). */
const COMMAND_LINE = /^ {0,3}\/privilege-guard(?:[ \t]+(.*))?$/i;
/** A fenced code block opens and closes with 3+ backticks or tildes (GFM), indented ≤ 3 spaces. */
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/** The command of the first command line in `body`, or null when there is none. */
export function parseSlashCommand(body: string): SlashCommand | null {
  let fence: string | null = null;
  for (const raw of body.split("\n")) {
    const line = raw.replace(/\r$/, "");
    const fenceMatch = FENCE.exec(line);
    if (fence !== null) {
      if (fenceMatch?.[1] && closes(fence, fenceMatch[1], line)) fence = null;
      continue;
    }
    if (fenceMatch?.[1]) {
      fence = fenceMatch[1];
      continue;
    }
    const match = COMMAND_LINE.exec(line);
    if (match) return commandOf((match[1] ?? "").trim());
  }
  return null;
}

function closes(open: string, candidate: string, line: string): boolean {
  return candidate[0] === open[0] && candidate.length >= open.length && line.trim() === candidate;
}

function commandOf(args: string): SlashCommand {
  const words = args.split(/\s+/).filter((w) => w !== "");
  const verb = (words[0] ?? "").toLowerCase();
  if (verb === "" || verb === "help") return words.length <= 1 ? { name: "help" } : unknown(args);
  if (verb === "rescan") return words.length === 1 ? { name: "rescan" } : unknown(args);
  if (verb === "explain" && words.length === 2 && words[1])
    return { name: "explain", rule: words[1] };
  if (verb === "approve" && (words.length === 2 || words.length === 3) && words[1])
    return { name: "approve", rule: words[1], resource: words[2] ?? null };
  return unknown(args);
}

function unknown(text: string): SlashCommand {
  return { name: "unknown", text };
}

/** The reply to `help` (and to an unknown command). */
export function helpText(): string {
  return [
    "**Privilege Guard commands** (comment on the pull request, at the start of a line):",
    "",
    "| Command | What it does | Who may use it |",
    "| --- | --- | --- |",
    `| \`${COMMAND_NAME} rescan\` | Scans the pull request again (after a config change, or when a scan failed). | Users with **write** or **admin** permission on the repository |`,
    `| \`${COMMAND_NAME} explain <rule>\` | Explains a rule: what it checks, why it matters, how to fix it or keep it as an exception. \`<rule>\` is a rule id (\`privileged\`) or a PSS control id. | Anyone who can comment |`,
    `| \`${COMMAND_NAME} approve <rule> [resource]\` | Approves an exception this pull request requests for itself, as the check run lists it under "Exceptions awaiting approval"; without \`[resource]\`, every one of that rule. | Users with **write** or **admin** permission, or members of the configured approver teams; never the pull request's author |`,
    `| \`${COMMAND_NAME} help\` | Shows this list. | Anyone who can comment |`,
    "",
    `Rules: ${rules.map((r) => `\`${r.id}\``).join(", ")}.`,
  ].join("\n");
}

/** A rule's explanation, by rule id or PSS control id (case-insensitive); null when unknown. */
export function explainText(ruleIdOrPss: string): string | null {
  const wanted = ruleIdOrPss.trim().toLowerCase();
  if (wanted === "") return null;
  // A PSS control id names every rule that maps to it, whatever the file kind.
  const found = rules.filter(
    (r) => r.id.toLowerCase() === wanted || r.pss?.control.toLowerCase() === wanted,
  );
  if (found.length === 0) return null;
  return found.map(explainRule).join("\n\n---\n\n");
}

function explainRule(rule: RuleInfo): string {
  const pss = rule.pss
    ? `\`${rule.pss.control}\` (${rule.pss.level} level of the Pod Security Standards)`
    : "none (outside the Pod Security Standards)";
  const exception =
    "exception" in rule && typeof rule.exception === "string" ? `${rule.exception}\n\n` : "";
  return [
    `### ${rule.title} (\`${rule.id}\`)`,
    "",
    `**PSS control:** ${pss} · **Severity:** ${rule.severity}`,
    "",
    `**Removes:** ${rule.removes.join(", ")}`,
    "",
    rule.rationale,
    "",
    `**Remediation:** ${rule.remediation}`,
    "",
    `**Keeping it as an exception:** ${exception}${exceptionHowTo(rule.id)}`,
  ].join("\n");
}
