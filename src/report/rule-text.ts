/** Rule documentation for a terminal: `privilege-guard explain <rule>` and `privilege-guard rules`. */
import type { RuleInfo } from "../catalogue/index.js";

/** The rules whose id or PSS control is `name` (several rules may share a control). */
export function findRules(rules: readonly RuleInfo[], name: string): RuleInfo[] {
  const wanted = name.trim().toLowerCase();
  return rules.filter((r) => r.id === wanted || r.pss?.control.toLowerCase() === wanted);
}

function pssText(rule: RuleInfo): string {
  return rule.pss
    ? `${rule.pss.control} (Pod Security Standards, ${rule.pss.level} level)`
    : outsidePssText(rule);
}

/** What `explain` says of a rule that maps to no Pod Security Standards control. */
export function outsidePssText(rule: Pick<RuleInfo, "outsidePss">): string {
  return rule.outsidePss ? `none: ${rule.outsidePss}` : "none (outside the Pod Security Standards)";
}

/** Everything known about one rule. */
export function explainRule(rule: RuleInfo): string {
  return [
    `${rule.id}: ${rule.title}`,
    "",
    `PSS control:  ${pssText(rule)}`,
    `Severity:     ${rule.severity}`,
    `Removes:      ${rule.removes.join(", ")}`,
    `File kinds:   ${rule.kinds.join(", ")}`,
    "",
    "Why it matters",
    `  ${rule.rationale}`,
    "",
    "Remediation",
    `  ${rule.remediation}`,
    "",
    "Exception",
    ...exceptionText(rule),
    "",
  ].join("\n");
}

/** One line per rule: id, severity, PSS control, title. */
export function rulesList(rules: readonly RuleInfo[]): string {
  const idWidth = Math.max(4, ...rules.map((r) => r.id.length));
  const pssWidth = Math.max(11, ...rules.map((r) => (r.pss?.control ?? "—").length));
  const kindsWidth = Math.max(10, ...rules.map((r) => r.kinds.join(",").length));
  const header = `${"RULE".padEnd(idWidth)}  ${"SEVERITY".padEnd(8)}  ${"PSS CONTROL".padEnd(pssWidth)}  ${"FILE KINDS".padEnd(kindsWidth)}  TITLE`;
  const rows = rules.map(
    (r) =>
      `${r.id.padEnd(idWidth)}  ${r.severity.padEnd(8)}  ${(r.pss?.control ?? "—").padEnd(pssWidth)}  ${r.kinds.join(",").padEnd(kindsWidth)}  ${r.title}`,
  );
  return `${[header, ...rows].join("\n")}\n`;
}

/** How to keep the setting: an annotation on a Kubernetes object, an inline comment elsewhere. */
function exceptionText(rule: RuleInfo): string[] {
  const lines: string[] = [];
  if (rule.kinds.includes("kubernetes"))
    lines.push(
      `  If a workload truly needs it, annotate the object with privilege-guard.io/allow-${rule.id}: "<reason>"`,
      "  and keep it isolated (own namespace, dedicated nodes, NetworkPolicy).",
    );
  if (rule.kinds.some((k) => k !== "kubernetes"))
    lines.push(
      `  If a container truly needs it, write the comment \`privilege-guard: allow ${rule.id} -- <reason>\``,
      "  on the line above the setting and run it on a dedicated host or runner.",
    );
  return lines;
}
