/** `diff` matches findings by identity: the same manifest, however written, introduces nothing. */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { diff, scan } from "../../src/catalogue/index.js";
import { manifest } from "./manifests.js";
import { render, style } from "./render.js";

const RUNS = 100;
const level = fc.constantFrom("baseline" as const, "restricted" as const);

describe("diff", () => {
  it("diff(x, x) introduces and resolves nothing", () => {
    fc.assert(
      fc.property(manifest, style, level, (docs, s, lvl) => {
        const text = render(docs, s);
        const result = diff([{ path: "m.yaml", base: text, head: text }], {
          level: lvl,
          fixes: false,
        });
        const [scanned] = scan([{ path: "m.yaml", text }], { level: lvl, fixes: false });
        expect(result.introduced).toEqual([]);
        expect(result.resolved).toEqual([]);
        expect(result.existing.map((f) => f.identity)).toEqual(
          scanned?.findings.map((f) => f.identity),
        );
      }),
      { numRuns: RUNS },
    );
  });

  it("diff(x written one way, x written another way) introduces and resolves nothing", () => {
    fc.assert(
      fc.property(manifest, style, style, level, (docs, before, after, lvl) => {
        const base = render(docs, before);
        const head = render(docs, after);
        const result = diff([{ path: "m.yaml", base, head }], { level: lvl, fixes: false });
        expect(result.introduced.map((f) => f.identity)).toEqual([]);
        expect(result.resolved.map((f) => f.identity)).toEqual([]);
        expect(result.problems).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
