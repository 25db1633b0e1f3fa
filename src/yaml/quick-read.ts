import jsyaml from "js-yaml";

/**
 * js-yaml with the failsafe schema: every scalar stays a string (no type resolution), unknown
 * tags are rejected, and so is a key set twice in one mapping, so that the full reading reports it.
 */
const OPTIONS = { schema: jsyaml.FAILSAFE_SCHEMA } as const;
const TAB_AT_LINE_START = /^ *\t/m;

/**
 * A fast, position-free reading of one document chunk: its documents as plain values (strings,
 * arrays, objects; an alias is the same object again), or null when js-yaml rejects the text.
 * The caller blanks Go template actions first, as the full reading does. js-yaml reads several
 * times faster than the `yaml` package composes, so this decides cheaply which chunks need the
 * full reading (exact positions, YAML 1.1 values) and proves the others well-formed. Where the
 * two parsers are known to disagree on what is well-formed, the text is left to the full reading.
 */
export function quickRead(text: string): unknown[] | null {
  // js-yaml lets a tab start a line where the full reading (rightly) rejects it as indentation.
  if (TAB_AT_LINE_START.test(text)) return null;
  try {
    return jsyaml.loadAll(text, undefined, OPTIONS);
  } catch {
    return null;
  }
}
