import {
  lexTemplate,
  type TemplateAction,
  type TemplateLexError,
  templateBlocks,
} from "./go-template-lexer.js";
import { templateView } from "./go-template.js";
import { type DocumentChunk, splitDocuments } from "./split-documents.js";

/**
 * Cuts a chart template into the YAML documents it renders, each marked as a template:
 * - at document markers found with the actions replaced (a `---` inside a comment or a string
 *   of an action does not cut);
 * - each named template (`{{ define "name" }}…{{ end }}`, as in `_helpers.tpl` and Falco's
 *   `pod-template.tpl`) is a document of its own: it renders only where it is included, so it is
 *   read as the fragment it is, from the start of the line of its `define` to its `end`; one with
 *   no literal mapping key renders a string (a name, an image reference), not YAML, and is left.
 * - a partial (a file whose name starts with `_`, `partial` true) is only its named templates:
 *   Helm never outputs the text around them, so that text is not read (as if blank, every offset
 *   and line of the file kept).
 * Offsets stay those of the file. A text Go's lexer refuses, or whose blocks do not nest (an `end`
 * or `else` with no block, a block never closed, which Go's parser refuses), gives that error
 * instead; a document of it may then be read knowing that its blocks are those of a whole
 * template (see `templateBlocks`).
 */
export function templateChunks(text: string, partial = false): DocumentChunk[] | TemplateLexError {
  const { actions, error } = lexTemplate(text);
  if (error) return error;
  const { stray } = templateBlocks(actions);
  const strayAction = stray === null ? undefined : actions[stray];
  if (strayAction) {
    const word = strayAction.keyword;
    const message =
      word === "else" || word === "end"
        ? `{{ ${word} }} closes no block`
        : `{{ ${word} }} is never closed by {{ end }}`;
    return { offset: strayAction.start, message };
  }
  const defines = topLevelDefines(actions);
  const segments: { start: number; end: number; define: boolean }[] = [];
  let pos = 0;
  for (const d of defines) {
    const from = lineStart(text, d.start);
    if (from > pos && !partial) segments.push({ start: pos, end: from, define: false });
    segments.push({ start: Math.max(from, pos), end: d.end, define: true });
    pos = d.end;
  }
  if (pos < text.length && !partial) segments.push({ start: pos, end: text.length, define: false });
  const chunks: DocumentChunk[] = [];
  for (const seg of segments) {
    const slice = text.slice(seg.start, seg.end);
    const parts = seg.define
      ? [{ index: 0, start: 0, text: slice }]
      : splitDocuments(templateView(slice).text).map((c) => ({
          ...c,
          text: slice.slice(c.start, c.start + c.text.length),
        }));
    for (const c of parts) {
      if (seg.define && !YAML_KEY.test(templateView(c.text).text)) continue;
      chunks.push({
        index: chunks.length,
        start: seg.start + c.start,
        text: c.text,
        template: true,
        ...(seg.define ? { define: true } : {}),
      });
    }
  }
  return chunks;
}

/**
 * A line that starts with a literal mapping key: a named template without one renders a string
 * (a name, an image reference, a label value), not YAML, and is not read.
 */
const YAML_KEY = /^[ \t]*(?:- +)?["']?[A-Za-z][\w./-]*["']?:(?:[ \t]|$)/m;

/** `[start, end)` of each `define … end` at the top level, from `{{ define` to past `end }}`. */
function topLevelDefines(actions: readonly TemplateAction[]): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  let depth = 0;
  let open = -1;
  for (const a of actions) {
    const k = a.keyword;
    if (k === "define" || k === "if" || k === "range" || k === "with" || k === "block") {
      if (depth === 0 && k === "define") open = a.start;
      depth++;
    } else if (k === "end" && depth > 0) {
      depth--;
      if (depth === 0 && open >= 0) {
        out.push({ start: open, end: a.end });
        open = -1;
      }
    }
  }
  return out;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}
