/**
 * `TokenParser` (src/yaml/token-parser.ts) is `yaml`'s CST parser without its per-token read of
 * an environment variable: it must give `Parser`'s tokens exactly, on every input.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { LineCounter, Parser } from "yaml";
import { TokenParser } from "../../src/yaml/token-parser.js";
import { blockYaml } from "../property/block-yaml.js";
import { manifest } from "../property/manifests.js";
import { mutate, mutation, render, style } from "../property/render.js";
import { FIXTURES, filesUnder } from "../support/fixture-files.js";

/** Both parsers' tokens of `text`, and the line starts each reports, read whole and in pieces. */
function expectSameTokens(text: string): void {
  const theirs = new LineCounter();
  const ours = new LineCounter();
  expect(Array.from(new TokenParser(ours.addNewLine).parse(text))).toEqual(
    Array.from(new Parser(theirs.addNewLine).parse(text)),
  );
  expect(ours.lineStarts).toEqual(theirs.lineStarts);
  const half = Math.floor(text.length / 2);
  const pieces = (parser: Parser) => [
    ...parser.parse(text.slice(0, half), true),
    ...parser.parse(text.slice(half)),
  ];
  expect(pieces(new TokenParser())).toEqual(pieces(new Parser()));
}

describe("TokenParser", () => {
  it("gives Parser's tokens on the real-world manifests and charts and PSA's fixtures", () => {
    const files = [
      ...filesUnder(join(FIXTURES, "realworld")),
      ...filesUnder(join(FIXTURES, "psa")),
    ];
    expect(files.length).toBeGreaterThan(100);
    for (const path of files) expectSameTokens(readFileSync(path, "utf8"));
  });

  it("gives Parser's tokens on YAML's odd corners and on errors", () => {
    const corners = [
      "",
      "a: 1\n",
      "%YAML 1.1\n---\na: &x {b: [1, 2]}\nc: *x\n<<: *x\n...\n",
      "? complex\n: value\n- not here\n",
      "k: |+\n  kept\n\n\nl: >-\n  folded\n  text\n",
      "q: \"multi\n line\"\nr: 'single\n  line'\n",
      "a:\tb\n\t- x\n",
      "[unclosed, {flow: map\n",
      "a: b: c\n- x\n  y: z\n",
      "!!str tagged: !local value\n",
      "--- |\n  literal doc\n--- >\n folded\n",
      "\uFEFFbom: true\r\nwindows: lines\r\n",
      "a: 1 # comment\n# own line\n  \n",
      "@reserved\n`also\n",
      "\u0000",
      "key: {{ .Values.x }}\n",
    ];
    for (const text of corners) expectSameTokens(text);
  });

  it("gives Parser's tokens on generated manifests, mutated, and on generated block YAML", () => {
    fc.assert(
      fc.property(manifest, style, fc.array(mutation, { maxLength: 3 }), (docs, s, m) => {
        expectSameTokens(mutate(render(docs, s), m));
      }),
      { numRuns: 200 },
    );
    fc.assert(
      fc.property(blockYaml, (text) => expectSameTokens(text)),
      { numRuns: 200 },
    );
  });
});
