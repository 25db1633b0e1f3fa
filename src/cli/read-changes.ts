/** Turns `git diff` entries into the engine's `ChangedFile`s, reading both sides' texts. */
import pLimit from "p-limit";
import type { ChangedFile } from "../engine/index.js";
import type { ReportProblem } from "../report/review-data.js";
import { type Repository, readAtCommit, readWorkingTree } from "./git-repository.js";
import type { NameStatusEntry } from "./name-status.js";
import { unreadable } from "./read-files.js";

/** git processes run at once. */
const GIT_CONCURRENCY = 8;

export interface ReadChanges {
  readonly changes: ChangedFile[];
  /** Head texts by path, for showing fixes. */
  readonly texts: Map<string, string>;
  readonly problems: ReportProblem[];
}

/**
 * Reads each entry: the base side at `base` (from the previous path for a rename), the head side
 * at the commit `head`, or in the working tree when `head` is null. Added files have no base,
 * removed files no head; a copy counts as added. A side that cannot be read becomes a problem.
 */
export async function readChanges(
  repo: Repository,
  base: string,
  head: string | null,
  entries: readonly NameStatusEntry[],
): Promise<ReadChanges> {
  const limit = pLimit(GIT_CONCURRENCY);
  const readHead = (path: string) =>
    head ? readAtCommit(repo, head, path) : readWorkingTree(repo, path);
  const read = await Promise.all(
    entries.map((entry) =>
      limit(async (): Promise<ChangedFile | ReportProblem | null> => {
        try {
          const hasBase = entry.status !== "added" && entry.status !== "copied";
          const baseText = hasBase
            ? await readAtCommit(repo, base, entry.previousPath ?? entry.path)
            : null;
          const headText = entry.status === "removed" ? null : await readHead(entry.path);
          return {
            path: entry.path,
            ...(entry.status === "renamed" && entry.previousPath
              ? { previousPath: entry.previousPath }
              : {}),
            base: baseText,
            head: headText,
          };
        } catch (error) {
          return unreadable(entry.path, error);
        }
      }),
    ),
  );
  const changes: ChangedFile[] = [];
  const problems: ReportProblem[] = [];
  const texts = new Map<string, string>();
  for (const r of read) {
    if (r === null) continue;
    if ("code" in r) problems.push(r);
    else {
      changes.push(r);
      if (typeof r.head === "string") texts.set(r.path, r.head);
    }
  }
  return { changes, texts, problems };
}
