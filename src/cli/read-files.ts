import pLimit from "p-limit";
import { readsPathWithoutText, type SourceFile } from "../engine/index.js";
import type { ReportProblem } from "../report/review-data.js";
import type { FileToRead } from "./collect-files.js";
import { FileNotRead, readBoundedText } from "./read-bounded.js";

/** Files read at once. */
const READ_CONCURRENCY = 16;

/**
 * A file that could not be read: it cannot pass unchecked, so it becomes a problem; except bytes
 * that are not text at a path the engine reads only for its text (a file without an extension is
 * a script only when its first line is a shebang): null, nothing to check.
 */
export function unreadable(path: string, error: unknown): ReportProblem | null {
  if (error instanceof FileNotRead) {
    if (error.code === "encoding" && !readsPathWithoutText(path)) return null;
    return { path, code: error.code, message: error.message, line: 1, column: 1 };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    path,
    code: "unreadable",
    message: `could not read the file: ${message}`,
    line: 1,
    column: 1,
  };
}

/** Reads the files, in order; a file that cannot be read becomes a problem. */
export async function readFiles(
  files: readonly FileToRead[],
): Promise<{ sources: SourceFile[]; problems: ReportProblem[] }> {
  const limit = pLimit(READ_CONCURRENCY);
  const read = await Promise.all(
    files.map((file) =>
      limit(async () => {
        try {
          return { path: file.path, text: await readBoundedText(file.absolute) };
        } catch (error) {
          return unreadable(file.path, error);
        }
      }),
    ),
  );
  const sources: SourceFile[] = [];
  const problems: ReportProblem[] = [];
  for (const r of read) {
    if (r === null) continue;
    if ("text" in r) sources.push(r);
    else problems.push(r);
  }
  return { sources, problems };
}
