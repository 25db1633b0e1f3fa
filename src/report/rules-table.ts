/**
 * The README's rules table, made from the engine's rule catalogue: `npm run docs` writes it
 * between `<!-- rules:start -->` and `<!-- rules:end -->`, and a test fails when it is stale.
 */
import type { RuleInfo } from "../catalogue/index.js";

/** A Markdown table cell: no line breaks, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

function pssCell(rule: RuleInfo): string {
  return rule.pss ? `\`${rule.pss.control}\` (${rule.pss.level})` : "—";
}

const HEADER = ["PSS control", "Rule", "File kinds", "Severity", "What it removes", "Fix"];

/** A Markdown table with its columns padded to equal width, as the formatter lays it out. */
export function markdownTable(
  header: readonly string[],
  rows: readonly (readonly string[])[],
): string {
  const widths = header.map((h, i) =>
    Math.max(3, h.length, ...rows.map((r) => (r[i] ?? "").length)),
  );
  const line = (cells: readonly string[]) =>
    `| ${widths.map((w, i) => (cells[i] ?? "").padEnd(w)).join(" | ")} |`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)]
    .map((l) => `${l}\n`)
    .join("");
}

/** One row per rule, in catalogue order. Ends with a newline. */
export function rulesTable(rules: readonly RuleInfo[]): string {
  return markdownTable(
    HEADER,
    rules.map((r) => [
      pssCell(r),
      `\`${r.id}\` — ${cell(r.title)}`,
      cell(r.kinds.join(", ")),
      r.severity,
      cell(r.removes.join(", ")),
      cell(r.remediation),
    ]),
  );
}
