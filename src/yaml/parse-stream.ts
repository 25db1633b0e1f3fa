import { type Document, parseAllDocuments } from "yaml";
import type { Limits, ProblemCode } from "../core/types.js";
import type { LineIndex } from "./line-index.js";
import type { DocumentChunk } from "./split-documents.js";
import { YamlDoc } from "./yaml-doc.js";

/** A problem found while parsing, before it is tied to a file path. */
export interface ParseProblem {
  readonly code: ProblemCode;
  readonly message: string;
  readonly offset: number;
}

export interface ParsedChunk {
  readonly docs: YamlDoc[];
  readonly problems: ParseProblem[];
}

/**
 * YAML as kubectl reads it: YAML 1.1 scalars (`yes`, `on`, `True` are booleans) and merge keys.
 * A `%YAML 1.2` directive in the document still wins.
 */
const PARSE_OPTIONS = { version: "1.1", merge: true, prettyErrors: false } as const;

/** Parses one document chunk. Errors become problems; nothing throws. */
export function parseChunk(chunk: DocumentChunk, limits: Limits): ParsedChunk {
  const depth = flowDepth(chunk.text);
  if (depth > limits.maxDepth) {
    return {
      docs: [],
      problems: [
        {
          code: "too-deep",
          message: `document nests more than ${limits.maxDepth} levels deep; not scanned`,
          offset: chunk.start,
        },
      ],
    };
  }
  let parsed: ReturnType<typeof parseAllDocuments>;
  try {
    parsed = parseAllDocuments(chunk.text, PARSE_OPTIONS);
  } catch (error) {
    const deep = error instanceof RangeError;
    return {
      docs: [],
      problems: [
        {
          code: deep ? "too-deep" : "parse-error",
          message: deep ? "document nests too deeply to parse; not scanned" : String(error),
          offset: chunk.start,
        },
      ],
    };
  }
  const list = Array.isArray(parsed) ? parsed : [];
  const docs: YamlDoc[] = [];
  const problems: ParseProblem[] = [];
  for (const doc of list) {
    const first = doc.errors[0];
    if (first) {
      problems.push({
        code: "parse-error",
        message: first.message.split("\n")[0] ?? first.message,
        offset: chunk.start + (first.pos[0] ?? 0),
      });
      continue;
    }
    docs.push(new YamlDoc(doc as Document.Parsed, chunk.start, chunk.index, limits.maxAliasCount));
  }
  return { docs, problems };
}

/** Deepest nesting of flow brackets, a cheap bound checked before the recursive composer runs. */
function flowDepth(text: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) {
      if (++depth > max) max = depth;
    } else if ((c === 93 || c === 125) && depth > 0) depth--;
  }
  return max;
}

/** Line and column for a problem's offset. */
export function problemPosition(
  index: LineIndex,
  offset: number,
): { line: number; column: number } {
  const s = index.span(offset, offset + 1);
  return { line: s.line, column: s.column };
}
