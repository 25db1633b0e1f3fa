import { describe, expect, it } from "@jest/globals";
import { fits, prefixWithin, truncateText, utf8Length } from "../../src/report/github-truncate.js";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

describe("truncateText", () => {
  it("returns text that fits unchanged", () => {
    expect(truncateText("privileged: true", { maxChars: 16, maxBytes: 16 })).toBe(
      "privileged: true",
    );
  });

  it("cuts to the character limit and appends the note within it", () => {
    const out = truncateText("a".repeat(100), { maxChars: 20 }, " (cut)");
    expect(out).toBe(`${"a".repeat(14)} (cut)`);
    expect(out.length).toBe(20);
  });

  it("never splits a surrogate pair at the character limit", () => {
    // "🐛" is two UTF-16 units; a cut after 3 units would leave half of the second one.
    const out = truncateText("🐛🐛🐛", { maxChars: 3 });
    expect(out).toBe("🐛");
    expect(out).not.toMatch(LONE_SURROGATE);
  });

  it("cuts by UTF-8 bytes when multi-byte characters make the text longer in bytes", () => {
    const text = "ダンプ🐛".repeat(10_000); // 3 × 3 + 4 = 13 bytes, 5 units per repeat
    const limit = { maxChars: 65_535, maxBytes: 65_535 };
    expect(text.length).toBeLessThan(65_535);
    expect(utf8Length(text)).toBeGreaterThan(65_535);
    const out = truncateText(text, limit, "\n(cut)");
    expect(utf8Length(out)).toBeLessThanOrEqual(65_535);
    expect(utf8Length(out)).toBeGreaterThan(65_535 - 13);
    expect(out).not.toMatch(LONE_SURROGATE);
    expect(out.endsWith("\n(cut)")).toBe(true);
    expect(fits(out, limit)).toBe(true);
  });

  it("stops before a 4-byte character that would pass the byte limit", () => {
    expect(prefixWithin("ab🐛", { maxChars: 10, maxBytes: 5 })).toBe("ab");
    expect(prefixWithin("ab🐛", { maxChars: 10, maxBytes: 6 })).toBe("ab🐛");
    expect(prefixWithin("éé", { maxChars: 10, maxBytes: 3 })).toBe("é");
  });

  it("counts a lone surrogate as the 3 bytes of its replacement character", () => {
    const lone = "a\uD83D";
    expect(utf8Length(lone)).toBe(4);
    expect(prefixWithin(lone, { maxChars: 10, maxBytes: 4 })).toBe("a\uD83D");
  });

  it("cuts the note itself when not even the note fits", () => {
    expect(truncateText("abcdef", { maxChars: 3 }, "(truncated)")).toBe("(tr");
  });
});
