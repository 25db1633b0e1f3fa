import type { ChangeEntry, SideRequest } from "./change-entry.js";

/** One changed file to evaluate: which sides to read, at which paths. */
export interface PlannedFile {
  /** Head path, or the base path when only the base side is read. */
  readonly path: string;
  /** Base path when it differs from `path` (a rename). */
  readonly previousPath?: string;
  /** Path read on the base side, or null when the base side is not read. */
  readonly basePath: string | null;
  /** Path read on the head side, or null when the head side is not read. */
  readonly headPath: string | null;
}

/**
 * Which sides of which changed files to read. A path counts when `selects` accepts it (the
 * config's globs and a file kind that reads it); the base side of a rename is judged by its old
 * path. Removed files are read on the base side too, so that an object moved from a removed file
 * into another file is recognised as moved, not new. A copy is read as a new file (its source is
 * unchanged).
 */
export function planReads(
  entries: readonly ChangeEntry[],
  selects: (path: string) => boolean,
): PlannedFile[] {
  const files: PlannedFile[] = [];
  for (const entry of entries) {
    const planned = planEntry(entry, selects);
    if (planned) files.push(planned);
  }
  return files;
}

function planEntry(entry: ChangeEntry, selects: (path: string) => boolean): PlannedFile | null {
  if (entry.status === "unchanged") return null;
  const oldPath = entry.previousPath ?? entry.path;
  const hasBase = entry.status !== "added" && entry.status !== "copied";
  const hasHead = entry.status !== "removed";
  const headPath = hasHead && selects(entry.path) ? entry.path : null;
  const basePath = hasBase && selects(oldPath) ? oldPath : null;
  if (headPath === null && basePath === null) return null;
  const path = headPath ?? oldPath;
  return {
    path,
    ...(basePath !== null && basePath !== path ? { previousPath: basePath } : {}),
    basePath,
    headPath,
  };
}

/** The reads a plan needs, base before head for each file. */
export function sideRequests(files: readonly PlannedFile[]): SideRequest[] {
  const requests: SideRequest[] = [];
  for (const file of files) {
    if (file.basePath !== null) requests.push({ side: "base", path: file.basePath });
    if (file.headPath !== null) requests.push({ side: "head", path: file.headPath });
  }
  return requests;
}
