import { join } from "node:path";
import pLimit from "p-limit";
import type { SideContent, SideReader } from "../evaluation/change-entry.js";
import { collectFiles, type FileToRead } from "./collect-files.js";
import { FileNotRead, readBoundedText } from "./read-bounded.js";

/** Files read at once. */
const READ_CONCURRENCY = 16;

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
  const limit = pLimit(READ_CONCURRENCY);
  const readOne = async (path: string): Promise<SideContent> => {
    const collected = byPath.get(path);
    try {
      return { kind: "text", text: await readBoundedText(collected ?? join(root, path)) };
    } catch (error) {
      // A file collected has gone; one that was not (a Chart.yaml looked for) is just not there.
      const gone = (error as NodeJS.ErrnoException).code === "ENOENT";
      return gone && collected === undefined ? { kind: "missing" } : unreadable(error);
    }
  };
  return {
    read: (requests) =>
      Promise.all(
        requests.map((r) =>
          limit(
            async (): Promise<SideContent> =>
              r.side === "head" ? readOne(r.path) : { kind: "missing" },
          ),
        ),
      ),
    list: async (side, folder) => {
      if (side === "base") return [];
      const listed = await collectFiles([join(root, folder)], root, root, () => true);
      return listed.files.map((f) => f.path);
    },
  };
}
