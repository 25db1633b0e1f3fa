/**
 * Cutting text to GitHub's limits without breaking it: never inside a surrogate pair (a lone
 * surrogate would be sent as U+FFFD or rejected), counted in UTF-16 code units (JavaScript string
 * length, never fewer than GitHub's character count) and in UTF-8 bytes.
 */

export interface TextLimit {
  readonly maxChars: number;
  readonly maxBytes?: number;
}

const encoder = new TextEncoder();

/** UTF-8 length of `text`. */
export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

/** Whether `text` is within the limit. */
export function fits(text: string, limit: TextLimit): boolean {
  if (text.length > limit.maxChars) return false;
  return limit.maxBytes === undefined || utf8Length(text) <= limit.maxBytes;
}

/**
 * `text` when it fits; otherwise its longest prefix that fits together with `note` (appended
 * after it), cut at a code point boundary. When even the note does not fit, the note is cut.
 */
export function truncateText(text: string, limit: TextLimit, note = ""): string {
  if (fits(text, limit)) return text;
  const room: TextLimit = {
    maxChars: limit.maxChars - note.length,
    maxBytes: limit.maxBytes === undefined ? undefined : limit.maxBytes - utf8Length(note),
  };
  if (room.maxChars < 0 || (room.maxBytes !== undefined && room.maxBytes < 0)) {
    return prefixWithin(note, limit);
  }
  return prefixWithin(text, room) + note;
}

/** The longest prefix of `text` within the limit, never splitting a surrogate pair. */
export function prefixWithin(text: string, limit: TextLimit): string {
  let end = Math.min(text.length, limit.maxChars);
  if (limit.maxBytes !== undefined) {
    // Each UTF-16 code unit is at most 3 UTF-8 bytes (a pair is 4 bytes for 2 units).
    let bytes = 0;
    let i = 0;
    while (i < end) {
      const code = text.charCodeAt(i);
      const pair =
        isHighSurrogate(code) && i + 1 < text.length && isLowSurrogate(text.charCodeAt(i + 1));
      const size = pair ? 4 : code < 0x80 ? 1 : code < 0x800 ? 2 : 3;
      const width = pair ? 2 : 1;
      if (bytes + size > limit.maxBytes || i + width > end) break;
      bytes += size;
      i += width;
    }
    end = i;
  }
  if (end > 0 && end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
  return text.slice(0, end);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
