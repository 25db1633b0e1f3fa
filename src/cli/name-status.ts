/** Parses `git diff --name-status -z` output. */

export type ChangeStatus = "added" | "modified" | "removed" | "renamed" | "copied";

export interface NameStatusEntry {
  readonly status: ChangeStatus;
  readonly path: string;
  /** The source path of a rename or copy. */
  readonly previousPath?: string;
}

/**
 * Entries of `git diff --name-status -z`: a status field, then one path (two for renames and
 * copies, source first), each NUL-terminated. Type changes and unmerged paths count as modified.
 */
export function parseNameStatus(output: string): NameStatusEntry[] {
  const fields = output.split("\0");
  if (fields[fields.length - 1] === "") fields.pop();
  const entries: NameStatusEntry[] = [];
  for (let i = 0; i < fields.length; ) {
    const code = fields[i++] ?? "";
    const letter = code.charAt(0);
    if (letter === "R" || letter === "C") {
      const from = fields[i++];
      const to = fields[i++];
      if (from === undefined || to === undefined) throw new Error(`truncated ${code} entry`);
      entries.push({ status: letter === "R" ? "renamed" : "copied", path: to, previousPath: from });
      continue;
    }
    const path = fields[i++];
    if (path === undefined) throw new Error(`truncated ${code} entry`);
    if (letter === "A") entries.push({ status: "added", path });
    else if (letter === "D") entries.push({ status: "removed", path });
    else if (letter === "M" || letter === "T" || letter === "U")
      entries.push({ status: "modified", path });
    else throw new Error(`unknown git status ${JSON.stringify(code)} for ${path}`);
  }
  return entries;
}
