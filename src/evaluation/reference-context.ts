/**
 * The files a change's files refer to (`references` in the catalogue: a GitLab CI
 * configuration's local includes and the project's `.gitlab-ci.yml` that may include a file, a
 * Compose file's `extends.file`) that the change does not hold, read as context so that what a
 * file takes from them is judged: a job extending a template in an unchanged included file, a
 * service extending one in an unchanged `common.yml`. They are read at the head: a file the
 * change does not hold is the same on both sides. Each round reads, in one batch, what the files
 * read so far refer to (an included file's own includes next), bounded in rounds, files and
 * characters; what lies beyond lends nothing.
 */
import { type FileKind, type FileReference, references } from "../catalogue/index.js";
import type { ChangedFile, SourceFile } from "../core/types.js";
import type { SideReader } from "./change-entry.js";
import { listFolder } from "./chart-context.js";

/** At most this many files are read as referenced context: GitLab's limit on includes (150). */
export const MAX_REFERENCED_FILES = 150;
/** At most this many characters of them in all (the engine's limit for one file). */
export const MAX_REFERENCED_CHARS = 10 * 1024 * 1024;
/** Rounds of reading: how far a chain of files including files is followed. */
export const MAX_REFERENCE_ROUNDS = 8;

export async function readReferencedContext(
  changes: readonly ChangedFile[],
  reader: SideReader,
  kinds?: readonly FileKind[],
): Promise<SourceFile[]> {
  const known = new Set<string>();
  let pending: SourceFile[] = [];
  for (const c of changes) {
    known.add(c.path);
    if (c.previousPath !== undefined) known.add(c.previousPath);
    if (typeof c.head === "string") pending.push({ path: c.path, text: c.head });
    if (typeof c.base === "string") pending.push({ path: c.previousPath ?? c.path, text: c.base });
  }
  const context: SourceFile[] = [];
  const listings = new Map<string, Promise<readonly string[]>>();
  let chars = 0;
  for (let round = 0; round < MAX_REFERENCE_ROUNDS && pending.length > 0; round++) {
    const wanted: string[] = [];
    const want = (path: string) => {
      if (known.has(path) || context.length + wanted.length >= MAX_REFERENCED_FILES) return;
      known.add(path);
      wanted.push(path);
    };
    for (const file of pending) {
      for (const ref of references(file, undefined, kinds)) {
        for (const path of await referencedPaths(ref, reader, listings)) want(path);
      }
    }
    if (wanted.length === 0) break;
    const contents = await reader.read(wanted.map((path) => ({ side: "head", path })));
    pending = [];
    contents.forEach((content, i) => {
      const path = wanted[i];
      if (path === undefined || content?.kind !== "text") return;
      if (chars + content.text.length > MAX_REFERENCED_CHARS) return;
      chars += content.text.length;
      pending.push({ path, text: content.text });
    });
    context.push(...pending);
  }
  return context;
}

/** A reference's paths: itself, or the files its folder's listing holds that it matches. */
async function referencedPaths(
  ref: FileReference,
  reader: SideReader,
  listings: Map<string, Promise<readonly string[]>>,
): Promise<readonly string[]> {
  if ("path" in ref) return [ref.path];
  // The whole repository is not listed for a wildcard at its root.
  if (ref.folder === "") return [];
  let listed = listings.get(ref.folder);
  if (!listed) {
    listed = listFolder(reader, ref.folder);
    listings.set(ref.folder, listed);
  }
  return (await listed).filter((path) => ref.matches(path));
}
