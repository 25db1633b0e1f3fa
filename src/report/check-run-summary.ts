/**
 * The check run's summary (counts, the table of new findings, accepted exceptions, pre-existing
 * findings, files that could not be read, how to fix or justify) and its details text (each new
 * finding in full). Both are Markdown within GitHub's 65,535 characters and 65,535 UTF-8 bytes:
 * table rows that do not fit are counted in a note, never cut in half.
 */
import { compareFindings, isAtLeast } from "../core/severity-order.js";
import type { Finding, Problem } from "../core/types.js";
import type { Evaluation } from "../evaluation/evaluation.js";
import { awaitingApprovalTable, requestedStatus } from "./check-run-approvals.js";
import { MAX_CHECK_TEXT_BYTES, MAX_CHECK_TEXT_CHARS } from "./github-limits.js";
import {
  containerCode,
  escapeText,
  fixAsDiff,
  headLines,
  inlineCode,
  locationOf,
  resourceCode,
  ruleTitle,
  ruleMarkdown,
  tableCell,
} from "./github-markdown.js";
import { type TextLimit, truncateText, utf8Length } from "./github-truncate.js";

export const CHECK_TEXT_LIMIT: TextLimit = {
  maxChars: MAX_CHECK_TEXT_CHARS,
  maxBytes: MAX_CHECK_TEXT_BYTES,
};

const FINDING_HEADER = ["Rule", "File:line", "Resource", "Container", "Severity"];

export function buildSummary(input: Evaluation, command = "/privilege-guard"): string {
  const introduced = [...input.reported].sort(compareFindings);
  const tail = howTo(command);
  const head = counts(input);
  // UTF-8 bytes are never fewer than UTF-16 units, so a byte budget bounds both.
  let budget = MAX_CHECK_TEXT_BYTES - utf8Length(head) - utf8Length(tail) - 16;
  const sections: string[] = [head];
  const add = (section: string): void => {
    if (section === "") return;
    sections.push(section);
    budget -= utf8Length(section) + 2;
  };
  add(
    table(
      "### New findings",
      FINDING_HEADER,
      introduced.map((f) => findingRow(f, isAtLeast(f.severity, input.failOn))),
      Math.max(0, budget - 3000),
      "(see the annotations)",
    ),
  );
  const awaiting = awaitingApprovalTable(input.accepted, input.approvalGate ?? undefined, command);
  if (awaiting) {
    add(table(awaiting.heading, awaiting.header, awaiting.rows, Math.max(0, budget - 2500)));
  }
  add(
    table(
      "### Accepted exceptions",
      ["Rule", "File:line", "Resource", "Container", "Reason"],
      input.accepted.map((a) => [
        ruleCell(a.finding.ruleId),
        inlineCode(locationOf(a.finding)),
        resourceCode(a.finding.resource),
        containerCode(a.finding.container),
        `${requestedStatus(a, input.approvalGate ?? undefined)}${escapeText(a.reason)} (${a.source === "config" ? "config" : "annotation"})`,
      ]),
      Math.max(0, budget - 2000),
    ),
  );
  add(problemsSection(input.problems, input.onUnreadable, Math.max(0, budget - 1000)));
  add(
    table(
      "### Pre-existing findings (already on the base branch; they do not fail this check)",
      FINDING_HEADER,
      [...input.existing].sort(compareFindings).map((f) => findingRow(f, false)),
      Math.max(0, budget),
    ),
  );
  sections.push(tail);
  return truncateText(
    sections.join("\n\n"),
    CHECK_TEXT_LIMIT,
    "\n\n_(summary cut to GitHub's size limit)_",
  );
}

/** Each new finding in full: message, why it matters, the fix as a diff, how to keep it. */
export function buildDetailsText(input: Evaluation): string | undefined {
  if (input.reported.length === 0) return undefined;
  const entries = [...input.reported].sort(compareFindings).map((f) => details(f, input.headTexts));
  let out = "";
  let shown = 0;
  for (const entry of entries) {
    const candidate = out === "" ? entry : `${out}\n\n${entry}`;
    if (utf8Length(candidate) + 200 > MAX_CHECK_TEXT_BYTES) break;
    out = candidate;
    shown++;
  }
  const left = entries.length - shown;
  if (left > 0)
    out += `\n\n_${left} more ${left === 1 ? "finding is" : "findings are"} listed in the annotations._`;
  return truncateText(out, CHECK_TEXT_LIMIT, "\n\n_(cut to GitHub's size limit)_");
}

