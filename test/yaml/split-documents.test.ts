import { describe, expect, it } from "@jest/globals";
import { jsonStreamCuts } from "../../src/yaml/json-stream.js";
import { splitDocuments } from "../../src/yaml/split-documents.js";

/** Each chunk as [start, text]; the chunks must tile their part of the text exactly. */
function chunks(text: string): [number, string][] {
  const out = splitDocuments(text).map((c): [number, string] => [c.start, c.text]);
  for (const [start, body] of out) expect(text.slice(start, start + body.length)).toBe(body);
  return out;
}

describe("splitDocuments", () => {
  it("cuts at --- and keeps the marker with its document", () => {
    expect(chunks("a: 1\n---\nb: 2\n--- \nc: 3\n")).toEqual([
      [0, "a: 1\n"],
      [5, "---\nb: 2\n"],
      [14, "--- \nc: 3\n"],
    ]);
  });

  it("does not cut at --- inside a line or followed by text without a space", () => {
    expect(chunks("a: ---\nb: ---x\n----\n")).toEqual([[0, "a: ---\nb: ---x\n----\n"]]);
  });

  it("cuts around a ... end marker and drops chunks with nothing in them", () => {
    expect(chunks("a: 1\n...\nb: 2\n")).toEqual([
      [0, "a: 1\n"],
      [9, "b: 2\n"],
    ]);
    expect(chunks("---\n# only a comment\n---\n...\n--- # c\n")).toEqual([]);
  });

  it("keeps a document that starts with `--- # comment` (it used to be dropped)", () => {
    expect(chunks("--- # Source: x.yaml\na: 1\n")).toEqual([[0, "--- # Source: x.yaml\na: 1\n"]]);
  });

  it("keeps a document whose content is on the marker line", () => {
    expect(chunks("--- {a: 1}\n--- |\n  text\n")).toEqual([
      [0, "--- {a: 1}\n"],
      [11, "--- |\n  text\n"],
    ]);
  });

  it("keeps directives with the document they precede", () => {
    expect(chunks("a: 1\n...\n%YAML 1.1\n---\nb: 2\n")).toEqual([
      [0, "a: 1\n"],
      [9, "%YAML 1.1\n---\nb: 2\n"],
    ]);
  });

  it("handles CRLF markers", () => {
    expect(chunks("a: 1\r\n---\r\nb: 2\r\n")).toEqual([
      [0, "a: 1\r\n"],
      [6, "---\r\nb: 2\r\n"],
    ]);
  });

  it("numbers chunks in order", () => {
    expect(splitDocuments("a: 1\n---\n---\nb: 2\n").map((c) => c.index)).toEqual([0, 1]);
  });

  it("splits a JSON stream between its top-level objects", () => {
    const text = '{"a": "}{", "b": [1, {"c": "\\"}"}]}\n  {"d": 2}{"e": 3}\n';
    expect(chunks(text).map(([, body]) => body)).toEqual([
      '{"a": "}{", "b": [1, {"c": "\\"}"}]}\n  ',
      '{"d": 2}',
      '{"e": 3}\n',
    ]);
  });
});

describe("jsonStreamCuts", () => {
  it("is null for YAML, a single object and a stream that stops being JSON", () => {
    expect(jsonStreamCuts("a: {b: 1}\n")).toBeNull();
    expect(jsonStreamCuts('\uFEFF  {"a": 1}\n')).toBeNull();
    expect(jsonStreamCuts('{"a": 1}\nb: 2\n')).toBeNull();
    expect(jsonStreamCuts('{"a": 1} {"b": 2} x {"c": 3}')).toEqual([9]);
  });
});
