import type { ProblemCode } from "./types.js";

/** A character YAML does not allow (a C0 control other than tab and line breaks), or U+FFFD. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const ODD = /[\x01-\x08\x0B\x0C\x0E-\x1F\uFFFD]/g;

/** Anything but printable ASCII and line feeds: most manifests have none, and this test is fast. */
const NOT_PRINTABLE_ASCII = /[^\x20-\x7e\n]/;

/**
 * Whether a text is printable ASCII and line feeds only. A reader that tests this once for a whole
 * file can tell its parts (see `checkPlainBlockYaml`) and `refusal` so, instead of each testing again.
 */
export function isPrintableAscii(text: string): boolean {
  return !NOT_PRINTABLE_ASCII.test(text);
}

/**
 * Why a file is not read at all: too large, or binary. `printableAscii`, when the caller has found
 * it so (`isPrintableAscii`), spares the test for binary content, which such a text cannot hold.
 */
export function refusal(
  text: string,
  maxFileSize: number,
  printableAscii = false,
): { code: ProblemCode; message: string } | null {
  if (text.length > maxFileSize) {
    return {
      code: "too-large",
      message: `file is ${text.length} characters, over the limit of ${maxFileSize}; not scanned`,
    };
  }
  if (!printableAscii && looksBinary(text)) {
    return { code: "binary", message: "file looks binary (NUL or control bytes); not scanned" };
  }
  return null;
}

/**
 * A NUL anywhere, or in the first 8,000 characters more than 1 in 100 that YAML does not allow
 * (C0 controls other than tab and line breaks, and U+FFFD from bytes that were not UTF-8).
 */
function looksBinary(text: string): boolean {
  if (text.includes("\u0000")) return true;
  const sample = text.length > 8000 ? text.slice(0, 8000) : text;
  const odd = sample.match(ODD)?.length ?? 0;
  return odd * 100 > sample.length;
}
