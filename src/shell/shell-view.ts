/**
 * The text the shell parser reads for a file that embeds shell code: the file's own text, of the
 * same length, with placeholders where the embedding syntax substitutes something before the shell
 * runs (`${{ … }}` or make's `$(VAR)` becomes `$___…`, an expansion the shell reads as dynamic),
 * spaces where it folds a line break, and make's `$$` as `_$`. Every offset stays the file's.
 */
import type { OpaqueRange } from "./shell-words.js";

export function shellView(
  text: string,
  opaque: readonly OpaqueRange[],
  folds: readonly number[],
  escapes: readonly number[] = [],
): string {
  if (opaque.length === 0 && folds.length === 0 && escapes.length === 0) return text;
  const chars = text.split("");
  for (const r of opaque) {
    for (let i = r.start; i < r.end; i++) {
      const c = chars[i];
      if (c !== "\n" && c !== "\r") chars[i] = i === r.start ? "$" : "_";
    }
  }
  // make's `$$`: its first `$` becomes part of the word, the second is the shell's.
  for (const e of escapes) chars[e] = "_";
  for (const f of folds) {
    chars[f] = " ";
    if (text[f] === "\r" && text[f + 1] === "\n") chars[f + 1] = " ";
  }
  return chars.join("");
}
