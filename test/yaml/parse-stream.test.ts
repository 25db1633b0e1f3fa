import { describe, expect, it } from "@jest/globals";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import { parseChunk } from "../../src/yaml/parse-stream.js";
import { isScalar } from "../../src/yaml/yaml-doc.js";

const chunk = (text: string, start = 0) => ({ index: 0, start, text });
const parse = (text: string, limits = DEFAULT_LIMITS, start = 0) =>
  parseChunk(chunk(text, start), limits);

describe("parseChunk", () => {
  it("reads YAML 1.1 scalars and merge keys", () => {
    const { docs, problems } = parse("a: yes\nb: 0777\nc: 1:30\nd: {<<: {e: 1}}\n");
    expect(problems).toEqual([]);
    expect(docs[0]?.doc.toJS()).toEqual({ a: true, b: 511, c: 90, d: { e: 1 } });
  });

  it("reads 1.1 under a %YAML 1.2 directive, offsets unchanged", () => {
    const text = "%YAML 1.2\n---\na: yes\n";
    const [doc] = parse(text).docs;
    const value = doc?.get(doc.root() as never, "a")?.value;
    expect(value && isScalar(value.node) ? value.node.value : undefined).toBe(true);
    expect(value?.range).toEqual([17, 20]);
    expect(text.slice(17, 20)).toBe("yes");
  });

  it("turns a syntax error into a problem at its offset in the whole file", () => {
    const { docs, problems } = parse("a: 1\nb: [\n", DEFAULT_LIMITS, 100);
    expect(docs).toEqual([]);
    expect(problems).toEqual([
      { code: "parse-error", message: expect.stringMatching(/flow sequence/i), offset: 110 },
    ]);
  });

  it("refuses nesting past maxDepth before the composer runs", () => {
    const limits = { ...DEFAULT_LIMITS, maxDepth: 3 };
    expect(parse("a: [[[[x]]]]\n", limits).problems).toEqual([
      { code: "too-deep", message: expect.stringContaining("3 levels"), offset: 6 },
    ]);
    // Block nesting is measured on the syntax tree.
    expect(parse("a:\n b:\n  c:\n   d: 1\n", limits).problems).toMatchObject([
      { code: "too-deep", offset: 0 },
    ]);
    expect(parse("a:\n b:\n  c: 1\n", limits).problems).toEqual([]);
  });

  it("refuses an alias bomb where kubectl's decoder does, and reads heavy but legitimate reuse", () => {
    let reuse = "a: &a [x, y, z, w]\n";
    reuse += `b: [${Array(300).fill("*a").join(", ")}]\n`;
    expect(parse(reuse).problems).toEqual([]);
    let bomb = "a: &a [x, y, z, w, v, u, t, s, r, q]\n";
    bomb += "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n";
    bomb += "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n";
    bomb += "d: [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n";
    expect(parse(bomb)).toEqual({
      docs: [],
      problems: [
        {
          code: "alias-limit",
          message: expect.stringContaining("kubectl refuses this document as an alias bomb"),
          // The third *c: 4,983 of 5,026 decodes from aliases, over 99%.
          offset: bomb.indexOf("*c") + 2 * "*c, ".length,
        },
      ],
    });
  });

  it("refuses unresolved and self-referencing aliases", () => {
    expect(parse("a: *x\n").problems).toMatchObject([{ code: "parse-error", offset: 3 }]);
    expect(parse("a: &x {b: *x}\n").problems).toMatchObject([{ code: "parse-error", offset: 10 }]);
  });

  it("reports a repeated key but reads the document with the last value, as Go decoders do", () => {
    const { docs, problems } = parse("privileged: false\nprivileged: true\n");
    expect(problems).toEqual([
      {
        code: "parse-error",
        message: expect.stringContaining("`privileged` is set twice"),
        offset: 18,
      },
    ]);
    const doc = docs[0];
    if (!doc) throw new Error("expected the document");
    const entry = doc.get(doc.root() as never, "privileged");
    expect(entry?.range).toEqual([18, 34]);
    expect(doc.entries(doc.root() as never)).toHaveLength(1);
  });

  it("checks duplicate keys of a 100,000-key mapping in linear time", () => {
    let text = "";
    for (let i = 0; i < 100_000; i++) text += `k${i}: v\n`;
    const { docs, problems } = parse(`${text}k7: again\n`);
    expect(problems).toMatchObject([{ code: "parse-error", offset: text.length }]);
    expect(docs).toHaveLength(1);
  });
});
