/**
 * A strict table runner for rules, after ESLint's RuleTester. Each case is scanned with the whole
 * rule catalogue (so fix verification sees every rule) and judged on the findings of the rule
 * under test:
 * - valid: no finding of the rule;
 * - invalid: exactly the listed findings, in order, with exact lines, and for each its fix: the
 *   whole text after applying it (`fixed`), or null when no fix may be offered. A fixed text must
 *   differ from the input, parse, re-scan without that finding, break no Kubernetes validity
 *   constraint the input kept, and change nothing but the settings fixes touch.
 * A case with a `base` is judged as a change from that text: on the findings the change introduces
 * (how rules that count only as a weakening of the base are tested). Duplicate cases are refused.
 */
import { describe, expect, it } from "@jest/globals";
import type { Finding, Level } from "../../src/core/types.js";
import { applyLineFix, diff, scan } from "../../src/catalogue/index.js";

import { LineIndex } from "../../src/yaml/line-index.js";
import { expectAcceptedLocalFix } from "./accepted-fix.js";

/** The rule under test: a Kubernetes rule or a container rule (run through a kind's syntax). */
export interface RuleRef {
  readonly id: string;
}

export interface ValidCase {
  readonly name: string;
  readonly code: string;
  readonly level?: Level;
  readonly path?: string;
  /** The same file on the base side: the case is then judged on what the change introduces. */
  readonly base?: string;
}

export interface ExpectedFinding {
  readonly line: number;
  readonly endLine?: number;
  readonly messageId?: string;
  /** Container label, or null for a pod-level finding. */
  readonly container?: string | null;
  readonly severity?: Finding["severity"];
  /** Words the message must hold (the object's name, the value, what is removed). */
  readonly says?: readonly string[];
  /** The whole text after applying this finding's fix, or null when none may be offered. */
  readonly fixed: string | null;
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedFinding[];
}

export interface RuleCases {
  readonly valid: readonly ValidCase[];
  readonly invalid: readonly InvalidCase[];
}

function findingsOf(rule: RuleRef, c: ValidCase): Finding[] {
  if (c.base !== undefined) {
    const change = diff([{ path: c.path ?? "manifest.yaml", base: c.base, head: c.code }], {
      level: c.level ?? "baseline",
    });
    expect(change.problems).toEqual([]);
    return change.introduced.filter((f) => f.ruleId === rule.id);
  }
  const [result] = scan([{ path: c.path ?? "manifest.yaml", text: c.code }], {
    level: c.level ?? "baseline",
  });
  if (!result) throw new Error("no result");
  expect(result.problems).toEqual([]);
  return result.findings.filter((f) => f.ruleId === rule.id);
}

export function runRuleTests(rule: RuleRef, cases: RuleCases): void {
  const seen = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    const key = JSON.stringify([c.level ?? "baseline", c.path ?? "", c.base ?? null, c.code]);
    if (seen.has(key)) throw new Error(`duplicate case: ${c.name}`);
    seen.add(key);
  }
  describe(rule.id, () => {
    describe("valid", () => {
      for (const c of cases.valid) {
        it(c.name, () => {
          expect(findingsOf(rule, c).map((f) => `${f.line}: ${f.message}`)).toEqual([]);
        });
      }
    });
    describe("invalid", () => {
      for (const c of cases.invalid) {
        it(c.name, () => {
          const found = findingsOf(rule, c);
          expect(found.map((f) => f.line)).toEqual(c.errors.map((e) => e.line));
          c.errors.forEach((expected, i) => {
            const f = found[i] as Finding;
            if (expected.endLine !== undefined) expect(f.endLine).toBe(expected.endLine);
            if (expected.container !== undefined) expect(f.container).toBe(expected.container);
            if (expected.severity !== undefined) expect(f.severity).toBe(expected.severity);
            for (const words of expected.says ?? []) expect(f.message).toContain(words);
            expect(f.message).not.toMatch(/\{\{/);
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
            expectAcceptedLocalFix(c.code, output);
            const [again] = scan([{ path: c.path ?? "manifest.yaml", text: output }], {
              level: c.level ?? "baseline",
            });
            expect(again?.problems).toEqual([]);
            expect(again?.findings.map((g) => g.identity)).not.toContain(f.identity);
          });
        });
      }
    });
  });
}
