import { join } from "node:path";
import type { SideContent, SideReader } from "../evaluation/change-entry.js";
import { collectFiles, type FileToRead } from "./collect-files.js";
import { FileNotRead, readBoundedTextSync } from "./read-bounded.js";

/** The buffer files are read into when they fit (most manifests do): one for all of a scan's. */
const SCRATCH_BYTES = 256 * 1024;

/** Why a side could not be read, as the evaluation reports it. */
export function unreadable(error: unknown): SideContent {
  if (error instanceof FileNotRead)
    return { kind: "unreadable", code: error.code, message: error.message };
  const message = error instanceof Error ? error.message : String(error);
  return { kind: "unreadable", code: "unreadable", message: `could not read the file: ${message}` };
}

/**
 * Reads the head sides of files on disk (a scan has no base side), bounded (`readBoundedText`):
 * the files collected, and other files under the project root `root` by their path from it (a
 * chart's `Chart.yaml` and templates). A file that cannot be read says why; the evaluation reports
 * it as a problem.
 */
export function fileSideReader(files: readonly FileToRead[], root: string): SideReader {
  const byPath = new Map(files.map((f) => [f.path, f.absolute]));
  const scratch = Buffer.allocUnsafe(SCRATCH_BYTES);
  const readOne = (path: string): SideContent => {
    const collected = byPath.get(path);
    try {
      return {
        kind: "text",
        text: readBoundedTextSync(collected ?? join(root, path), undefined, scratch),
      };
    } catch (error) {
      // A file collected has gone; one that was not (a Chart.yaml looked for) is just not there.
      const gone = (error as NodeJS.ErrnoException).code === "ENOENT";
      return gone && collected === undefined ? { kind: "missing" } : unreadable(error);
    }
  };
  return {
    // One after the other, with synchronous calls (`readBoundedTextSync`).
    read: async (requests) =>
      requests.map((r): SideContent => (r.side === "head" ? readOne(r.path) : { kind: "missing" })),
    list: async (side, folder) => {
      if (side === "base") return [];
      const listed = await collectFiles([join(root, folder)], root, root, () => true);
      return listed.files.map((f) => f.path);
    },
  };
}
