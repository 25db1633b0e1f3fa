/**
 * A CI configuration file read as YAML: its documents, bounded as every YAML read is (nesting
 * depth, alias expansion), and the problems that kept a document from being read, with positions.
 */

import { refusal } from "../core/refusal.js";
import type { Limits, Problem } from "../core/types.js";
import type { LineIndex } from "../yaml/line-index.js";
import { parseChunk, problemPosition } from "../yaml/parse-stream.js";
import { splitDocuments } from "../yaml/split-documents.js";
import type { YamlDoc } from "../yaml/yaml-doc.js";

export interface ReadYaml {
  readonly docs: readonly YamlDoc[];
  readonly problems: readonly Problem[];
}

export function readYaml(path: string, text: string, index: LineIndex, limits: Limits): ReadYaml {
  const refused = refusal(text, limits.maxFileSize);
  if (refused) return { docs: [], problems: [{ path, ...refused, line: 1, column: 1 }] };
  const docs: YamlDoc[] = [];
  const problems: Problem[] = [];
  for (const chunk of splitDocuments(text)) {
    const parsed = parseChunk(chunk, limits);
    docs.push(...parsed.docs);
    for (const p of parsed.problems) {
      const pos = problemPosition(index, p.offset);
      problems.push({ path, code: p.code, message: p.message, line: pos.line, column: pos.column });
    }
  }
  return { docs, problems };
}
