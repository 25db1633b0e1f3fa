/**
 * kubectl reads a text whose first character (after blanks and a byte-order mark) is `{` as a
 * stream of JSON objects, one after another. Returns the offsets where the second and later
 * objects start, or null when the text is not such a stream of more than one object (it is then
 * read as YAML, which a single JSON object also is). Strings are skipped with their escapes, so
 * braces inside them do not count. Nothing is parsed: a malformed object is left to the parser.
 */
export function jsonStreamCuts(text: string): number[] | null {
  let i = 0;
  if (text.charCodeAt(0) === 0xfeff) i = 1;
  i = skipBlanks(text, i);
  if (text[i] !== "{") return null;
  const cuts: number[] = [];
  let depth = 0;
  let inString = false;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) inString = true;
    else if (c === 123 /* { */ || c === 91 /* [ */) depth++;
    else if (c === 125 /* } */ || c === 93 /* ] */) {
      depth--;
      if (depth < 0) return cuts.length > 0 ? cuts : null;
      if (depth === 0) {
        const next = skipBlanks(text, i + 1);
        if (next >= text.length) break;
        if (text[next] !== "{") return cuts.length > 0 ? cuts : null;
        cuts.push(next);
        i = next - 1;
      }
    }
  }
  return cuts.length > 0 ? cuts : null;
}

function skipBlanks(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) break;
    i++;
  }
  return i;
}
