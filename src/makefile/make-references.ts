/**
 * make expands a recipe line before the shell sees it (GNU make manual, 5.1.2 "Using Variables in
 * Recipes"): `$(VAR)`, `${VAR}`, `$@` are make's, and `$$` is one `$` for the shell. For the shell
 * parser each make reference is an opaque word (a placeholder, as for any value known only at run
 * time), and the first `$` of each `$$` is blanked, so the text keeps the file's offsets.
 */
import type { TextRange } from "../shell/bash-parser.js";
import type { OpaqueRange } from "../shell/shell-words.js";

export interface MakeReferences {
  /** make's own references: `$(…)`, `${…}`, `$X`. */
  readonly opaque: OpaqueRange[];
  /** Offsets of the first `$` of each `$$`. */
  readonly escapes: number[];
}

export function makeReferences(text: string, ranges: readonly TextRange[]): MakeReferences {
  const opaque: OpaqueRange[] = [];
  const escapes: number[] = [];
  for (const { start, end } of ranges) {
    for (let i = text.indexOf("$", start); i !== -1 && i < end - 1; i = text.indexOf("$", i)) {
      const next = text[i + 1];
      if (next === "$") {
        escapes.push(i);
        i += 2;
      } else if (next === "(" || next === "{") {
        const close = closing(text, i + 1, end);
        opaque.push({ start: i, end: close });
        i = close;
      } else if (next === "\n" || next === "\r") {
        i += 1;
      } else {
        opaque.push({ start: i, end: i + 2 });
        i += 2;
      }
    }
  }
  return { opaque, escapes };
}

/** The offset just past the bracket matching the one at `open`, nested brackets counted. */
function closing(text: string, open: number, end: number): number {
  const o = text[open];
  const c = o === "(" ? ")" : "}";
  let depth = 0;
  for (let i = open; i < end; i++) {
    if (text[i] === o) depth++;
    else if (text[i] === c && --depth === 0) return i + 1;
  }
  return end;
}
