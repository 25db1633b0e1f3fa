/**
 * A Markdown (CommonMark/GFM) code span that holds `text` literally, whatever backticks it
 * contains: the fence is one backtick longer than the longest run in the text, and a space pads
 * text that starts or ends with a backtick (or starts and ends with a space), which the parser
 * strips again. Line breaks become spaces (a code span is one line). Used by rule messages, so a
 * container named ``x`y`` cannot break the message, and by every Markdown renderer.
 */
export function codeSpan(text: string): string {
  const oneLine = text.replace(/\r\n|\r|\n/g, " ");
  if (oneLine === "") return "` `";
  let longest = 0;
  for (const run of oneLine.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  const ticks = "`".repeat(longest + 1);
  const spaced = oneLine.startsWith(" ") && oneLine.endsWith(" ") && oneLine.trim() !== "";
  const pad = oneLine.startsWith("`") || oneLine.endsWith("`") || spaced ? " " : "";
  return `${ticks}${pad}${oneLine}${pad}${ticks}`;
}
