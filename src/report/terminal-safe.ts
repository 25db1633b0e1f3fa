/**
 * Text from files (paths, names, messages that quote them, the lines a fix shows) is printed to a
 * terminal or a CI log: its control characters must not move the cursor, clear the screen, retitle
 * the window or hide text. Each one is shown as a visible escape instead (`\x1b`, `\u202e`).
 * Tabs and line feeds stay; a CR stays only as part of CRLF.
 */

/**
 * C0 controls except tab and line feed, a CR not followed by LF, DEL, C1 controls, and the Unicode
 * bidirectional overrides and isolates that reorder how a line reads.
 */
const UNSAFE =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

function visible(ch: string): string {
  const code = ch.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

/** The text with every unsafe character replaced by its visible escape. */
export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, visible);
}

/**
 * The same plain data with every string made terminal-safe (objects, arrays and maps of strings
 * are walked; other values are kept).
 */
export function terminalSafeData<T>(value: T): T {
  if (typeof value === "string") return terminalSafe(value) as T;
  if (Array.isArray(value)) return value.map((v) => terminalSafeData(v)) as T;
  if (value instanceof Map)
    return new Map([...value].map(([k, v]) => [terminalSafeData(k), terminalSafeData(v)])) as T;
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = terminalSafeData(v);
    return out as T;
  }
  return value;
}

/**
 * Terminal-safe text kept on one line: line breaks shown as `\n` too. For what a line-oriented
 * reader parses (a compact report line, a message on stderr, which a CI runner scans for its own
 * commands at the start of each line).
 */
export function terminalSafeLine(text: string): string {
  return terminalSafe(text).replace(/\r?\n/g, "\\n");
}
