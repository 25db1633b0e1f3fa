import pLimit from "p-limit";
import type { SideContent, SideReader } from "../evaluation/change-entry.js";
import type { FileToRead } from "./collect-files.js";
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
 * Reads the head sides of files on disk (a scan has no base side), bounded (`readBoundedText`).
 * A file that cannot be read says why; the evaluation reports it as a problem.
 */
export function fileSideReader(files: readonly FileToRead[]): SideReader {
  const byPath = new Map(files.map((f) => [f.path, f.absolute]));
  const limit = pLimit(READ_CONCURRENCY);
  const readOne = async (path: string): Promise<SideContent> => {
    const absolute = byPath.get(path);
    if (absolute === undefined) return { kind: "missing" };
    try {
      return { kind: "text", text: await readBoundedText(absolute) };
    } catch (error) {
      return unreadable(error);
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
  };
}
