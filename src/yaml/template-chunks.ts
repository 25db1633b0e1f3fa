import {
  lexTemplate,
  type TemplateAction,
  type TemplateLexError,
  templateBlocks,
} from "./go-template-lexer.js";
import { templateView } from "./go-template.js";
import { includedTemplateName, parsePipeline, templateName } from "./go-template-expr.js";
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
 * - with `splice`, a named template whose first line is `{{ include "other" ARG }}` alone (at
 *   column 0, no pipeline) of a named template of the same file is read as Helm renders it: the
 *   included body, then its own lines, which continue what that body leaves open (Bitnami
 *   Airflow's init containers continue the shared container's `volumeMounts`). See
 *   `DocumentChunk.spliced`: only the included body's offsets are not the file's.
 * Offsets stay those of the file. A text Go's lexer refuses, or whose blocks do not nest (an `end`
 * or `else` with no block, a block never closed, which Go's parser refuses), gives that error
 * instead; a document of it may then be read knowing that its blocks are those of a whole
 * template (see `templateBlocks`).
 */
export function templateChunks(
  text: string,
  partial = false,
  splice = false,
): DocumentChunk[] | TemplateLexError {
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
  const segments: { start: number; end: number; define: Define | null }[] = [];
  let pos = 0;
  for (const d of defines) {
    const from = lineStart(text, d.start);
    if (from > pos && !partial) segments.push({ start: pos, end: from, define: null });
    segments.push({ start: Math.max(from, pos), end: d.end, define: d });
    pos = d.end;
  }
  if (pos < text.length && !partial) segments.push({ start: pos, end: text.length, define: null });
  const chunks: DocumentChunk[] = [];
  const read = new Map<DocumentChunk, Define>();
  // Named templates that render a string, not YAML (not read), each tested once: a block that
  // includes one writes no setting.
  const stringDefines = new Set<string>();
  const strings = new Set<Define>();
  for (const { start, end, define } of segments) {
    if (!define || YAML_KEY.test(templateView(text.slice(start, end)).text)) continue;
    strings.add(define);
    const name = nameOf(actions[define.open]);
    if (name !== null) stringDefines.add(name);
  }
  for (const seg of segments) {
    const slice = text.slice(seg.start, seg.end);
    const parts = seg.define
      ? [{ index: 0, start: 0, text: slice }]
      : splitDocuments(templateView(slice).text).map((c) => ({
          ...c,
          text: slice.slice(c.start, c.start + c.text.length),
        }));
    for (const c of parts) {
      if (seg.define && strings.has(seg.define)) continue;
      const chunk: DocumentChunk = {
        index: chunks.length,
        start: seg.start + c.start,
        text: c.text,
        template: true,
        ...(seg.define ? { define: true, stringDefines } : {}),
      };
      chunks.push(chunk);
      if (seg.define) read.set(chunk, seg.define);
    }
  }
  return splice ? chunks.map((c) => splicedInclude(text, actions, read, c) ?? c) : chunks;
}

/**
 * The chunk of a named template whose first line includes another named template read here
 * (`read`: each named template's chunk), as Helm renders it: the included body (from the line of
 * its `define` to its `end`, which read as blank), then this template's lines after the include,
 * at their own offsets (see `DocumentChunk.spliced`). Null when the chunk is not one, or when the
 * body is longer than the text before those lines (an included template written after this one).
 */
function splicedInclude(
  text: string,
  actions: readonly TemplateAction[],
  read: ReadonlyMap<DocumentChunk, Define>,
  chunk: DocumentChunk,
): DocumentChunk | null {
  const define = read.get(chunk);
  const opening = define && actions[define.open];
  const include = define && actions[define.open + 1];
  if (!opening || !include || include.role !== "block") return null;
  if (lineStart(text, include.start) !== include.start) return null;
  if (text.slice(opening.end, include.start).trim() !== "") return null;
  const lineEnd = text.indexOf("\n", include.end);
  if (lineEnd < 0 || text.slice(include.end, lineEnd).trim() !== "") return null;
  const name = includedTemplateName(include.body);
  const included = [...read].find(([c, d]) => c !== chunk && nameOf(actions[d.open]) === name);
  if (name === null || !included) return null;
  const [body, by] = included;
  const closing = actions[by.close];
  if (!closing) return null;
  let head = text.slice(body.start, closing.start).replace(/[ \t]+$/, "");
  if (!head.endsWith("\n")) head += "\n";
  const rest = lineEnd + 1;
  const start = rest - head.length;
  const end = chunk.start + chunk.text.length;
  if (start < 0 || rest > end) return null;
  const spliced = { length: head.length, written: chunk };
  return { ...chunk, start, text: head + text.slice(rest, end), spliced };
}

/** The name a `define` action gives its template. */
function nameOf(action: TemplateAction | undefined): string | null {
  const [command] = action ? (parsePipeline(action.body, "define")?.pipeline ?? []) : [];
  return templateName(command ?? []);
}

/**
 * A line that starts with a literal mapping key: a named template without one renders a string
 * (a name, an image reference, a label value), not YAML, and is not read.
 */
const YAML_KEY = /^[ \t]*(?:- +)?["']?[A-Za-z][\w./-]*["']?:(?:[ \t]|$)/m;

/**
 * A `define … end` at the top level: `[start, end)` from `{{ define` to past `end }}`, and the
 * indices of its `define` and `end` actions.
 */
interface Define {
  readonly start: number;
  readonly end: number;
  readonly open: number;
  readonly close: number;
}

function topLevelDefines(actions: readonly TemplateAction[]): Define[] {
  const out: Define[] = [];
  let depth = 0;
  let open = -1;
  actions.forEach((a, i) => {
    const k = a.keyword;
    if (k === "define" || k === "if" || k === "range" || k === "with" || k === "block") {
      if (depth === 0 && k === "define") open = i;
      depth++;
    } else if (k === "end" && depth > 0) {
      depth--;
      const opening = actions[open];
      if (depth === 0 && opening) {
        out.push({ start: opening.start, end: a.end, open, close: i });
        open = -1;
      }
    }
  });
  return out;
}

function lineStart(text: string, at: number): number {
  return text.lastIndexOf("\n", at - 1) + 1;
}
