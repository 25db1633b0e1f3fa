/**
 * A pull request's change as data: the files on both sides, GitHub's files listing with patches
 * computed by a real diff (the `diff` package, in GitHub's hunk-only `patch` format), and the
 * commits' contents for the GraphQL blob reads.
 */
import { structuredPatch } from "diff";

export interface FileChange {
  readonly path: string;
  /** Old path of a rename. */
  readonly previousPath?: string;
  /** Text at the merge base; absent or null for an added file. */
  readonly base?: string | null;
  /** Text at the head; absent or null for a removed file. */
  readonly head?: string | null;
  /** GitHub sends no patch (a large or binary diff). */
  readonly withoutPatch?: boolean;
}

export interface GitHubFile {
  readonly sha: string;
  readonly filename: string;
  readonly status: "added" | "removed" | "modified" | "renamed";
  readonly additions: number;
  readonly deletions: number;
  readonly changes: number;
  readonly blob_url: string;
  readonly raw_url: string;
  readonly contents_url: string;
  readonly patch?: string;
  readonly previous_filename?: string;
}

/** GitHub's `patch` of a file: its hunks, no `---`/`+++` header. */
export function githubPatch(base: string, head: string): string {
  const { hunks } = structuredPatch("a", "b", base, head, "", "", { context: 3 });
  return hunks
    .map((h) => {
      const oldStart = h.oldLines === 0 ? h.oldStart - 1 : h.oldStart;
      const newStart = h.newLines === 0 ? h.newStart - 1 : h.newStart;
      return [`@@ -${oldStart},${h.oldLines} +${newStart},${h.newLines} @@`, ...h.lines].join("\n");
    })
    .join("\n");
}

export function statusOf(change: FileChange): GitHubFile["status"] {
  if (change.base == null) return "added";
  if (change.head == null) return "removed";
  return change.previousPath ? "renamed" : "modified";
}

/** The files listing entry GitHub sends for a change (repository `o/r`, head commit `headSha`). */
export function githubFile(change: FileChange, repoPath: string, headSha: string): GitHubFile {
  const base = change.base ?? "";
  const head = change.head ?? "";
  const patch = githubPatch(base, head);
  const additions = patch.split("\n").filter((l) => l.startsWith("+")).length;
  const deletions = patch.split("\n").filter((l) => l.startsWith("-")).length;
  const web = `https://github.com${repoPath.replace(/^\/repos/, "")}`;
  return {
    sha: "0".repeat(40),
    filename: change.path,
    status: statusOf(change),
    additions,
    deletions,
    changes: additions + deletions,
    blob_url: `${web}/blob/${headSha}/${change.path}`,
    raw_url: `${web}/raw/${headSha}/${change.path}`,
    contents_url: `https://api.github.com${repoPath}/contents/${change.path}?ref=${headSha}`,
    ...(change.withoutPatch ? {} : { patch }),
    ...(change.previousPath ? { previous_filename: change.previousPath } : {}),
  };
}

/** Contents of commits: `sha → path → text`. */
export class Commits {
  private readonly files = new Map<string, string>();

  set(sha: string, path: string, text: string): this {
    this.files.set(`${sha}:${path}`, text);
    return this;
  }

  /** The text at a `<sha>:<path>` expression, or undefined when the commit has no such file. */
  at(expression: string): string | undefined {
    return this.files.get(expression);
  }

  /** Both sides of each change: base at `baseSha` (old path of a rename), head at `headSha`. */
  static of(changes: readonly FileChange[], baseSha: string, headSha: string): Commits {
    const commits = new Commits();
    for (const c of changes) {
      if (typeof c.base === "string") commits.set(baseSha, c.previousPath ?? c.path, c.base);
      if (typeof c.head === "string") commits.set(headSha, c.path, c.head);
    }
    return commits;
  }
}
