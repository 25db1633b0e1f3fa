/**
 * GitHub Actions expressions (`${{ … }}`) in a text: the runner substitutes them before the shell
 * runs, so to the shell each is an opaque word (or several). Lexed as the expression syntax is:
 * from `${{` to the first `}}` outside a single-quoted string literal
 * (https://docs.github.com/en/actions/reference/workflows-and-actions/expressions).
 */
import type { OpaqueRange } from "../shell/shell-words.js";

export function expressionRanges(text: string, from = 0, to = text.length): OpaqueRange[] {
  const out: OpaqueRange[] = [];
  let i = text.indexOf("${{", from);
  while (i !== -1 && i < to) {
    let j = i + 3;
    let inString = false;
    for (; j < to; j++) {
      const c = text[j];
      if (c === "'") inString = !inString;
      else if (!inString && c === "}" && text[j + 1] === "}") break;
    }
    if (j >= to) break;
    out.push({ start: i, end: j + 2 });
    i = text.indexOf("${{", j + 2);
  }
  return out;
}
