/**
 * An evaluation without fixes (what the CLI's `compact` format asks for: it prints no fix) says
 * the same as one with them: the same findings, problems and verdict, on the real-world fixtures
 * at both levels. Only the fixes, and the work of verifying them, are left out.
 */
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../src/config/schema.js";
import type { Level } from "../../src/core/types.js";
import { evaluateContents } from "../../src/evaluation/evaluate-change.js";
import { planReads } from "../../src/evaluation/plan-reads.js";
import { FIXTURES, filesUnder } from "../support/fixture-files.js";

const files = filesUnder(`${FIXTURES}realworld`).map((absolute) => ({
  path: relative(FIXTURES, absolute),
  text: readFileSync(absolute, "utf8"),
}));

function evaluate(level: Level, fixes: boolean) {
  const plan = planReads(
    files.map((f) => ({ path: f.path, status: "added" as const })),
    () => true,
  );
  const contents = files.map((f) => ({ kind: "text" as const, text: f.text }));
  return evaluateContents(plan, contents, { ...defaultConfig(), level }, { fixes });
}

/** The same data with every finding's `fix` left out, as an evaluation without fixes has it. */
function withoutFix<T>(value: T): T {
  return JSON.parse(JSON.stringify(value, (key, v) => (key === "fix" ? undefined : v)));
}

describe("an evaluation without fixes", () => {
  it.each(["baseline", "restricted"] as const)("says the same at %s", (level) => {
    const withFixes = evaluate(level, true);
    const without = evaluate(level, false);
    expect(withFixes.reported.filter((f) => f.fix).length).toBeGreaterThan(10);
    expect(without.reported.filter((f) => f.fix)).toEqual([]);
    expect(without.reported).toEqual(withoutFix(withFixes.reported));
    expect(without.problems).toEqual(withFixes.problems);
    expect(without.verdict).toEqual(withoutFix(withFixes.verdict));
  });
});
