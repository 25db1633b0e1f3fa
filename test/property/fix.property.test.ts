/**
 * Every fix the engine offers, applied with `applyLineFix`, gives a text that parses with no new
 * problem, has fewer findings of that identity, and no more findings of any other identity except
 * for the rules the fix trades, breaks no Kubernetes validity constraint the original kept and
 * changes nothing but the settings fixes touch.
 */
import { describe, expect, it } from "@jest/globals";
import fc from "fast-check";
import { applyLineFix, scan } from "../../src/catalogue/index.js";
import type { FileResult, Finding } from "../../src/core/types.js";
import { LineIndex } from "../../src/yaml/line-index.js";
import { expectAcceptedLocalFix } from "../support/accepted-fix.js";
import { manifest } from "./manifests.js";
import { render, style } from "./render.js";

const RUNS = 100;

function countBy(keys: readonly string[]): Map<string, number> {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

const problemKeys = (r: FileResult) => countBy(r.problems.map((p) => `${p.code}:${p.message}`));

function checkFix(
  text: string,
  before: FileResult,
  finding: Finding,
  lvl: "baseline" | "restricted",
) {
  const fix = finding.fix as NonNullable<Finding["fix"]>;
  expect(fix.text).not.toContain("\r");
  expect(fix.endLine).toBeGreaterThanOrEqual(fix.line);
  const fixed = applyLineFix(text, new LineIndex(text), fix);
  expect(fixed).not.toBe(text);
  expectAcceptedLocalFix(text, fixed);
  const [after] = scan([{ path: "m.yaml", text: fixed }], { level: lvl, fixes: false });
  if (!after) throw new Error("no result");
  const problemsBefore = problemKeys(before);
  for (const [key, n] of problemKeys(after))
    expect([key, n]).toEqual([key, Math.min(n, problemsBefore.get(key) ?? 0)]);
  const had = countBy(before.findings.map((f) => f.identity));
  const now = countBy(after.findings.map((f) => f.identity));
  expect(now.get(finding.identity) ?? 0).toBeLessThan(had.get(finding.identity) ?? 0);
  for (const f of after.findings) {
    if ((now.get(f.identity) ?? 0) > (had.get(f.identity) ?? 0))
      expect(fix.trades).toContain(f.ruleId);
  }
}

describe("fixes", () => {
  it.each(["baseline", "restricted"] as const)("at %s, every offered fix is verified", (lvl) => {
    let offered = 0;
    fc.assert(
      fc.property(manifest, style, (docs, s) => {
        const text = render(docs, s);
        const [before] = scan([{ path: "m.yaml", text }], { level: lvl });
        if (!before) throw new Error("no result");
        for (const finding of before.findings) {
          if (!finding.fix) continue;
          offered++;
          checkFix(text, before, finding, lvl);
        }
      }),
      { numRuns: RUNS },
    );
    // The generators do reach fixes: the property is not vacuous.
    expect(offered).toBeGreaterThan(RUNS / 2);
  });
});
