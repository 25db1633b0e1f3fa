import { formatPatch, OMIT_HEADERS, type StructuredPatch, structuredPatch } from "diff";
import type { Fix } from "../core/types.js";

/** Lines of unchanged text shown around a fix. */
export const FIX_CONTEXT_LINES = 2;

/**
 * A fix as a unified-diff patch against the text it applies to, line numbers those of the file.
 * Only a window around the fix is compared, so a fix in a large file costs no more than one in a
 * small one. Line endings are shown as "\n".
 */
export function fixPatch(
  text: string,
  fix: Fix,
  context: number = FIX_CONTEXT_LINES,
): StructuredPatch {
  const lines = text.replace(/\r\n?/g, "\n").split(/(?<=\n)/);
  const from = Math.max(1, fix.line - context);
  const to = Math.min(lines.length, fix.endLine + context);
  const last = lines[fix.endLine - 1];
  const noFinalNewline = fix.endLine >= lines.length && last !== undefined && !last.endsWith("\n");
  const replacement = noFinalNewline && fix.text.endsWith("\n") ? fix.text.slice(0, -1) : fix.text;
  const before = lines.slice(from - 1, to).join("");
  const after =
    lines.slice(from - 1, fix.line - 1).join("") +
    replacement +
    lines.slice(fix.endLine, to).join("");
  const patch = structuredPatch("a", "b", before, after, undefined, undefined, { context });
  return {
    ...patch,
    hunks: patch.hunks.map((h) => ({
      ...h,
      oldStart: h.oldStart + from - 1,
      newStart: h.newStart + from - 1,
    })),
  };
}

/** The fix as unified-diff text (hunks only, no file headers), each line ending in "\n". */
export function fixDiffText(text: string, fix: Fix, context: number = FIX_CONTEXT_LINES): string {
  return formatPatch(fixPatch(text, fix, context), OMIT_HEADERS);
}
