import type { CST } from "yaml";
import type { LineIndex } from "./line-index.js";
import { TokenParser } from "./token-parser.js";

/**
 * The comments that stand alone on their line (nothing but blanks before them), by 1-based line,
 * as the YAML parser's concrete syntax tree holds them. Call it only on text that parsed within the
 * depth limit: the walk recurses as deep as the text nests.
 */
export function ownLineComments(text: string, index: LineIndex): Map<number, string> {
  const found = new Map<number, string>();
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (!value || typeof value !== "object") return;
    const token = value as Partial<CST.SourceToken>;
    if (token.type === "comment" && typeof token.offset === "number" && token.source) {
      const line = index.lineOf(token.offset);
      const before = text.slice(index.lineStart(line), token.offset);
      if (before.trim() === "") found.set(line, token.source);
      return;
    }
    for (const v of Object.values(value)) visit(v);
  };
  for (const token of new TokenParser().parse(text)) visit(token);
  return found;
}
