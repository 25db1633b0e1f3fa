/**
 * Markdown pieces shared by the review and the check run: rule titles, locations, resources, and
 * a fix rendered as a diff.
 */
import type { Finding, Fix, ResourceRef } from "../core/types.js";
import { rules } from "../engine/index.js";
import { fencedBlock } from "./code-fence.js";

/** The rule's title from the engine's catalogue, or its id when the catalogue does not know it. */
export function ruleTitle(ruleId: string): string {
  return rules.find((r) => r.id === ruleId)?.title ?? ruleId;
}

/** `path:line` or `path:line-endLine`. */
export function locationOf(finding: Pick<Finding, "path" | "line" | "endLine">): string {
  return finding.endLine > finding.line
    ? `${finding.path}:${finding.line}-${finding.endLine}`
    : `${finding.path}:${finding.line}`;
}

/** `Deployment netops/sniffer`, `Pod web`, or `(fragment)` for a document that is no object. */
export function resourceLabel(resource: ResourceRef | null): string {
  if (!resource) return "(fragment)";
  const name = resource.name ?? "(unnamed)";
  return `${resource.kind} ${resource.namespace ? `${resource.namespace}/` : ""}${name}`;
}

/** Inline code that survives backticks in the text. */
export function inlineCode(text: string): string {
  const oneLine = text.replace(/\r?\n/g, " ");
  let longest = 0;
  for (const run of oneLine.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const ticks = "`".repeat(longest + 1);
  const pad = oneLine.startsWith("`") || oneLine.endsWith("`") ? " " : "";
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}

/** Text safe in one cell of a Markdown table. */
export function tableCell(text: string): string {
  return text.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");
}

/** The head lines [start, end] of a file's text, without line endings; null when unknown. */
export function headLines(
  headTexts: ReadonlyMap<string, string> | undefined,
  path: string,
  start: number,
  end: number,
): string[] | null {
  const text = headTexts?.get(path);
  if (text === undefined) return null;
  const lines = text.split(/\r\n|\r|\n/);
  if (end > lines.length) return null;
  return lines.slice(start - 1, end);
}

/**
 * The fix as a fenced ```diff hunk when the lines it replaces are known; otherwise the new lines
 * in a ```yaml block, introduced by the line range they replace.
 */
export function fixAsDiff(fix: Fix, current: readonly string[] | null): string {
  const added = fix.text === "" ? [] : fix.text.replace(/\r/g, "").replace(/\n$/, "").split("\n");
  const count = fix.endLine - fix.line + 1;
  const range = count > 1 ? `lines ${fix.line}-${fix.endLine}` : `line ${fix.line}`;
  if (!current || current.length !== count) {
    const block = added.length === 0 ? "" : fencedBlock("yaml", `${added.join("\n")}\n`);
    return added.length === 0 ? `Delete ${range}.` : `Replace ${range} with:\n\n${block}`;
  }
  const newStart = added.length === 0 ? fix.line - 1 : fix.line;
  const hunk = [
    `@@ -${fix.line},${count} +${newStart},${added.length} @@`,
    ...current.map((l) => `-${l}`),
    ...added.map((l) => `+${l}`),
  ];
  return fencedBlock("diff", `${hunk.join("\n")}\n`);
}

/**
 * How to keep a finding as a justified exception with Privilege Guard: an annotation on the
 * object (when the repository allows them) or an entry in the App's config.
 */
export function exceptionHowTo(ruleId: string): string {
  const kinds = rules.find((r) => r.id === ruleId)?.kinds ?? ["kubernetes"];
  if (!kinds.includes("kubernetes")) {
    return [
      `To accept it here, write the comment \`privilege-guard: allow ${ruleId} -- <why this container needs it>\` on the line above the setting, or add an entry under \`exceptions\` in \`.github/privilege-guard.yml\` with \`rule: ${ruleId}\`, a \`reason\` and selectors (path, service).`,
      "A reviewer sees every new exception in the check run.",
    ].join(" ");
  }
  return [
    `To accept it here, add the annotation \`privilege-guard.io/allow-${ruleId}: "<why this workload needs it>"\` to the object's (or its pod template's) metadata, or an entry under \`exceptions\` in \`.github/privilege-guard.yml\` with \`rule: ${ruleId}\`, a \`reason\` and selectors (namespace, kind, name, container, path).`,
    "A reviewer sees every new exception in the check run.",
  ].join(" ");
}
