import type { Level } from "../../src/core/types.js";
import type { KubernetesRule } from "../../src/kubernetes/rule.js";
export interface ValidCase {
  readonly name: string;
  readonly code: string;
  readonly level?: Level;
  readonly path?: string;
}
export interface ExpectedFinding {
  readonly line: number;
  readonly endLine?: number;
  readonly messageId?: string;
  /** Container label, or null for a pod-level finding. */
  readonly container?: string | null;
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
export declare function runRuleTests(rule: KubernetesRule, cases: RuleCases): void;
