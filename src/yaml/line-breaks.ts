/**
 * Line breaks as YAML (1.1 and 1.2 alike) and kubectl's decoder know them: LF, CRLF, and a CR
 * that no LF follows (go-yaml's `is_break`; YAML 1.2 `b-break`). Tools such as `kubectl kustomize`
 * render files with lone CRs, and git sees such a file as one line.
 */

/** A CR not followed by LF. */
const LONE_CR = /\r(?!\n)/g;

/**
 * The text with every lone CR turned into LF: one character for one, so every offset, and with it
 * every source range, stays valid for the original text.
 */
export function withLineFeeds(text: string): string {
  return text.includes("\r") ? text.replace(LONE_CR, "\n") : text;
}

/** Whether the text breaks lines with a CR that no LF follows. */
export function hasLoneCr(text: string): boolean {
  LONE_CR.lastIndex = 0;
  return text.includes("\r") && LONE_CR.test(text);
}
