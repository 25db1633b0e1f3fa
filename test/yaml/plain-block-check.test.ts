/**
 * The line check may only ever say "well-formed" of well-formed YAML, and must report every key the
 * parsers read. Unit cases pin down both answers; the property tests compare it with js-yaml and
 * with the `yaml` package (the engine's full reading) on texts built to sit near the subset's edge.
 */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import jsyaml from "js-yaml";
import { isScalar, parseAllDocuments, visit } from "yaml";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import { parseChunk } from "../../src/yaml/parse-stream.js";
import { checkPlainBlockYaml } from "../../src/yaml/plain-block-check.js";
import { blockYaml } from "../property/block-yaml.js";

/** The keys the line check reports, in order. */
function reportedKeys(text: string): string[] | null {
  const keys: string[] = [];
  const ok = checkPlainBlockYaml(text, {
    key: (key) => {
      keys.push(key);
      return true;
    },
    item: () => true,
  });
  return ok ? keys : null;
}

/** Every mapping key, repeated ones too, as the `yaml` package reads them (failsafe: strings). */
function parsedKeys(text: string): string[] {
  const keys: string[] = [];
  for (const doc of parseAllDocuments(text, { schema: "failsafe", uniqueKeys: false })) {
    visit(doc, {
      Pair: (_, pair) => {
        keys.push(isScalar(pair.key) ? String(pair.key.value) : "?");
      },
    });
  }
  return keys;
}

/** True when js-yaml reads the text. */
function jsYamlAccepts(text: string): boolean {
  try {
    jsyaml.loadAll(text, undefined, { schema: jsyaml.FAILSAFE_SCHEMA });
    return true;
  } catch {
    return false;
  }
}

/** True when the engine's full reading finds no syntax problem. */
function fullReadingAccepts(text: string): boolean {
  const parsed = parseChunk({ index: 0, start: 0, text }, DEFAULT_LIMITS);
  return parsed.problems.length === 0 && parsed.docs.length > 0;
}

describe("checkPlainBlockYaml", () => {
  it.each([
    [
      "a Deployment",
      'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\n  labels:\n    app.kubernetes.io/name: web\nspec:\n  template:\n    spec:\n      containers:\n      - name: web\n        image: nginx:1.27\n        args: ["--port=8080", --verbose]\n        ports:\n        - containerPort: 80\n        resources: {limits: {cpu: 100m}}\n',
    ],
    ["a document marker and comments", "# leading\n--- # start\n# inside\na: 1 # trailing\n"],
    ["indented sequences and compact nesting", "a:\n  - - x\n    - y\n  - k: v\n    l: w\n"],
    ["an indentless sequence, then a sibling key", "a:\n- 1\n- 2\nb: 3\n"],
    ["quoted keys and values", "\"a b\": 'it''s'\n'c': \"d #not a comment\"\n"],
    ["block scalars", "script: |\n  echo hi\n\n  echo: there\nfolded: >-\n  text\nnext: 1\n"],
    ["empty values", "a:\nb: # nothing\nc: []\nd: {}\n"],
    ["plain scalars with colons and hashes inside", "url: http://x:80/a#b\nflag: --x=1\nneg: -1\n"],
    ["a top-level sequence", "- a\n- b: 1\n  c: 2\n-\n"],
    ["CRLF line breaks", "a:\r\n  b: |\r\n    x\r\n  c: [d]\r\n"],
    ["non-ASCII values and comments", "a: caf\u00e9 # \u00fcber\nb: '\u65e5\u672c'\n"],
  ])("proves %s well-formed", (_, text) => {
    expect(checkPlainBlockYaml(text)).toBe(true);
    expect(fullReadingAccepts(text)).toBe(true);
    expect(jsYamlAccepts(text)).toBe(true);
    expect(reportedKeys(text)).toEqual(parsedKeys(text));
  });

  it.each([
    ["bad indentation", "a:\n    b: 1\n  c: 2\n"],
    ["a key where a sequence is", "a:\n  - x\n  b: 1\n"],
    ["an entry where a mapping is", "a: 1\n- x\n"],
    ["a value on a deeper line after an inline value", "a: 1\n  b: 2\n"],
    ["a mapping value inside a plain scalar", "a: b: c\n"],
    ["an unclosed quote", 'a: "b\n'],
    ["text after a closing quote", 'a: "b" c\n'],
    ["an unclosed flow collection", "a: [b,\n  c]\n"],
    ["a trailing comma", "a: [b, ]\n"],
    [
      "a block scalar line between its key's and its own indentation",
      "a:\n  b: |\n      x\n    y\n",
    ],
    ["a second document marker", "a: 1\n---\nb: 2\n"],
    ["a bare scalar line", "a:\n  b\n"],
    ["a top-level scalar", "just text\n"],
    ["a line less indented than the root", "  a: 1\nb: 2\n"],
  ])("does not prove %s", (_, text) => {
    expect(checkPlainBlockYaml(text)).toBe(false);
  });

  it.each([
    ["a tab", "a:\n\tb: 1\n"],
    ["a carriage return alone", "a: 1\rb: 2\n"],
    ["a YAML 1.1 line break", "a: x\u2028b: 2\n"],
    ["a byte order mark", "\ufeffa: 1\n"],
    ["a non-ASCII key", "caf\u00e9: 1\n"],
    ["an anchor and an alias", "a: &x 1\nb: *x\n"],
    ["a merge key", "a: {x: 1}\nb:\n  <<: {x: 2}\n"],
    ["a tag", "a: !!str 1\n"],
    ["a directive", "%YAML 1.1\n---\na: 1\n"],
    ["an explicit key", "? a\n: 1\n"],
    ["an escape", 'a: "\\x70"\n'],
    ["a multi-line plain scalar", "a: b\n  c\n"],
    ["an explicit block indentation", "a: |2\n   x\n"],
    ["JSON without spaces", '{"a":1}\n'],
    ["a key set twice", "a: 1\nb: 2\na: 3\n"],
    ["a key set twice in a flow mapping", "a: {b: 1, b: 2}\n"],
    ["keys YAML 1.1 may read as one boolean", "true: 1\nTrue: 2\n"],
    ["a numeric key", "1: a\n"],
  ])("leaves %s to a parser", (_, text) => {
    expect(checkPlainBlockYaml(text)).toBe(false);
  });

  it("stops when the visitor says so, and stays iterative on deep nesting", () => {
    expect(checkPlainBlockYaml("a: 1\nb: 2\n", { key: (k) => k !== "b", item: () => true })).toBe(
      false,
    );
    const deep = Array.from({ length: 5000 }, (_, i) => `${" ".repeat(i)}k:`).join("\n");
    expect(checkPlainBlockYaml(deep)).toBe(false);
    expect(checkPlainBlockYaml(`a: ${"[".repeat(100000)}`)).toBe(false);
  });
});

