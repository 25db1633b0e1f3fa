import {
  type ChangedFile,
  type Problem,
  readsPath,
  readsPathWithoutText,
} from "../engine/index.js";
import type { BlobContent, BlobRequest, ChangedFileEntry } from "./github-port.js";

/** One changed file to scan: which sides to read, at which paths. */
export interface PlannedFile {
  /** Head path, or the base path when only the base side is read. */
  readonly path: string;
  /** Base path when it differs from `path` (a rename). */
  readonly previousPath?: string;
  /** Path read at the base commit, or null when the base side is not read. */
  readonly basePath: string | null;
  /** Path read at the head commit, or null when the head side is not read. */
  readonly headPath: string | null;
}

export interface ChangePlan {
  readonly files: readonly PlannedFile[];
  /** Head path → GitHub's patch (undefined when GitHub sent none: a binary or large diff). */
  readonly patches: ReadonlyMap<string, string | undefined>;
}

/**
 * Which sides of which changed files to read. A path counts when `include` accepts it; the base
 * side of a rename is judged by its old path. Removed files are read on the base side too, so that
 * an object moved from a removed file into another file is recognised as moved, not new. A copy
 * is read as a new file (its source is unchanged).
 */
export function planChanges(
  entries: readonly ChangedFileEntry[],
  include: (path: string) => boolean,
): ChangePlan {
  const files: PlannedFile[] = [];
  const patches = new Map<string, string | undefined>();
  for (const entry of entries) {
    const planned = planEntry(entry, include);
    if (!planned) continue;
    files.push(planned);
    if (planned.headPath !== null) patches.set(planned.headPath, entry.patch);
  }
  return { files, patches };
}

function planEntry(
  entry: ChangedFileEntry,
  include: (path: string) => boolean,
): PlannedFile | null {
  const oldPath = entry.previousFilename ?? entry.filename;
  const hasBase = entry.status !== "added" && entry.status !== "copied";
  const hasHead = entry.status !== "removed";
  if (entry.status === "unchanged") return null;
  const headPath = hasHead && include(entry.filename) ? entry.filename : null;
  const basePath = hasBase && include(oldPath) ? oldPath : null;
  if (headPath === null && basePath === null) return null;
  const path = headPath ?? oldPath;
  return {
    path,
    ...(basePath !== null && basePath !== path ? { previousPath: basePath } : {}),
    basePath,
    headPath,
  };
}

/** The reads a plan needs: base sides at the merge base, head sides at the head commit. */
export function blobRequests(
  plan: ChangePlan,
  shas: { readonly base: string; readonly head: string },
): BlobRequest[] {
  const requests: BlobRequest[] = [];
  for (const file of plan.files) {
    if (file.basePath !== null) requests.push({ sha: shas.base, path: file.basePath });
    if (file.headPath !== null) requests.push({ sha: shas.head, path: file.headPath });
  }
  return requests;
}

/**
 * The engine's input from the plan and the contents read (in `blobRequests` order). A head side
 * the engine would read that could not be had as text (binary, too large, or contents GitHub did
 * not return) becomes a problem, never a silent skip.
 */
export function assembleChanges(
  plan: ChangePlan,
  contents: readonly BlobContent[],
): { changes: ChangedFile[]; problems: Problem[] } {
  const changes: ChangedFile[] = [];
  const problems: Problem[] = [];
  let next = 0;
  for (const file of plan.files) {
    const base = file.basePath !== null ? contents[next++] : undefined;
    const head = file.headPath !== null ? contents[next++] : undefined;
    if (file.headPath !== null && head && readsPath(file.headPath)) {
      const problem = unreadable(file.headPath, head);
      if (problem) problems.push(problem);
    }
    changes.push({
      path: file.path,
      ...(file.previousPath !== undefined ? { previousPath: file.previousPath } : {}),
      base: base?.kind === "text" ? base.text : null,
      head: head?.kind === "text" ? head.text : null,
    });
  }
  return { changes, problems };
}

function unreadable(path: string, content: BlobContent): Problem | null {
  switch (content.kind) {
    case "binary":
      // A path read only for what its text says (a script by its shebang) holds nothing when binary.
      if (!readsPathWithoutText(path)) return null;
      return { path, code: "binary", message: "binary file, not scanned", line: 1, column: 1 };
    case "too-large":
      return {
        path,
        code: "too-large",
        message: `file of ${content.byteSize} bytes is too large to scan`,
        line: 1,
        column: 1,
      };
    case "missing":
      return {
        path,
        code: "contents-missing",
        message: "contents not returned by GitHub",
        line: 1,
        column: 1,
      };
    case "text":
      return null;
  }
}
