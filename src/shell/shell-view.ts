/**
 * The text the shell parser reads for a file that embeds shell code: the file's own text, of the
 * same length, with placeholders where the embedding syntax substitutes something before the shell
 * runs (`${{ … }}` or make's `$(VAR)` becomes `$___…`, an expansion the shell reads as dynamic),
 * spaces where it folds a line break, and make's `$$` as `_$` (`\$$`, an escaped dollar for the
 * shell, as `_\$`). Every offset stays the file's.
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
  // make's `$$`: its first `$` becomes part of the word, the second is the shell's. After a
  // backslash that escapes it for the shell (`eval echo \$${name_$$os}`, kubernetes-csi's
  // build.make), the backslash moves one column, before the second: the shell's `\$` stays an
  // escaped dollar, and no expansion opens where bash reads none.
  for (const e of escapes) {
    if (escapedByBackslash(text, e)) {
      chars[e - 1] = "_";
      chars[e] = "\\";
    } else chars[e] = "_";
  }
  for (const f of folds) {
    chars[f] = " ";
    if (text[f] === "\r" && text[f + 1] === "\n") chars[f + 1] = " ";
  }
  return chars.join("");
}

/** An odd number of backslashes just before offset `at`: the character there is escaped. */
function escapedByBackslash(text: string, at: number): boolean {
  let n = 0;
  while (at - n - 1 >= 0 && text[at - n - 1] === "\\") n++;
  return n % 2 === 1;
}
