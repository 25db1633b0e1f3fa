import type {
  CheckAction,
  CheckAnnotation,
  CheckConclusion,
  CheckRunUpdate,
} from "./github-port.js";

/** GitHub: "The Checks API limits the number of annotations to a maximum of 50 per API request". */
export const ANNOTATIONS_PER_REQUEST = 50;

/** A finished check run's content, as `buildCheckRun` and friends return it. */
export interface CheckResult {
  readonly conclusion: CheckConclusion;
  readonly title: string;
  readonly summary: string;
  readonly text?: string;
  readonly annotations: readonly CheckAnnotation[];
  /** The page with the details (the pull request's conversation for `action_required`). */
  readonly detailsUrl?: string;
}

/**
 * The requests that complete a check run: the first completes it with the first 50 annotations,
 * each further one appends the next 50 (GitHub appends annotations; it replaces the rest of
 * `output`, so title, summary and text are repeated).
 */
export function checkRunUpdates(
  result: CheckResult,
  completedAt: string,
  actions: readonly CheckAction[],
): CheckRunUpdate[] {
  const output = {
    title: result.title,
    summary: result.summary,
    ...(result.text !== undefined ? { text: result.text } : {}),
  };
  const batches: (readonly CheckAnnotation[])[] = [];
  for (let i = 0; i < result.annotations.length; i += ANNOTATIONS_PER_REQUEST) {
    batches.push(result.annotations.slice(i, i + ANNOTATIONS_PER_REQUEST));
  }
  const [first = [], ...rest] = batches;
  return [
    {
      completion: { conclusion: result.conclusion, completedAt },
      output: { ...output, annotations: first },
      actions,
      ...(result.detailsUrl ? { detailsUrl: result.detailsUrl } : {}),
    },
    ...rest.map((annotations) => ({ output: { ...output, annotations } })),
  ];
}
