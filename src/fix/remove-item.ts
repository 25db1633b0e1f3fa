import type { Node, YAMLSeq } from "yaml";
import type { LineIndex } from "../yaml/line-index.js";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import { contentEnd } from "./layout.js";
import type { TextEdit } from "./text-edit.js";

/**
 * Edits that remove item `i` of a sequence, keeping the rest as written: in a block sequence the
 * item's whole lines go; in a flow sequence (or JSON) the item goes with the separator before the
 * next item (after the previous one, for the last item). Every position comes from node ranges.
 * Returns null where no safe edit exists: the sequence or item is shared through an alias or an
 * anchor, the item is the only one (the caller removes the key instead), or the item's lines hold
 * something else.
 */
export function removeSeqItem(
  text: string,
  index: LineIndex,
  doc: YamlDoc,
  seq: Ref<YAMLSeq>,
  i: number,
): TextEdit[] | null {
  if (!seq.direct) return null;
  const items = seq.node.items as unknown[];
  if (items.length < 2 || i < 0 || i >= items.length) return null;
  const nodes = items.map((item) => (isNodeWithRange(item) ? item : null));
  const node = nodes[i];
  if (!node || nodes.some((n) => n === null)) return null;
  if (!doc.ref(node, true).direct) return null;
  const [start, end] = doc.absolute(node.range);
  if (seq.node.flow) {
    const next = nodes[i + 1];
    if (next) return [{ start, end: doc.absolute(next.range)[0], text: "" }];
    const previous = nodes[i - 1];
    if (!previous) return null;
    return [{ start: doc.absolute(previous.range)[1], end, text: "" }];
  }
  const first = index.lineOf(start);
  const lineStart = index.lineStart(first);
  if (text.slice(lineStart, start).trim() !== "-") return null;
  const last = contentEnd(node, text, doc.base);
  const lastLine = index.lineOf(Math.max(start, last - 1));
  const lineEnd = index.lineEnd(lastLine);
  const rest = text.slice(last, lineEnd).trim();
  if (rest !== "" && !rest.startsWith("#")) return null;
  return [{ start: lineStart, end: lineEnd, text: "" }];
}

function isNodeWithRange(item: unknown): item is Node & { range: [number, number, number] } {
  return (
    typeof item === "object" &&
    item !== null &&
    "range" in item &&
    Array.isArray((item as { range: unknown }).range)
  );
}
