/** An `Evaluation` from parts, its verdict decided by the real rule (for renderer tests). */
import { defaultConfig } from "../../src/config/schema.js";
import type { Finding } from "../../src/core/types.js";
import {
  type EvaluationConfig,
  evaluateContents,
  withApprovedExceptions,
} from "../../src/evaluation/evaluate-change.js";
import type { Evaluation } from "../../src/evaluation/evaluation.js";
import { planReads } from "../../src/evaluation/plan-reads.js";
import { decideVerdict } from "../../src/evaluation/verdict.js";

export type EvaluationParts = Partial<Omit<Evaluation, "verdict">>;

export function evaluationOf(parts: EvaluationParts): Evaluation {
  const reported: readonly Finding[] = parts.reported ?? [];
  const problems = parts.problems ?? [];
  const failOn = parts.failOn ?? "high";
  const onUnreadable = parts.onUnreadable ?? "failure";
  const approvalGate = parts.approvalGate ?? null;
  const evaluation: Evaluation = {
    level: "baseline",
    existing: [],
    resolved: [],
    accepted: [],
    files: 0,
    headTexts: new Map(),
    ...parts,
    reported,
    problems,
    failOn,
    onUnreadable,
    approvalGate,
    verdict: decideVerdict(reported, problems, { failOn, onUnreadable }),
  };
  // The verdict as the use case decides it, requested exceptions and their approvals included.
  return withApprovedExceptions(evaluation, evaluation.accepted);
}

/** A scan of in-memory files as the CLI's `scan` evaluates them: each file read as a new file. */
export function evaluateFiles(
  files: Record<string, string>,
  config: Partial<EvaluationConfig> = {},
): Evaluation {
  const plan = planReads(
    Object.keys(files).map((path) => ({ path, status: "added" as const })),
    () => true,
  );
  const contents = plan.map((p) => ({ kind: "text" as const, text: files[p.path] ?? "" }));
  return evaluateContents(plan, contents, { ...defaultConfig(), ...config });
}
