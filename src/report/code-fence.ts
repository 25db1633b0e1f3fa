/**
 * Code fences for Markdown (GitHub Flavored Markdown): a fence of N backticks is closed only by a
 * run of at least N backticks, so a fence longer than every run of backticks in the content can
 * never be closed early (as reviewdog's `commentutil.GetCodeFenceLength` does).
 */

/** GFM: "a sequence of at least three consecutive backtick characters". */
const MIN_FENCE = 3;

/** Backticks, at least 3, one more than the longest run of backticks in `content`. */
export function fenceFor(content: string): string {
  let longest = 0;
  for (const run of content.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return "`".repeat(Math.max(MIN_FENCE, longest + 1));
}

/**
 * `content` in a fenced block with an info string (`suggestion`, `diff`, `yaml`); `content` is
 * whole lines (a final "\n" is not doubled). An empty content gives an empty block, which in a
 * ```suggestion deletes the commented lines.
 */
export function fencedBlock(info: string, content: string): string {
  const fence = fenceFor(`${info}\n${content}`);
  const body = content.endsWith("\n") ? content.slice(0, -1) : content;
  return content === "" ? `${fence}${info}\n${fence}` : `${fence}${info}\n${body}\n${fence}`;
}
