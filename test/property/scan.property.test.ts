/**
 * Properties of `scan` and `diff` on generated manifests in random layouts, on mutated manifests
 * and on garbage: they never throw and always answer for every file; the screen hides no finding
 * and no syntax error.
 */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import jsyaml from "js-yaml";
import { diff, scan } from "../../src/catalogue/index.js";
import type { ChangedFile, Level, SourceFile } from "../../src/core/types.js";
import { kubernetesKind } from "../../src/kubernetes/kubernetes-kind.js";
import { linesProveNoFinding } from "../../src/kubernetes/screen-lines.js";
import { treeMayHaveFindings } from "../../src/kubernetes/screen-tree.js";
import { KUBERNETES_RULES } from "../../src/rules/index.js";
import { POD_SECURITY_RULES } from "../../src/rules/pod-security/index.js";
import { quickRead } from "../../src/yaml/quick-read.js";
import { splitDocuments } from "../../src/yaml/split-documents.js";
import { blockYaml } from "./block-yaml.js";
import { manifest } from "./manifests.js";
import { mutate, mutation, render, style } from "./render.js";
import { escapeKeys, sparseDocument } from "./sparse.js";

const RUNS = 100;
const UNSCREENED = [kubernetesKind(KUBERNETES_RULES, { screen: false }, POD_SECURITY_RULES)];

const rendered = fc.tuple(manifest, style).map(([docs, s]) => render(docs, s));
const mutated = fc
  .tuple(rendered, fc.array(mutation, { minLength: 1, maxLength: 4 }))
  .map(([text, ms]) => mutate(text, ms));
const garbage = fc.string({
  unit: fc.constantFrom(..."ab :-[]{}\"'&*!|>#%@`,?\n\t\r\\\u0000\uFEFFprivileged".split("")),
  maxLength: 200,
});
const text = fc.oneof(rendered, mutated, garbage);
/** One setting per document, in any layout but without comments, keys sometimes escaped. */
const sparse = fc
  .tuple(fc.array(sparseDocument, { minLength: 1, maxLength: 2 }), style, fc.integer())
  .map(([docs, s, seed]) => escapeKeys(render(docs, { ...s, comments: false }), seed));
const level = fc.constantFrom<Level>("baseline", "restricted");
const path = fc.constantFrom("a.yaml", "b.yml", "c.json", "values.yaml", "README.md");

/** The text of the document chunk holding a 1-based line. */
function chunkAtLine(text: string, line: number): string {
  const chunks = splitDocuments(text);
  const lineOf = (offset: number) => text.slice(0, offset).split("\n").length;
  return [...chunks].reverse().find((c) => lineOf(c.start) <= line)?.text ?? "";
}

describe("scan", () => {
  it("never throws and returns one result per file, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ path, text }), { maxLength: 3 }), level, (files, lvl) => {
        const results = scan(files, { level: lvl });
        expect(results.map((r) => r.path)).toEqual(files.map((f) => f.path));
        for (const [i, r] of results.entries()) {
          const file = files[i] as SourceFile;
          expect(r.kind).toBe(file.path.endsWith(".md") ? null : "kubernetes");
          expect(r.problems.every((p) => p.code !== "internal-error")).toBe(true);
          const lines = file.text.split("\n").length;
          for (const f of r.findings) {
            expect(f.line).toBeGreaterThanOrEqual(1);
            expect(f.endLine).toBeGreaterThanOrEqual(f.line);
            expect(f.endLine).toBeLessThanOrEqual(lines);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("finds the same with and without the screen, and every syntax error the line check sees", () => {
    fc.assert(
      fc.property(fc.oneof(sparse, sparse, rendered, mutated, blockYaml), (t) => {
        const file = [{ path: "m.yaml", text: t }];
        const screened = scan(file, { fixes: false });
        const full = scan(file, { fixes: false }, UNSCREENED);
        expect(screened[0]?.findings).toEqual(full[0]?.findings);
        // A syntax error the screen lets pass can only be one js-yaml reads leniently (the line
        // check proves nothing the full reading rejects: see test/yaml/plain-block-check.test.ts).
        const kept = new Set(screened[0]?.problems.map((p) => JSON.stringify(p)));
        for (const problem of full[0]?.problems ?? []) {
          if (kept.has(JSON.stringify(problem))) continue;
          const chunk = chunkAtLine(t, problem.line);
          expect(linesProveNoFinding(chunk)).toBe(false);
          expect(quickRead(chunk)).not.toBeNull();
        }
      }),
      { numRuns: RUNS * 3 },
    );
  });

  it("the line screen proves nothing that js-yaml's tree contradicts", () => {
    fc.assert(
      fc.property(fc.oneof(sparse, rendered, mutated, blockYaml), (t) => {
        for (const chunk of splitDocuments(t)) {
          if (!linesProveNoFinding(chunk.text)) continue;
          const docs = jsyaml.loadAll(chunk.text, undefined, { schema: jsyaml.FAILSAFE_SCHEMA });
          expect(docs.some((d) => treeMayHaveFindings(d, chunk.text.length))).toBe(false);
        }
      }),
      { numRuns: RUNS * 3 },
    );
  });
});

describe("diff", () => {
  const side = fc.option(text, { nil: null, freq: 4 });
  const changed: fc.Arbitrary<ChangedFile> = fc.record(
    { path, previousPath: path, base: side, head: side },
    { requiredKeys: ["path"] },
  );

  it("never throws; every head finding is introduced or existing", () => {
    fc.assert(
      fc.property(fc.array(changed, { maxLength: 3 }), level, (changes, lvl) => {
        const result = diff(changes, { level: lvl });
        const heads = scan(
          changes.flatMap((c) =>
            typeof c.head === "string" ? [{ path: c.path, text: c.head }] : [],
          ),
          { level: lvl },
        ).flatMap((r) => r.findings);
        expect(result.introduced.length + result.existing.length).toBe(heads.length);
        const prints = [...result.introduced, ...result.existing].map((f) => f.fingerprint);
        expect(new Set(prints).size).toBe(prints.length);
      }),
      { numRuns: RUNS },
    );
  });
});
