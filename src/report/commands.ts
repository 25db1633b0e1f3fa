/**
 * Slash commands in pull request comments: `/privilege-guard rescan`, `help`, `explain <rule>`
 * and `approve <rule> [resource]`. The comment is read as Markdown (CommonMark, as GitHub renders
 * it): a command counts only at the start of a line of a paragraph, outside block quotes, so one
 * in an HTML comment, an HTML block, a fenced or indented code block or a quote (a reply quoting
 * an earlier command) never runs. The first such line counts.
 */
import type { Nodes, Paragraph } from "mdast";
import { fromMarkdown } from "mdast-util-from-markdown";
import { type RuleInfo, rules } from "../catalogue/index.js";
import { exceptionHowTo } from "./github-markdown.js";
import { outsidePssText } from "./rule-text.js";

export const COMMAND_NAME = "/privilege-guard";

export type SlashCommand =
  | { name: "rescan" }
  | { name: "help" }
  | { name: "explain"; rule: string }
  | { name: "approve"; rule: string; resource: string | null }
  | { name: "unknown"; text: string };

/** `/privilege-guard` followed by the end of the line or whitespace (not `/privilege-guardian`). */
const COMMAND_LINE = /^ {0,3}\/privilege-guard(?:[ \t]+(.*))?$/i;

/** The command of the first command line in `body`, or null when there is none. */
export function parseSlashCommand(body: string): SlashCommand | null {
  // Markdown's line endings: LF, CRLF and a lone CR, as the parser counts lines.
  const lines = body.split(/\r\n|\r|\n/);
  for (const line of commandLines(body)) {
    const match = COMMAND_LINE.exec(lines[line - 1] ?? "");
    if (match) return commandOf((match[1] ?? "").trim());
  }
  return null;
}

/**
 * The 1-based lines, in order, where a paragraph outside any block quote has, at the start of a
 * line, text that begins with the command. HTML (comments, blocks, inline), code and quotes are
 * other nodes, so nothing in them is ever such text.
 */
function commandLines(body: string): number[] {
  const found: number[] = [];
  const stack: Nodes[] = [fromMarkdown(body)];
  while (stack.length > 0) {
    const node = stack.pop() as Nodes;
    if (node.type === "blockquote") continue;
    if (node.type === "paragraph") {
      paragraphCommandLines(node, found);
      continue;
    }
    if ("children" in node) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i] as Nodes);
    }
  }
  return found.sort((a, b) => a - b);
}

function paragraphCommandLines(paragraph: Paragraph, found: number[]): void {
  let atLineStart = true;
  for (const child of paragraph.children) {
    if (child.type === "break") {
      atLineStart = true;
      continue;
    }
    if (child.type !== "text") {
      atLineStart = false;
      continue;
    }
    const first = child.position?.start.line ?? 0;
    child.value.split(/\r\n|\r|\n/).forEach((piece, k) => {
      if ((k > 0 || atLineStart) && piece.trimStart().toLowerCase().startsWith(COMMAND_NAME)) {
        found.push(first + k);
      }
    });
    atLineStart = /[\r\n]$/.test(child.value);
  }
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
    : outsidePssText(rule);
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
