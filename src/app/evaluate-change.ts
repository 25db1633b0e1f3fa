import { applyExceptions, type Config } from "../config/index.js";
import {
  type DiffResult,
  diff,
  type Finding,
  hasLoneCr,
  type Problem,
  type SourceFile,
  scan,
} from "../engine/index.js";
import type { Accepted, CheckRunInput } from "../report/check-run.js";
import type { BlobContent } from "./github-port.js";
import { assembleChanges, type ChangePlan } from "./plan-changes.js";
import { pureFunction } from "./pure-function.js";

/** What a change brings in, ready to report. */
export interface Evaluation {
  readonly diff: DiffResult;
  /** Introduced and not accepted: what the review comments on and the check judges. */
  readonly reported: readonly Finding[];
  readonly accepted: readonly Accepted[];
  readonly problems: readonly Problem[];
  /** Head path → patch, for placing comments. */
  readonly patches: ReadonlyMap<string, string | undefined>;
  /** Head path → text, so reports can quote the lines a fix replaces. */
  readonly headTexts: ReadonlyMap<string, string>;
}

/**
 * Runs the engine over the contents read (in `blobRequests(plan)` order) and applies the
 * config's exceptions. Pure: no GitHub, no clock.
 */
export function evaluate(
  plan: ChangePlan,
  contents: readonly BlobContent[],
  config: Config,
): Evaluation {
  const { changes, problems } = assembleChanges(plan, contents);
  const result = diff(changes, { level: config.level });
  const annotated = result.introduced.some((f) => f.annotatedException !== null);
  // The base side scanned on its own tells whether an annotated exception was already there.
  const baseFiles: SourceFile[] = annotated
    ? changes.flatMap((c) =>
        typeof c.base === "string" ? [{ path: c.previousPath ?? c.path, text: c.base }] : [],
      )
    : [];
  const baseFindings = scan(baseFiles, { level: config.level, fixes: false }).flatMap(
    (r) => r.findings,
  );
  const { reported, accepted } = applyExceptions(result.introduced, config, baseFindings);
  const headTexts = new Map<string, string>();
  const patches = new Map(plan.patches);
  for (const c of changes) {
    if (typeof c.head !== "string") continue;
    headTexts.set(c.path, c.head);
    // Git counts only LFs: GitHub's diff of a file whose lines end in lone CRs is one line, so
    // its findings go to the review body rather than on a line (or a suggestion) that is wrong.
    if (hasLoneCr(c.head)) patches.set(c.path, undefined);
  }
  return {
    diff: result,
    reported,
    accepted,
    problems: [...problems, ...result.problems],
    patches,
    headTexts,
  };
}

/** `evaluate`'s arguments as one plain-data value, as a worker thread receives them. */
export interface EvaluationInput {
  readonly plan: ChangePlan;
  readonly contents: readonly BlobContent[];
  readonly config: Config;
}

export function evaluateInput(input: EvaluationInput): Evaluation {
  return evaluate(input.plan, input.contents, input.config);
}

/** `evaluate` as a pure function a worker thread can run (`worker-pool.ts`). */
export const EVALUATE_CHANGE = pureFunction(
  new URL("./evaluate-change.js", import.meta.url),
  "evaluateInput",
  evaluateInput,
);

/** The check run's input for an evaluation. */
export function checkRunInput(evaluation: Evaluation, config: Config): CheckRunInput {
  return {
    introduced: evaluation.reported,
    existing: evaluation.diff.existing,
    accepted: evaluation.accepted,
    problems: evaluation.problems,
    failOn: config.failOn,
    onUnreadable: config.onUnreadable,
    level: config.level,
    headTexts: evaluation.headTexts,
  };
}
