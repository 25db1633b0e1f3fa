import { describe, expect, it } from "@jest/globals";
import { isPrintableAscii, refusal } from "../../src/core/refusal.js";

describe("refusal", () => {
  it("refuses binary text, whether or not the caller tested its characters first", () => {
    const binary = "apiVersion: v1\u0000\u0001\u0002";
    expect(isPrintableAscii(binary)).toBe(false);
    expect(refusal(binary, 1000, isPrintableAscii(binary))?.code).toBe("binary");
    expect(refusal(binary, 1000)?.code).toBe("binary");
  });

  it("reads printable ASCII, and tells it from text with other characters", () => {
    const manifest = "apiVersion: v1\nkind: Pod\n";
    expect(isPrintableAscii(manifest)).toBe(true);
    expect(refusal(manifest, 1000, true)).toBeNull();
    for (const text of ["a: b\r\n", "a:\tb\n", "name: caf\u00e9\n", "\ufeffa: 1\n"]) {
      expect(isPrintableAscii(text)).toBe(false);
      expect(refusal(text, 1000, false)).toBeNull();
    }
    expect(refusal(manifest, 10, true)?.code).toBe("too-large");
  });
});
