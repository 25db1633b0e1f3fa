import { describe, expect, it } from "@jest/globals";
import { applyLineFix, lineEnding, toLineFix } from "../../src/fix/line-fix.js";
import { applyEdits } from "../../src/fix/text-edit.js";
import { LineIndex } from "../../src/yaml/line-index.js";

function fixOf(text: string, edits: { start: number; end: number; text: string }[]) {
  return toLineFix(text, new LineIndex(text), edits, "d", []);
}

function applied(text: string, edits: { start: number; end: number; text: string }[]): string {
  const fix = fixOf(text, edits);
  if (!fix) throw new Error("expected a fix");
  const out = applyLineFix(text, new LineIndex(text), fix);
  // A whole-line fix gives exactly what the character edits give.
  expect(out).toBe(applyEdits(text, edits));
  return out;
}

describe("toLineFix and applyLineFix", () => {
  const text = "a: 1\nb: true\nc: 3\n";

  it("replaces the touched line with its edited text", () => {
    expect(fixOf(text, [{ start: 8, end: 12, text: "false" }])).toEqual({
      line: 2,
      endLine: 2,
      text: "b: false\n",
      description: "d",
      trades: [],
    });
    expect(applied(text, [{ start: 8, end: 12, text: "false" }])).toBe("a: 1\nb: false\nc: 3\n");
  });

  it("deletes whole lines with an empty text, and spans every line an edit touches", () => {
    expect(fixOf(text, [{ start: 5, end: 13, text: "" }])).toMatchObject({
      line: 2,
      endLine: 2,
      text: "",
    });
    expect(fixOf(text, [{ start: 3, end: 16, text: "9" }])).toMatchObject({ line: 1, endLine: 3 });
    expect(applied(text, [{ start: 5, end: 13, text: "" }])).toBe("a: 1\nc: 3\n");
  });

  it("attaches an insertion at a line start to the line before it, at the end to the last line", () => {
    expect(fixOf(text, [{ start: 5, end: 5, text: "x: 0\n" }])).toMatchObject({
      line: 1,
      endLine: 1,
      text: "a: 1\nx: 0\n",
    });
    expect(applied(text, [{ start: 5, end: 5, text: "x: 0\n" }])).toBe(
      "a: 1\nx: 0\nb: true\nc: 3\n",
    );
    // An insertion at the very start has no line before it.
    expect(fixOf(text, [{ start: 0, end: 0, text: "x: 0\n" }])).toMatchObject({
      line: 1,
      text: "x: 0\na: 1\n",
    });
    expect(fixOf(text, [{ start: 18, end: 18, text: "d: 4\n" }])).toMatchObject({
      line: 3,
      endLine: 3,
      text: "c: 3\nd: 4\n",
    });
    expect(applied(text, [{ start: 18, end: 18, text: "d: 4\n" }])).toBe(`${text}d: 4\n`);
  });

  it("works on a last line without a line break", () => {
    expect(applied("a: 1\nb: true", [{ start: 8, end: 12, text: "false" }])).toBe("a: 1\nb: false");
  });

  it("is null when the edits change nothing", () => {
    expect(fixOf(text, [{ start: 8, end: 12, text: "true" }])).toBeNull();
    expect(fixOf(text, [])).toBeNull();
  });

  it("holds no \\r and is applied in the file's CRLF line endings", () => {
    const crlf = "a: 1\r\nb: true\r\nc: 3\r\n";
    const fix = fixOf(crlf, [{ start: 9, end: 13, text: "false\nd: 4" }]);
    expect(fix).toMatchObject({ line: 2, endLine: 2, text: "b: false\nd: 4\n" });
    const out = applyLineFix(crlf, new LineIndex(crlf), fix as NonNullable<typeof fix>);
    expect(out).toBe("a: 1\r\nb: false\r\nd: 4\r\nc: 3\r\n");
  });
});

describe("lineEnding", () => {
  it("is the first line break's kind", () => {
    expect(lineEnding("a\r\nb\n")).toBe("\r\n");
    expect(lineEnding("a\nb\r\n")).toBe("\n");
    expect(lineEnding("a")).toBe("\n");
  });
});

describe("applyEdits", () => {
  it("applies edits in offset order and refuses overlapping ones", () => {
    expect(
      applyEdits("abcdef", [
        { start: 4, end: 5, text: "E" },
        { start: 0, end: 1, text: "A" },
      ]),
    ).toBe("AbcdEf");
    expect(() =>
      applyEdits("abcdef", [
        { start: 0, end: 3, text: "" },
        { start: 2, end: 4, text: "" },
      ]),
    ).toThrow(/overlapping/);
  });
});

describe("LineIndex", () => {
  it("maps offsets to 1-based lines and columns, the end inclusive", () => {
    const index = new LineIndex("ab\ncd\r\nef");
    expect(index.lineCount).toBe(3);
    expect([
      index.lineOf(0),
      index.lineOf(2),
      index.lineOf(3),
      index.lineOf(8),
      index.lineOf(99),
    ]).toEqual([1, 1, 2, 3, 3]);
    expect(index.span(3, 5)).toEqual({
      start: 3,
      end: 5,
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 2,
    });
    expect(index.span(1, 8)).toMatchObject({ line: 1, column: 2, endLine: 3, endColumn: 1 });
    expect([index.lineStart(2), index.lineEnd(2), index.lineEnd(3)]).toEqual([3, 7, 9]);
  });
});
