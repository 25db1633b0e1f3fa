import { hasLoneCr } from "../catalogue/index.js";
import type { Config } from "../config/index.js";
import type { ChangeEntry, SideReader } from "../evaluation/change-entry.js";
import {
  type EvaluationInput,
  type EvaluationOptions,
  evaluateChange,
  evaluateInput,
} from "../evaluation/evaluate-change.js";
import type { Evaluation } from "../evaluation/evaluation.js";
import type { ChangedFileEntry, GitHubPort, RepoRef } from "./github-port.js";
import { type PureRunner, pureFunction } from "./pure-function.js";

/** The shared use case's pure part, as a worker thread runs it (`worker-pool.ts`). */
export const EVALUATE_CHANGE = pureFunction(
  new URL("../evaluation/evaluate-change.js", import.meta.url),
  "evaluateInput",
  evaluateInput,
);

/** An evaluation plus GitHub's patches (head path → patch), for placing review comments. */
export interface EvaluatedChange {
  readonly evaluation: Evaluation;
  readonly patches: ReadonlyMap<string, string | undefined>;
}

/**
 * The step every scan job shares: GitHub's changed files, read as blobs (the base side at
 * `shas.base`, the merge base, and the head side at `shas.head`), evaluated by the shared use case
 * with `pure` (in a worker thread within the scan's budget, in the App). A job stopped meanwhile
 * (a newer head) lets the evaluation finish and then publishes nothing.
 */
export async function readAndEvaluate(
  port: GitHubPort,
  repo: RepoRef,
  files: readonly ChangedFileEntry[],
  config: Config,
  shas: { readonly base: string; readonly head: string },
  pure: PureRunner,
  options: Omit<EvaluationOptions, "kinds"> = {},
): Promise<EvaluatedChange> {
  const reader: SideReader = {
    read: async (requests) => {
      const blobs = await port.readBlobs(
        repo,
        requests.map((r) => ({ sha: shas[r.side], path: r.path })),
      );
      // A head side GitHub lists as changed but returns no contents for (a null GraphQL object,
      // and nothing from the contents API either).
      return blobs.map((b) =>
        b.kind === "missing" ? { kind: "missing", message: "contents not returned by GitHub" } : b,
      );
    },
    list: (side, folder) => port.listFiles(repo, shas[side], folder),
  };
  const evaluation = await evaluateChange(
    files.map(toChangeEntry),
    reader,
    config,
    options,
    (input: EvaluationInput) => pure.run(EVALUATE_CHANGE, input),
  );
  const patches = new Map<string, string | undefined>();
  for (const f of files) if (f.status !== "removed") patches.set(f.filename, f.patch);
  // Git counts only LFs: GitHub's diff of a file whose lines end in lone CRs is one line, so its
  // findings go to the review body rather than on a line (or a suggestion) that is wrong.
  for (const [path, text] of evaluation.headTexts)
    if (hasLoneCr(text)) patches.set(path, undefined);
  return { evaluation, patches };
}

function toChangeEntry(file: ChangedFileEntry): ChangeEntry {
  return {
    path: file.filename,
    status: file.status,
    ...(file.previousFilename !== undefined ? { previousPath: file.previousFilename } : {}),
  };
}
