/** One YAML document's slice of a stream. */
export interface DocumentChunk {
  readonly index: number;
  /** Offset of the chunk in the whole text. */
  readonly start: number;
  readonly text: string;
}

const MARKER = /^(?:---|\.\.\.)(?=[ \t\r\n]|$)/gm;

/**
 * Splits a YAML stream at document markers (`---` or `...` at the start of a line), which end a
 * document in any context, so each chunk can be parsed, screened and re-checked on its own.
 * A `---` chunk keeps its marker; empty chunks (a leading `---`) are dropped.
 */
export function splitDocuments(text: string): DocumentChunk[] {
  const cuts: number[] = [];
  for (const m of text.matchAll(MARKER)) {
    if (m[0] === "---") cuts.push(m.index);
    else cuts.push(m.index, lineEnd(text, m.index));
  }
  const bounds = [0, ...cuts, text.length];
  const chunks: DocumentChunk[] = [];
  for (let i = 0; i + 1 < bounds.length; i++) {
    const start = bounds[i] ?? 0;
    const end = bounds[i + 1] ?? text.length;
    const slice = text.slice(start, end);
    if (!hasContent(slice)) continue;
    chunks.push({ index: chunks.length, start, text: slice });
  }
  return chunks;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  return nl === -1 ? text.length : nl + 1;
}

/** True when the chunk holds more than markers, directives, comments and blank lines. */
function hasContent(slice: string): boolean {
  for (const raw of slice.split("\n")) {
    const line = raw.replace(/^\uFEFF/, "").trim();
    if (line === "" || line.startsWith("#") || line.startsWith("%")) continue;
    if (/^(?:---|\.\.\.)$/.test(line)) continue;
    if (/^---[ \t]/.test(line))
      return line.slice(3).trim() !== "" && !line.slice(3).trim().startsWith("#");
    return true;
  }
  return false;
}
