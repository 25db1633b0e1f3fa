import { Composer, type CST, type Document, Parser } from "yaml";
import type { Limits, ProblemCode } from "../core/types.js";
import { buildAliasGraph } from "./alias-graph.js";
import { cstDepth, textNestingExceeds } from "./depth-guard.js";
import { blankTemplateActions } from "./go-template.js";
import type { LineIndex } from "./line-index.js";
import type { DocumentChunk } from "./split-documents.js";
import { YamlDoc } from "./yaml-doc.js";

/** A problem found while parsing, before it is tied to a file path. */
export interface ParseProblem {
  readonly code: ProblemCode;
  readonly message: string;
  /** Offset in the whole file text. */
  readonly offset: number;
}

export interface ParsedChunk {
  readonly docs: YamlDoc[];
  readonly problems: ParseProblem[];
}

/**
 * YAML as kubectl reads it (go-yaml v2, YAML 1.1): `yes`, `on`, `y`, `True` are booleans, `0777`
 * is octal, merge keys (`<<`) merge. Duplicate keys are found by our own linear walk (the `yaml`
 * package's check is quadratic in the size of a mapping). Nothing is printed: `logLevel` error.
 */
const COMPOSE_OPTIONS = {
  version: "1.1",
  merge: true,
  uniqueKeys: false,
  prettyErrors: false,
  logLevel: "error",
  keepSourceTokens: false,
} as const;

/**
 * Parses one document chunk. Errors become problems; nothing throws and nothing runs unbounded:
 * nesting is bounded before the recursive composer runs (see `depth-guard.ts`), and the cost of
 * expanding aliases is measured before anything walks the document (see `alias-graph.ts`).
 */
export function parseChunk(chunk: DocumentChunk, limits: Limits): ParsedChunk {
  const problems: ParseProblem[] = [];
  const fail = (code: ProblemCode, message: string, offset: number): ParsedChunk => ({
    docs: [],
    problems: [...problems, { code, message, offset: chunk.start + offset }],
  });
  const deep = `document nests more than ${limits.maxDepth} levels deep; not scanned`;
  const textDeep = textNestingExceeds(chunk.text, limits.maxDepth);
  if (textDeep >= 0) return fail("too-deep", deep, textDeep);
  const yaml11 = asYaml11(chunk.text);
  const text = blankTemplateActions(yaml11);
  const templated = text !== yaml11;
  let tokens: CST.Token[];
  let composed: Document.Parsed[];
  try {
    tokens = Array.from(new Parser().parse(text));
    for (const token of tokens) {
      if (token.type === "document" && cstDepth(token, limits.maxDepth) > limits.maxDepth)
        return fail("too-deep", deep, token.offset);
    }
    composed = Array.from(new Composer(COMPOSE_OPTIONS).compose(tokens)) as Document.Parsed[];
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return fail("parse-error", `the YAML parser failed: ${message}`, 0);
  }
  const docs: YamlDoc[] = [];
  for (const doc of composed) {
    const first = doc.errors[0];
    if (first) {
      problems.push({
        code: "parse-error",
        message: first.message.split("\n")[0] ?? first.message,
        offset: chunk.start + (first.pos[0] ?? 0),
      });
      continue;
    }
    const graph = buildAliasGraph(doc);
    if (graph.broken) {
      problems.push({
        code: "parse-error",
        message: `${graph.broken.message}; not scanned`,
        offset: chunk.start + graph.broken.offset,
      });
      continue;
    }
    if (graph.expandedNodes - graph.ownNodes > limits.maxAliasCount) {
      problems.push({
        code: "alias-limit",
        message: `aliases expand to more than ${limits.maxAliasCount} nodes (an alias bomb?); document not scanned`,
        offset: chunk.start + (doc.range?.[0] ?? 0),
      });
      continue;
    }
    if (graph.duplicate) {
      problems.push({
        code: "parse-error",
        message: `${graph.duplicate.message}: kubectl's strict validation rejects this; other readers take the last value, and so does this scan`,
        offset: chunk.start + graph.duplicate.offset,
      });
    }
    docs.push(new YamlDoc(doc, chunk.start, chunk.index, graph, templated));
  }
  return { docs, problems };
}

/**
 * go-yaml v2, which kubectl and Helm decode with, knows only YAML 1.1 (it refuses a `%YAML 1.2`
 * directive), so a 1.2 directive must not turn `yes` into a string here: it is read as 1.1. The
 * replacement keeps every offset.
 */
function asYaml11(text: string): string {
  if (!text.includes("%YAML")) return text;
  return text.replace(/^(%YAML[ \t]+)1\.2(?=[ \t\r\n#]|$)/gm, (_, head: string) => `${head}1.1`);
}

/** Line and column for a problem's offset. */
export function problemPosition(
  index: LineIndex,
  offset: number,
): { line: number; column: number } {
  const s = index.span(offset, offset + 1);
  return { line: s.line, column: s.column };
}
