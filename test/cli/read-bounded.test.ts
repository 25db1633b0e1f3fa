/**
 * Reading a file's text: the decoding is exactly a fatal UTF-8 TextDecoder's that keeps a byte
 * order mark (checked natively, then decoded by Buffer), and a scan's reads into one reused buffer
 * give each file its own text.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { decodeText, FileNotRead, readBoundedTextSync } from "../../src/cli/read-bounded.js";

const root = mkdtempSync(join(tmpdir(), "pg-read-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** What a fatal decoder that keeps a byte order mark gives, or null where it throws. */
function decoded(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

function decodedHere(bytes: Uint8Array): string | null {
  try {
    return decodeText(bytes);
  } catch (error) {
    expect(error).toBeInstanceOf(FileNotRead);
    return null;
  }
}

describe("decodeText", () => {
  it("gives what a fatal TextDecoder gives, for any bytes", () => {
    // Bytes, and UTF-8 text with a byte changed: mostly valid, sometimes broken near the change.
    const text = fc.string({ unit: "binary", maxLength: 200 });
    const edited = fc
      .tuple(text, fc.nat(), fc.integer({ min: 0, max: 255 }))
      .map(([s, at, byte]) => {
        const bytes = Buffer.from(`\ufeff${s}`, "utf8");
        bytes[at % bytes.length] = byte;
        return new Uint8Array(bytes);
      });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), edited), (bytes) => {
        expect(decodedHere(bytes)).toBe(decoded(bytes));
      }),
      { numRuns: 3000 },
    );
  });

  it("keeps a byte order mark and NUL bytes, and reads a part of a larger buffer", () => {
    const bytes = Buffer.from("xx\ufeffa\u0000é☕𝄞yy", "utf8");
    expect(decodeText(bytes.subarray(2, bytes.length - 2))).toBe("\ufeffa\u0000é☕𝄞");
    expect(decodeText(Buffer.from("plain: ascii\n"))).toBe("plain: ascii\n");
  });
});

describe("readBoundedTextSync with a reused buffer", () => {
  it("gives each file its own text, whether it fits the buffer or not", () => {
    const scratch = Buffer.alloc(64);
    const texts = ["short: 1\n", "é".repeat(100), "", "longer: ☕\n".repeat(20), "a: b\n"];
    const read = texts.map((text, i) => {
      const path = join(root, `f${i}.yaml`);
      writeFileSync(path, text);
      return readBoundedTextSync(path, 10_000, scratch);
    });
    expect(read).toEqual(texts);
  });

  it("is bounded as without one", () => {
    const path = join(root, "big.yaml");
    writeFileSync(path, "a: b\n".repeat(1000));
    expect(() => readBoundedTextSync(path, 100, Buffer.alloc(10_000))).toThrow(
      "file of 5000 bytes or more, over the limit of 100 bytes; not scanned",
    );
    expect(readBoundedTextSync(path, 5000, Buffer.alloc(10_000))).toHaveLength(5000);
  });
});
