/**
 * Scanning a chart's values file with the chart's templates beside it, as the tests of values
 * judged through templates do: the findings, and a finding's fix applied and scanned again.
 */
import { expect } from "@jest/globals";
import { applyLineFix, type Level, scan } from "../../src/catalogue/index.js";
import { LineIndex } from "../../src/yaml/line-index.js";

export const lines = (...l: string[]) => `${l.join("\n")}\n`;

/** A chart's files: path → text. */
export type Files = Record<string, string>;

/** Scans a chart's values file (at `path`, of one of `charts`) with the chart's templates as context. */
export function scanValues(
  values: string,
  templates: Files,
  level: Level = "baseline",
  charts = ["c"],
  path = "c/values.yaml",
) {
  const context = Object.entries(templates).map(([p, text]) => ({ path: p, text }));
  const [result] = scan([{ path, text: values }], { charts, context, level });
  expect(result?.problems).toEqual([]);
  return result?.findings ?? [];
}

/** Where a values file is scanned, and the last line a fix may change (its finding's by default). */
export interface FixedWhere {
  readonly level?: Level;
  readonly charts?: string[];
  readonly path?: string;
  readonly upTo?: number;
}

/**
 * Applies the fix of the first finding of `ruleId` and scans again: the fix starts on the
 * finding's line and changes no line past `upTo`, every other line is kept, and that finding is
 * gone.
 */
export function fixedAlone(
  values: string,
  templates: Files,
  ruleId: string,
  line: number,
  where: FixedWhere = {},
): string {
  const { level = "baseline", charts = ["c"], path = "c/values.yaml", upTo = line } = where;
  const scanned = (text: string) => scanValues(text, templates, level, charts, path);
  const finding = scanned(values).find((f) => f.ruleId === ruleId);
  expect([finding?.line, finding?.fix?.line]).toEqual([line, line]);
  expect(finding?.fix?.endLine).toBeLessThanOrEqual(upTo);
  if (!finding?.fix) return values;
  const last = finding.fix.endLine;
  const fixed = applyLineFix(values, new LineIndex(values), finding.fix);
  const before = values.split("\n");
  const after = fixed.split("\n");
  // The lines before and after the fix's own are the same.
  expect(after.slice(0, line - 1)).toEqual(before.slice(0, line - 1));
  expect(after.slice(after.length - (before.length - last))).toEqual(before.slice(last));
  expect(scanned(fixed).filter((f) => f.identity === finding.identity)).toEqual([]);
  return fixed;
}
