/**
 * Reads a file's text without trusting the file: only a regular file is opened (a named pipe would
 * block forever, a device such as /dev/zero never ends), never more bytes than a scannable file can
 * have, and bytes that are not UTF-8 are said to be so rather than decoded into noise.
 */
import { isAscii, isUtf8 } from "node:buffer";
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

/**
 * Decodes bytes as UTF-8, keeping a byte order mark and NUL bytes as they are (the engine reports
 * a file with NUL bytes as binary). Bytes that are not UTF-8 throw `FileNotRead` naming the first.
 * Checked first (natively) and then decoded by Buffer, which for ASCII, most manifests, makes a
 * string of one byte per character: the same text a fatal TextDecoder gives, in a fraction of its
 * time on large files.
 */
export function decodeText(bytes: Uint8Array): string {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (isAscii(buffer)) return buffer.toString("latin1");
  if (isUtf8(buffer)) return buffer.toString("utf8");
  throw new FileNotRead(
    "encoding",
    `not UTF-8 text (invalid byte sequence at byte offset ${firstInvalidByte(bytes)}); not scanned`,
  );
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
 */
export async function readBoundedText(
  absolute: string,
  maxBytes = MAX_FILE_BYTES,
): Promise<string> {
  return readBoundedTextSync(absolute, maxBytes);
}

/**
 * `readBoundedText` with synchronous system calls: for the small files a scan reads, each of the
 * calls a file takes costs some 40 µs through fs/promises' thread pool round trip against a few µs
 * here (5,000 manifests: 0.85 s of a 2.2 s scan went to them), and a CLI has nothing else to do
 * meanwhile. `scratch`, if given, is read into when the file fits (its bytes are copied into the
 * text), so that a scan of many files does not allocate a buffer for each.
 */
export function readBoundedTextSync(
  absolute: string,
  maxBytes = MAX_FILE_BYTES,
  scratch?: Buffer,
): string {
  // O_NONBLOCK: opening a named pipe with no writer returns at once instead of waiting for one.
  const fd = openSync(absolute, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile())
      throw new FileNotRead("unreadable", `not a regular file (${kindOf(info)}); not read`);
    if (info.size > maxBytes) throw tooLarge(info.size, maxBytes);
    // The size it had plus one byte, to see that it ended: one read when a read returns less than
    // asked once the file's size is in (the end of the file). A file that grows meanwhile is read
    // on in chunks, within the bound.
    const wanted = info.size + 1;
    const first =
      scratch !== undefined && scratch.length >= wanted ? scratch : Buffer.allocUnsafe(wanted);
    let total = 0;
    for (;;) {
      const asked = wanted - total;
      const bytesRead = readSync(fd, first, total, asked, null);
      total += bytesRead;
      if (bytesRead === 0 || total === wanted || (bytesRead < asked && total >= info.size)) break;
    }
    if (total < wanted) return decodeText(first.subarray(0, total));
    if (total > maxBytes) throw tooLarge(total, maxBytes);
    const chunks: Buffer[] = [Buffer.from(first.subarray(0, total))];
    for (;;) {
      const buffer = Buffer.allocUnsafe(CHUNK);
      const bytesRead = readSync(fd, buffer, 0, CHUNK, null);
      if (bytesRead === 0) break;
      total += bytesRead;
      if (total > maxBytes) throw tooLarge(total, maxBytes);
      chunks.push(buffer.subarray(0, bytesRead));
    }
    return decodeText(Buffer.concat(chunks, total));
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
