import type { Level } from "../core/types.js";
import { templateView } from "../yaml/go-template.js";
import { quickRead } from "../yaml/quick-read.js";
import { screenLines } from "./screen-lines.js";
import { treeMayHaveFindings } from "./screen-tree.js";

/**
 * Whether a document chunk needs the full reading (the `yaml` package: exact positions, YAML 1.1
 * values) at `level`: it may hold a finding, or it is not well-formed YAML, which the full reading
 * then reports with its position. It never says no to a chunk that has a finding or a syntax error.
 * - At restricted a left-out setting is itself a finding: every chunk is read in full.
 * - A chunk in the plain block YAML most manifests are written in is judged in one pass over its
 *   lines, without any parser (see `screen-lines.ts`); one in which that pass meets a trigger
 *   setting goes to the full reading at once, without a second reading by js-yaml.
 * - Any other chunk is read quickly by js-yaml (see `yaml/quick-read.ts`): rejected, it needs the
 *   full reading; read, it needs it only when its tree may hold a finding (see `screen-tree.ts`).
 * A chart template is judged with its Go template actions replaced, as the full reading replaces
 * them; any other text with `{{` in it goes to the full reading, which decides whether it is a
 * template at all. `printableAscii`: the caller found the text printable ASCII (see
 * `isPrintableAscii`), so the line check need not test it again.
 */
export function needsFullReading(
  text: string,
  level: Level,
  template = false,
  printableAscii = false,
): boolean {
  if (level === "restricted") return true;
  let yaml = text;
  if (template) {
    const view = templateView(text);
    if (view.error) return true;
    yaml = view.text;
  } else if (text.includes("{{")) return true;
  const lines = screenLines(yaml, printableAscii && !template);
  if (lines !== "unproven") return lines === "trigger";
  const docs = quickRead(yaml);
  return docs === null || docs.some((doc) => treeMayHaveFindings(doc, text.length));
}
