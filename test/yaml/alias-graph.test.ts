import { describe, expect, it } from "@jest/globals";
import { Document, parseDocument, visit, YAMLSeq } from "yaml";
import {
  allowedAliasRatio,
  buildAliasGraph,
  excessiveAliasing,
} from "../../src/yaml/alias-graph.js";

const parse = (text: string) =>
  parseDocument(text, { version: "1.1", merge: true, uniqueKeys: false }) as Document.Parsed;

describe("buildAliasGraph", () => {
  it("resolves each alias to the last anchor before it, as Alias.resolve does", () => {
    const doc = parse("a: &x 1\nb: *x\nc: &x 2\nd: *x\ne: [&y {k: v}, *y]\n");
    const graph = buildAliasGraph(doc);
    visit(doc, {
      Alias: (_, node) => {
        expect(graph.targets.get(node)).toBe(node.resolve(doc));
      },
    });
    expect(graph.targets.size).toBe(3);
    expect(graph.broken).toBeNull();
    expect(graph.duplicate).toBeNull();
  });

  it("counts what kubectl's decoder would decode, every alias expanded", () => {
    const graph = buildAliasGraph(parse("a: &x [1, 2, 3]\nb: *x\nc: [*x, *x]\n"));
    // Own nodes: the map, 3 keys, a's seq and its 3 items, b's alias, c's seq and 2 aliases.
    expect(graph.ownNodes).toBe(12);
    // The document node, the own nodes, and the 4 nodes each of the 3 aliases expands to.
    expect(graph.expandedNodes).toBe(1 + 12 + 3 * 4);
    expect(graph.excessiveAliasing).toBeNull();
  });

  it("counts merges as go-yaml does: no merge key, no merged sequence", () => {
    const text = "a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: [*a, *b]\n  z: 3\n";
    const graph = buildAliasGraph(parse(text));
    // document 1; map 1; a, b, c keys 3; {x: 1} and {y: 2} 3 each; c's map 1; two aliases,
    // each 1 + 3; z and 3: 2. The `<<` key and its sequence are not decoded themselves.
    expect(graph.expandedNodes).toBe(1 + 1 + 3 + 3 + 3 + 1 + 2 * 4 + 2);
  });

  it("applies go-yaml's alias ratio: 99% up to 400,000 decodes, 10% from 4,000,000", () => {
    expect(allowedAliasRatio(1000)).toBe(0.99);
    expect(allowedAliasRatio(400_000)).toBe(0.99);
    expect(allowedAliasRatio(2_200_000)).toBeCloseTo(0.545, 10);
    expect(allowedAliasRatio(4_000_000)).toBe(0.1);
    // Nothing is refused under 101 alias decodes or 1,001 decodes in all.
    expect(excessiveAliasing(1000, 999)).toBe(false);
    expect(excessiveAliasing(100_000, 100)).toBe(false);
    expect(excessiveAliasing(1001, 992)).toBe(true);
    expect(excessiveAliasing(1001, 990)).toBe(false);
  });

  it("reads an anchored list reused many times, as kubectl does", () => {
    // 1,000 entries of 5 decodes each, reused 23 times: 115,046 decodes from aliases.
    let text = "list: &l\n";
    for (let i = 0; i < 1000; i++) text += `  - {name: E${i}, value: x}\n`;
    text += `uses: [${Array(23).fill("*l").join(", ")}]\n`;
    const graph = buildAliasGraph(parse(text));
    expect(graph.expandedNodes - graph.ownNodes).toBeGreaterThan(100_000);
    expect(graph.excessiveAliasing).toBeNull();
  });

  it("measures a billion laughs without expanding it and finds where the decoder gives up", () => {
    let text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (let i = 1; i <= 9; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(", ")}]\n`;
    const graph = buildAliasGraph(parse(text));
    expect(graph.expandedNodes).toBeGreaterThan(1e9);
    // At a3's third alias to a2: over 1,000 decodes, more than 99% of them from aliases.
    expect(graph.excessiveAliasing).toMatchObject({
      kind: "excessive-aliasing",
      offset: text.indexOf("*a2") + 2 * "*a2, ".length,
    });
  });

  it("reports an alias with no anchor and one inside its own anchor", () => {
    expect(buildAliasGraph(parse("a: *nowhere\n")).broken).toMatchObject({
      kind: "unresolved",
      offset: 3,
    });
    const cycle = buildAliasGraph(parse("a: &x [1, *x]\n"));
    expect(cycle.broken).toMatchObject({ kind: "cycle", offset: 10 });
    expect(cycle.expandedNodes).toBe(Number.POSITIVE_INFINITY);
  });

  it("finds a key set twice, but not repeated merge keys", () => {
    expect(buildAliasGraph(parse("a: 1\nb: 2\na: 3\n")).duplicate).toMatchObject({
      kind: "duplicate-key",
      offset: 10,
    });
    expect(
      buildAliasGraph(parse("x: &x {a: 1}\ny:\n  <<: *x\n  <<: {b: 2}\n")).duplicate,
    ).toBeNull();
    // A string "1" and a number 1 are different keys.
    expect(buildAliasGraph(parse('"1": a\n1: b\n')).duplicate).toBeNull();
  });

  it("handles an empty document", () => {
    expect(buildAliasGraph(parse(""))).toMatchObject({
      ownNodes: 0,
      expandedNodes: 0,
      excessiveAliasing: null,
    });
  });

  it("does not recurse: a tree 100,000 levels deep is measured", () => {
    const root = new YAMLSeq();
    let inner = root;
    for (let i = 1; i < 100_000; i++) {
      const next = new YAMLSeq();
      next.range = [0, 0, 0];
      inner.items.push(next);
      inner = next;
    }
    const doc = new Document() as unknown as Document.Parsed;
    doc.contents = root as unknown as Document.Parsed["contents"];
    expect(buildAliasGraph(doc)).toMatchObject({ ownNodes: 100_000, expandedNodes: 100_001 });
  });
});