/** Lines near the subset's edge: keys, dashes, values of every kind, odd indentation. */
const fragment = fc.constantFrom(
  "a:",
  "b: 1",
  "c: x y",
  "d: 'q'",
  'e: "q"',
  "f: [1, 2]",
  "g: {h: i}",
  "- ",
  "- j",
  "- k: l",
  "- - m",
  "n: |",
  "o: >-",
  "  text",
  "# c",
  "p: q # c",
  "r: s: t",
  "u: [v",
  "w]",
  "x: 'y''z'",
  '"k k": v',
  "'k': v",
  "-",
  "y: -",
  "z: --a",
  "aa: http://x:1",
  "bb: c:",
  "cc: {d: [e, {f: g}]}",
  "dd: [a, ]",
  "ee: {a: }",
  "ff: [a b]",
  "gg: #",
  "hh:#x",
  "---",
  "--- # x",
  "...",
  "ii: 'a'#",
  'jj: "a" #',
);
const line = fc.tuple(fc.integer({ min: 0, max: 6 }), fragment).map(([n, f]) => " ".repeat(n) + f);
const soup = fc
  .array(line, { minLength: 1, maxLength: 12 })
  .map((lines) => `${lines.join("\n")}\n`);

const texts = fc.oneof(blockYaml, blockYaml, soup);

describe("checkPlainBlockYaml against the parsers", () => {
  it("says well-formed only of what js-yaml and the full reading accept, with the same keys", () => {
    fc.assert(
      fc.property(texts, (text) => {
        const keys = reportedKeys(text);
        if (keys === null) return;
        expect(fullReadingAccepts(text)).toBe(true);
        expect(jsYamlAccepts(text)).toBe(true);
        expect(keys).toEqual(parsedKeys(text));
      }),
      { numRuns: 5000 },
    );
  });

  it("proves a good share of those texts, valid or not, so the comparison means something", () => {
    const samples = fc.sample(texts, { numRuns: 3000, seed: 7 });
    const proven = samples.filter((t) => checkPlainBlockYaml(t));
    const valid = samples.filter((t) => jsYamlAccepts(t) && fullReadingAccepts(t));
    expect(proven.length).toBeGreaterThan(samples.length / 8);
    expect(proven.filter((t) => t.split("\n").length > 6).length).toBeGreaterThan(150);
    // The valid texts left unproven use what the subset leaves to a parser (keys such as `1`).
    expect(proven.length).toBeGreaterThan(valid.length * 0.6);
  });
});