function counts(input: Evaluation): string {
  const failing = input.verdict.failing.length;
  const requested = input.accepted.filter((a) => a.requestedInThisPr).length;
  const awaiting = input.verdict.awaitingApproval;
  const note = [
    requested > 0 ? `${requested} requested in this PR` : "",
    awaiting > 0 ? `${awaiting} awaiting approval` : "",
  ]
    .filter(Boolean)
    .join(", ");
  const lines = [
    `Pod Security Standards level **${input.level}**; the check fails on new findings of severity **${input.failOn}** or higher${input.onUnreadable === "failure" ? ", and on changed files it could not read" : ""}.`,
    "",
    "| New | Failing this check | Pre-existing | Accepted exceptions | Files not fully scanned |",
    "| ---: | ---: | ---: | ---: | ---: |",
    `| ${input.reported.length} | ${failing} | ${input.existing.length} | ${input.accepted.length}${note ? ` (${note})` : ""} | ${new Set(input.problems.map((p) => p.path)).size} |`,
  ];
  return lines.join("\n");
}

function findingRow(f: Finding, failing: boolean): string[] {
  return [
    ruleCell(f.ruleId),
    inlineCode(locationOf(f)),
    resourceCode(f.resource),
    containerCode(f.container),
    failing ? `**${f.severity}** (fails)` : f.severity,
  ];
}

function ruleCell(ruleId: string): string {
  return `${escapeText(ruleTitle(ruleId))} (${inlineCode(ruleId)})`;
}

/** A table with as many rows as fit in `budget` bytes; the others are counted in a note. */
function table(
  heading: string,
  header: readonly string[],
  rows: readonly (readonly string[])[],
  budget: number,
  whereElse = "",
): string {
  if (rows.length === 0) return "";
  const lines = [
    heading,
    "",
    `| ${header.join(" | ")} |`,
    `| ${header.map(() => "---").join(" | ")} |`,
  ];
  let size = utf8Length(lines.join("\n")) + 120;
  let shown = 0;
  for (const row of rows) {
    const line = `| ${row.map(tableCell).join(" | ")} |`;
    const bytes = utf8Length(line) + 1;
    if (size + bytes > budget) break;
    lines.push(line);
    size += bytes;
    shown++;
  }
  const where = whereElse === "" ? "" : ` ${whereElse}`;
  if (shown === 0 && budget < size) {
    return `${heading}\n\n_${rows.length} not shown: the summary is full${where}._`;
  }
  const left = rows.length - shown;
  if (left > 0) lines.push("", `_… and ${left} more${where}._`);
  return lines.join("\n");
}

function problemsSection(
  problems: readonly Problem[],
  onUnreadable: "failure" | "neutral",
  budget: number,
): string {
  if (problems.length === 0) return "";
  const lines = ["### Files that could not be read in full", ""];
  let size = utf8Length(lines.join("\n")) + 80;
  let shown = 0;
  for (const p of problems) {
    const line = `- ${inlineCode(`${p.path}:${p.line}`)} (${inlineCode(p.code)}): ${escapeText(p.message)}`;
    const bytes = utf8Length(line) + 1;
    if (size + bytes > budget) break;
    lines.push(line);
    size += bytes;
    shown++;
  }
  if (problems.length > shown)
    lines.push(`- _… and ${problems.length - shown} more (see the annotations)._`);
  const consequence =
    onUnreadable === "failure"
      ? "The check fails until they can be read (the repository's `onUnreadable: failure`)."
      : "The check is neutral, so it does not block the merge (the repository's `onUnreadable: neutral`): review these files by hand.";
  lines.push(
    "",
    `A privileged setting in these parts would go unnoticed. ${consequence} Fix each file so that it parses and stays within the limits.`,
  );
  return lines.join("\n");
}

function details(f: Finding, headTexts?: ReadonlyMap<string, string>): string {
  const lines = [
    `#### ${inlineCode(locationOf(f))} · ${escapeText(ruleTitle(f.ruleId))} (${f.severity})`,
    "",
    `${ruleMarkdown(f.message)} (${resourceCode(f.resource)})`,
    "",
    `**What this removes:** ${f.removes.join(", ")}. ${ruleMarkdown(f.explanation)}`,
  ];
  if (f.fix) {
    const current = headLines(headTexts, f.path, f.fix.line, f.fix.endLine);
    lines.push("", `**Fix:** ${ruleMarkdown(f.fix.description)}`, "", fixAsDiff(f.fix, current));
  } else {
    lines.push("", `**Fix:** ${ruleMarkdown(f.remediation)}`);
  }
  return lines.join("\n");
}

function howTo(command: string): string {
  return [
    "### How to fix or justify",
    "",
    "- **Fix:** apply the suggestion in the review comment (or the fix shown in the annotation), or follow the rule's remediation.",
    `- **Justify:** when a workload truly needs the setting, add the annotation \`privilege-guard.io/allow-<rule>: "<reason>"\` to the object's metadata, or an exception with a \`reason\` in \`.github/privilege-guard.yml\`. Accepted exceptions are listed here; one requested in this PR needs an approval from someone other than its author (\`${command} approve <rule> [resource]\`).`,
    `- Comment \`${command} explain <rule>\` for a rule's rationale, \`${command} rescan\` to scan again.`,
  ].join("\n");
}
