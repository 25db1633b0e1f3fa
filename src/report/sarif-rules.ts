/** SARIF rule metadata (`reportingDescriptor`s) from the engine's rule catalogue. */
import type { ReportingDescriptor } from "sarif";
import type { RuleInfo } from "../catalogue/index.js";
import type { Severity } from "../core/types.js";

/**
 * GitHub code scanning's `security-severity` scores: over 9.0 shows as critical, 7.0–8.9 high,
 * 4.0–6.9 medium, 0.1–3.9 low.
 */
export const SECURITY_SEVERITY: Readonly<Record<Severity, string>> = {
  critical: "9.5",
  high: "8.0",
  medium: "5.5",
  low: "3.0",
};

/** SARIF result levels: critical and high fail a code-scanning check, medium warns, low notes. */
export const SARIF_LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = {
  critical: "error",
  high: "error",
  medium: "warning",
  low: "note",
};

/** GitHub code scanning shows at most this many characters of a rule's descriptions. */
export const MAX_DESCRIPTION_LENGTH = 1024;

function clip(text: string): string {
  return text.length <= MAX_DESCRIPTION_LENGTH
    ? text
    : `${text.slice(0, MAX_DESCRIPTION_LENGTH - 1)}…`;
}

/** `host-namespaces` → `HostNamespaces`, the PascalCase name SARIF viewers show. */
export function ruleName(id: string): string {
  return id
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join("");
}

function pssLabel(rule: RuleInfo): string {
  return rule.pss
    ? `Pod Security Standards control \`${rule.pss.control}\` (${rule.pss.level})`
    : "Outside the Pod Security Standards";
}

export function ruleDescriptor(rule: RuleInfo): ReportingDescriptor {
  const pss = pssLabel(rule);
  return {
    id: rule.id,
    name: ruleName(rule.id),
    shortDescription: { text: rule.title },
    fullDescription: { text: clip(rule.rationale) },
    defaultConfiguration: { level: SARIF_LEVEL[rule.severity] },
    help: {
      text: `${rule.title}. ${pss.replace(/`/g, "")}; severity ${rule.severity}.\n\n${rule.rationale}\n\nRemediation: ${rule.remediation}`,
      markdown: [
        `**${rule.title}** — ${pss}, severity **${rule.severity}**.`,
        "",
        rule.rationale,
        "",
        `**Remediation:** ${rule.remediation}`,
        "",
        `Removes: ${rule.removes.join(", ")}. Run \`privilege-guard explain ${rule.id}\` for more.`,
      ].join("\n"),
    },
    properties: {
      tags: ["security", "kubernetes"],
      "security-severity": SECURITY_SEVERITY[rule.severity],
      precision: "high",
      ...(rule.pss ? { "pss-control": rule.pss.control, "pss-level": rule.pss.level } : {}),
    },
  };
}
