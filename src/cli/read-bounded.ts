/**
 * Reads a file's text without trusting the file: only a regular file is opened (a named pipe would
 * block forever, a device such as /dev/zero never ends), never more bytes than a scannable file can
 * have, and bytes that are not UTF-8 are said to be so rather than decoded into noise.
 */
import { closeSync, constants, fstatSync, openSync, readSync, type Stats } from "node:fs";
import { DEFAULT_LIMITS } from "../core/limits.js";

/**
 * The most bytes read of one file. A UTF-8 text of `maxFileSize` UTF-16 code units has at most three
 * bytes per unit, so anything longer is over the engine's limit whatever it holds.
 */
export const MAX_FILE_BYTES = DEFAULT_LIMITS.maxFileSize * 3;

const CHUNK = 64 * 1024;

/** Why a file was not read, as a report problem code and a message. */
export class FileNotRead extends Error {
  constructor(
    readonly code: "unreadable" | "too-large" | "encoding",
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

/**
 * Decodes bytes as UTF-8, keeping a byte order mark and NUL bytes as they are (the engine reports
 * a file with NUL bytes as binary). Bytes that are not UTF-8 throw `FileNotRead` naming the first.
 */
export function decodeText(bytes: Uint8Array): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new FileNotRead(
      "encoding",
      `not UTF-8 text (invalid byte sequence at byte offset ${firstInvalidByte(bytes)}); not scanned`,
    );
  }
}

/** Offset (0-based) where the first sequence that is not UTF-8 starts. */
function firstInvalidByte(bytes: Uint8Array): number {
  // The longest prefix a streaming decoder accepts, by bisection (at most ~25 decodes)...
  let low = 0;
  let high = bytes.length;
  while (low < high) {
    const mid = Math.ceil((low + high) / 2);
    if (decodes(bytes.subarray(0, mid), true)) low = mid;
    else high = mid - 1;
  }
  // ...ends either at a whole character (the next byte is bad) or inside a sequence that the next
  // byte breaks: then the bad sequence starts at its lead byte.
  if (decodes(bytes.subarray(0, low), false)) return low;
  let start = low - 1;
  while (start > 0 && ((bytes[start] ?? 0) & 0xc0) === 0x80) start--;
  return start;
}

function decodes(bytes: Uint8Array, stream: boolean): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream });
    return true;
  } catch {
    return false;
  }
}

/**
 * A regular file's text. Throws `FileNotRead` for anything that is not a regular file, a file over
 * `maxBytes` (checked before reading and while reading, for a file that grows), or bytes that are
 * not UTF-8; and the system's error for a file that cannot be opened.
 *
 * The system calls are synchronous: for the small files a scan reads, each of the four calls a file
 * takes cost some 40 µs through fs/promises' thread pool round trip against a few µs here (5,000
 * manifests: 0.85 s of a 2.2 s scan went to them), and a CLI has nothing else to do meanwhile.
 */
export async function readBoundedText(
  absolute: string,
  maxBytes = MAX_FILE_BYTES,
): Promise<string> {
  return readBoundedTextSync(absolute, maxBytes);
}

function readBoundedTextSync(absolute: string, maxBytes: number): string {
  // O_NONBLOCK: opening a named pipe with no writer returns at once instead of waiting for one.
  const fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile())
      throw new FileNotRead("unreadable", `not a regular file (${kindOf(info)}); not read`);
    if (info.size > maxBytes) throw tooLarge(info.size, maxBytes);
    // One read for a file of the size it had (plus one byte, to see that it ended); a file that
    // grows meanwhile is read on in chunks, within the bound.
    const chunks: Buffer[] = [];
    let total = 0;
    for (let size = info.size + 1; ; size = CHUNK) {
      const buffer = Buffer.allocUnsafe(size);
      const bytesRead = readSync(fd, buffer, 0, size, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(total, maxBytes);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return decodeText(chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total));
  } finally {
    closeSync(fd);
  }
}

function tooLarge(size: number, maxBytes: number): FileNotRead {
  return new FileNotRead(
    "too-large",
    `file of ${size} bytes or more, over the limit of ${maxBytes} bytes; not scanned`,
  );
}

function kindOf(info: Stats): string {
  if (info.isDirectory()) return "a folder";
  if (info.isFIFO()) return "a named pipe";
  if (info.isCharacterDevice() || info.isBlockDevice()) return "a device";
  if (info.isSocket()) return "a socket";
  return "not a file";
}
