/**
 * The README's rules table, made from the engine's rule catalogue: `npm run docs` writes it
 * between `<!-- rules:start -->` and `<!-- rules:end -->`, and a test fails when it is stale.
 */
import type { RuleInfo } from "../engine/index.js";

/** A Markdown table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function pssCell(rule: RuleInfo): string {
  return rule.pss ? `\`${rule.pss.control}\` (${rule.pss.level})` : "—";
}

/** One row per rule, in catalogue order. Ends with a newline. */
export function rulesTable(rules: readonly RuleInfo[]): string {
  const rows = [
    "| PSS control | Rule | Severity | What it removes | Fix |",
    "| --- | --- | --- | --- | --- |",
    ...rules.map(
      (r) =>
        `| ${pssCell(r)} | \`${r.id}\` — ${cell(r.title)} | ${r.severity} | ${cell(r.removes.join(", "))} | ${cell(r.remediation)} |`,
    ),
  ];
  return `${rows.join("\n")}\n`;
}
