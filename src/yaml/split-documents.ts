import { jsonStreamCuts } from "./json-stream.js";

/** One YAML document's slice of a stream. */
export interface DocumentChunk {
  readonly index: number;
  /** Offset of the chunk in the whole text. */
  readonly start: number;
  readonly text: string;
  /**
   * The chunk is part of a Helm chart template: its Go template actions are read as such (see
   * `go-template.ts`), and the blocks of the whole template nest (see `templateChunks`).
   * Otherwise only actions that YAML cannot hold as text make it a template.
   */
  readonly template?: boolean;
  /** The chunk is a named template's body (`{{ define }}`), which renders only where included. */
  readonly define?: boolean;
  /**
   * For a named template's body: the file's named templates that render a string (no literal
   * mapping key), so that a block including one of them writes no YAML.
   */
  readonly stringDefines?: ReadonlySet<string>;
  /**
   * The named template's first line includes another named template of the file, whose body it
   * continues (see `templateChunks`): the chunk's text is that body (its first `length`
   * characters, which stand for no text of the file at their offsets: what is read there is
   * reported on that template's own reading) followed by the rest of this one, at its own
   * offsets. `written` is the chunk as written in the file.
   */
  readonly spliced?: { readonly length: number; readonly written: DocumentChunk };
}

/** A document marker: `---` or `...` and then white space or the end (at the start of a line). */
const MARKER_SOURCE = String.raw`(?:---|\.\.\.)(?=[ \t\r\n]|$)`;
const MARKER = new RegExp(`^${MARKER_SOURCE}`, "gm");

/** Whether a document marker starts at `at` (the caller knows `at` starts a line). */
export function documentMarkerAt(text: string, at: number): boolean {
  const marker = new RegExp(MARKER_SOURCE, "y");
  marker.lastIndex = at;
  return marker.test(text);
}

/**
 * Splits a stream into documents, so each can be parsed, screened and re-checked on its own:
 * - YAML at document markers (`---` or `...` at the start of a line), which end a document in any
 *   context. A `---` chunk keeps its marker; directives (`%YAML`, `%TAG`) stay with the document
 *   they precede; chunks with nothing but markers, comments and blank lines are dropped.
 * - A JSON stream (kubectl reads a text that starts with `{` as a sequence of JSON objects) between
 *   its top-level objects.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  const cuts = jsonStreamCuts(text) ?? markerCuts(text);
  const bounds = [0, ...cuts, text.length];
  const chunks: DocumentChunk[] = [];
  let pending: number | null = null;
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start: number = pending ?? bounds[i] ?? 0;
    const end = bounds[i + 1] ?? text.length;
    const slice = text.slice(bounds[i] ?? 0, end);
    if (!hasContent(slice)) {
      // Directives apply to the next document: keep them with it.
      if (pending === null && /^%/m.test(slice)) pending = start;
      continue;
    }
    pending = null;
    chunks.push({ index: chunks.length, start, text: text.slice(start, end) });
  }
  return chunks;
}

function markerCuts(text: string): number[] {
  const cuts: number[] = [];
  for (const m of text.matchAll(MARKER)) {
    if (m[0] === "---") cuts.push(m.index);
    else cuts.push(m.index, lineEnd(text, m.index));
  }
  return cuts;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return nl === -1 ? text.length : nl + 1;
}

/** True when the chunk holds more than markers, directives, comments and blank lines. */
function hasContent(slice: string): boolean {
  let from = 0;
  while (from < slice.length) {
    const nl = slice.indexOf("\n", from);
    const to = nl === -1 ? slice.length : nl;
    const line = slice
      .slice(from, to)
      .replace(/^\uFEFF/, "")
      .trim();
    from = to + 1;
    if (line === "" || line.startsWith("#") || line.startsWith("%")) continue;
    if (/^(?:---|\.\.\.)(?:[ \t]+#.*)?$/.test(line)) continue;
    return true;
  }
  return false;
}
