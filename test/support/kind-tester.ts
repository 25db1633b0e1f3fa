/**
 * A strict table runner for file kinds that feed the container rules, after ESLint's RuleTester:
 * each case is a file (path and text) scanned by the engine with every kind and rule, so the path
 * decides the kind as it does in use.
 * - valid: no finding at all, and no problem;
 * - invalid: exactly the listed findings, in order: rule, span (line and columns), identity when
 *   given, and the fix: the whole text after applying it (`fixed`), or null when none may be
 *   offered. A fixed text must differ from the input and re-scan without that finding.
 * Duplicate cases are refused.
 */
import { describe, expect, it } from "@jest/globals";
import { applyLineFix, scan } from "../../src/catalogue/index.js";
import type { Finding, Level, SourceFile } from "../../src/core/types.js";
import { LineIndex } from "../../src/yaml/line-index.js";

export interface KindValidCase {
  readonly name: string;
  readonly path: string;
  readonly code: string;
  readonly level?: Level;
  /** Other files of the repository at hand, read but not reported (included files, a root). */
  readonly context?: readonly SourceFile[];
}

export interface KindExpectedFinding {
  readonly ruleId: string;
  readonly line: number;
  readonly column: number;
  readonly endLine?: number;
  readonly endColumn: number;
  readonly identity?: string;
  /** Words the message must contain. */
  readonly says?: readonly string[];
  /** The whole text after applying this finding's fix, or null when none may be offered. */
  readonly fixed: string | null;
}

export interface KindInvalidCase extends KindValidCase {
  readonly findings: readonly KindExpectedFinding[];
}

function scanCase(c: KindValidCase, code = c.code): { findings: readonly Finding[] } {
  const [result] = scanOne(c, code);
  if (!result) throw new Error("no result");
  expect(result.problems).toEqual([]);
  return result;
}

function scanOne(c: KindValidCase, code = c.code) {
  return scan([{ path: c.path, text: code }], {
    level: c.level ?? "baseline",
    ...(c.context ? { context: c.context } : {}),
  });
}

export function runKindTests(
  kind: string,
  cases: { valid: readonly KindValidCase[]; invalid: readonly KindInvalidCase[] },
): void {
  const seen = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    const context = (c.context ?? []).map((f) => `${f.path}\n${f.text}`).join("\n");
    const key = `${c.level ?? "baseline"}\n${c.path}\n${c.code}\n${context}`;
    if (seen.has(key)) throw new Error(`duplicate case: ${c.name}`);
    seen.add(key);
  }
  describe(kind, () => {
    describe("valid", () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          const [result] = scanOne(c);
          expect(result?.kind).toBe(kind);
          expect(result?.problems).toEqual([]);
          expect(result?.findings.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
        });
      }
    });
    describe("invalid", () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const [result] = scanOne(c);
          expect(result?.kind).toBe(kind);
          const found = scanCase(c).findings;
          expect(found.map((f) => [f.ruleId, f.line, f.column, f.endColumn])).toEqual(
            c.findings.map((e) => [e.ruleId, e.line, e.column, e.endColumn]),
          );
          c.findings.forEach((expected, i) => {
            const f = found[i] as Finding;
            if (expected.endLine !== undefined) expect(f.endLine).toBe(expected.endLine);
            if (expected.identity !== undefined) expect(f.identity).toBe(expected.identity);
            for (const words of expected.says ?? []) expect(f.message).toContain(words);
            expect(f.remediation).toMatch(/\.$/);
            if (expected.fixed === null) {
              expect(f.fix).toBeUndefined();
              return;
            }
            expect(f.fix).toBeDefined();
            const fix = f.fix as NonNullable<Finding["fix"]>;
            const output = applyLineFix(c.code, new LineIndex(c.code), fix);
            expect(output).not.toBe(c.code);
            expect(output).toBe(expected.fixed);
            const again = scanCase(c, output);
            expect(again.findings.map((g) => g.identity)).not.toContain(f.identity);
          });
        });
      }
    });
  });
}
