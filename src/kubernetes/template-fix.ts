import type { Fix } from "../core/types.js";
import { lexTemplate } from "../yaml/go-template-lexer.js";
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
