import { codeSpan } from "../core/code-span.js";
import type { Fix } from "../core/types.js";
import {
  type LexedTemplate,
  lexTemplate,
  type TemplateAction,
  templateBlocks,
} from "../yaml/go-template-lexer.js";
import type { LineIndex } from "../yaml/line-index.js";

/** Why a fix was withheld in a template, appended to the finding's remediation. */
export const TEMPLATE_FIX_WITHHELD =
  "No fix is suggested here: the only one found rewrites lines that hold Go template actions, which a suggestion must keep; change the setting by hand (or in the chart's values).";

/**
 * Whether a fix keeps every Go template action of the lines it replaces, unchanged and in order,
 * and adds none: a fix in a chart template edits only the setting's own lines and never
 * re-renders a block around actions (which would drop `{{ if }}`, `{{ include }}`…).
 */
export function keepsTemplateActions(text: string, index: LineIndex, fix: Fix): boolean {
  const replaced = text.slice(index.lineStart(fix.line), index.lineEnd(fix.endLine));
  if (!replaced.includes("{{") && !fix.text.includes("{{")) return true;
  const before = lexTemplate(replaced);
  const after = lexTemplate(fix.text);
  if (before.error || after.error || before.actions.length !== after.actions.length) return false;
  return before.actions.every((a, i) => {
    const b = after.actions[i];
    return b !== undefined && replaced.slice(a.start, a.end) === fix.text.slice(b.start, b.end);
  });
}

/**
 * The conditional that makes the setting at `at` an option of the chart: the innermost `if` or
 * `with` (or `else if`/`else with`) whose branch holds the setting and whose condition names it
 * (`{{- if .Values.useOperatorHostNetwork }}` over `hostNetwork: true`, `{{- if
 * .Values.global.proxy.privileged }}` over `privileged: true`; for a host namespace, also a
 * comparison with `"host"`, as Rook's `{{- if ($network.provider | default "") | eq "host" }}`).
 * Such a line is written only for the installs that turn the option on, so removing it would not
 * take the privilege away from a workload that does not need it but leave the option silently
 * doing nothing for those that do. Null when no such conditional holds the setting.
 */
export function optionGate(
  lexed: LexedTemplate,
  at: number,
  setting: string,
): TemplateAction | null {
  const word = normalized(setting);
  // A key many settings share (`type:` of a profile, `path:` of any volume) names no option.
  if (word === "" || GENERIC_KEYS.has(word)) return null;
  const { actions } = lexed;
  let found: TemplateAction | null = null;
  let innermost = Number.POSITIVE_INFINITY;
  for (const block of templateBlocks(actions).blocks) {
    const open = actions[block.open];
    const end = actions[block.end];
    if (!open || !end || at < open.end || at >= end.start) continue;
    if (open.keyword !== "if" && open.keyword !== "with") continue;
    // The branch that holds the setting: the opening action's, or an `else`'s.
    let governing: TemplateAction = open;
    for (const i of block.elses) {
      const e = actions[i];
      if (e && at >= e.end) governing = e;
    }
    const condition = governing.body.replace(/^else\b\s*/, "");
    if (!/^(?:if|with)\b/.test(condition)) continue;
    const names =
      normalized(condition).includes(word) ||
      (HOST_NAMESPACES.has(setting) && /"host"/.test(condition));
    // Of the conditionals that name it, the innermost (the one that opens last before it).
    if (names && end.start - open.start < innermost) {
      innermost = end.start - open.start;
      found = governing;
    }
  }
  return found;
}

/**
 * The setting a finding at `at` stands on, as its line writes it: the key (`hostNetwork` of
 * `hostNetwork: true`) or a list item's scalar (`SYS_ADMIN` of `- SYS_ADMIN`).
 */
export function settingAt(text: string, at: number): string {
  const start = text.lastIndexOf("\n", at - 1) + 1;
  const end = text.indexOf("\n", at);
  const line = text.slice(start, end === -1 ? text.length : end);
  const m = /^\s*(?:-\s+)?["']?([\w.-]+)["']?\s*(?::|$)/.exec(line);
  return m?.[1] ?? "";
}

const HOST_NAMESPACES = new Set(["hostNetwork", "hostPID", "hostIPC"]);
const GENERIC_KEYS = new Set(["type", "name", "path", "value", "add", "drop", "level"]);

/** A name with case and separators left out: `useOperatorHostNetwork` holds `hostnetwork`. */
function normalized(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}

/** Why no fix is offered for a setting only an option of the chart writes (see `optionGate`). */
export function optionGateAdvice(text: string, gate: TemplateAction): string {
  const written = text.slice(gate.start, gate.end).replace(/\s+/g, " ");
  return `No fix is suggested: this line is written only when ${codeSpan(written)} holds, an option the chart leaves to whoever installs it, and removing the line would leave that option silently doing nothing. Keep the option off by default, say beside it in the chart's values what it grants, and review each install that turns it on; or remove the option from the templates and the values together.`;
}
