import { describe, expect, it } from "@jest/globals";
import { Document, parseDocument, visit, YAMLSeq } from "yaml";
import { buildAliasGraph } from "../../src/yaml/alias-graph.js";

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

  it("counts what expanding the aliases would visit", () => {
    const graph = buildAliasGraph(parse("a: &x [1, 2, 3]\nb: *x\nc: [*x, *x]\n"));
    // Own nodes: the map, 3 keys, a's seq and its 3 items, b's alias, c's seq and 2 aliases.
    expect(graph.ownNodes).toBe(12);
    // Each of the 3 aliases stands for 4 nodes instead of 1.
    expect(graph.expandedNodes).toBe(12 + 3 * 3);
  });

  it("measures a billion laughs without expanding it", () => {
    let text = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n";
    for (let i = 1; i <= 9; i++)
      text += `a${i}: &a${i} [${Array(10)
        .fill(`*a${i - 1}`)
        .join(", ")}]\n`;
    const started = performance.now();
    const graph = buildAliasGraph(parse(text));
    expect(graph.expandedNodes).toBeGreaterThan(1e9);
    expect(performance.now() - started).toBeLessThan(15_000);
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
    expect(buildAliasGraph(parse(""))).toMatchObject({ ownNodes: 0, expandedNodes: 0 });
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
    expect(buildAliasGraph(doc)).toMatchObject({ ownNodes: 100_000, expandedNodes: 100_000 });
  });
});
