/** The git questions `privilege-guard diff` asks: where the repository is, which commits, what changed. */
import { lstat, readlink } from "node:fs/promises";
import { join } from "node:path";
import { CliError } from "./errors.js";
import { type GitContext, GitError, gitText, runGit } from "./git.js";
import { type NameStatusEntry, parseNameStatus } from "./name-status.js";
import { decodeText, readBoundedText } from "./read-bounded.js";

export interface Repository {
  /** Absolute path of the work tree's top folder. */
  readonly root: string;
  /** Runs git at the root. */
  readonly git: GitContext;
}

export async function openRepository(cwd: string, env: GitContext["env"]): Promise<Repository> {
  let root: string;
  try {
    root = await gitText({ cwd, env }, ["rev-parse", "--show-toplevel"]);
  } catch (error) {
    if (error instanceof GitError)
      throw new CliError(`not a git repository (or not its work tree): ${cwd}`);
    throw error;
  }
  if (root === "") throw new CliError(`not inside a git work tree: ${cwd}`);
  return { root, git: { cwd: root, env } };
}

/** The commit a ref names. */
export async function resolveCommit(repo: Repository, ref: string): Promise<string> {
  try {
    return await gitText(repo.git, [
      "rev-parse",
      "--verify",
      "--quiet",
      "--end-of-options",
      `${ref}^{commit}`,
    ]);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    throw new CliError(
      (await isShallow(repo))
        ? `unknown ref: ${ref}; this is a shallow clone, which may lack it: ${UNSHALLOW_HINT}`
        : `unknown ref: ${ref}`,
    );
  }
}

export async function mergeBase(repo: Repository, a: string, b: string): Promise<string> {
  try {
    return await gitText(repo.git, ["merge-base", a, b]);
  } catch (error) {
    if (!(error instanceof GitError)) throw error;
    const message = `no merge base: ${a.slice(0, 12)} and ${b.slice(0, 12)} share no history`;
    throw new CliError(
      (await isShallow(repo)) ? `${message} in this shallow clone: ${UNSHALLOW_HINT}` : message,
    );
  }
}

/** How to get the history a shallow clone lacks. */
export const UNSHALLOW_HINT =
  "fetch the branches with their history (`git fetch --unshallow origin`; in GitHub Actions, actions/checkout with `fetch-depth: 0`)";

/** Whether the repository is a shallow clone (its history cut at some commits). */
export async function isShallow(repo: Repository): Promise<boolean> {
  try {
    return (await gitText(repo.git, ["rev-parse", "--is-shallow-repository"])) === "true";
  } catch (error) {
    if (error instanceof GitError) return false;
    throw error;
  }
}

/**
 * What changed from `from` to the commit `to`, or to the working tree (untracked files that are
 * not ignored count as added) when `to` is null. Renames are detected (`-M`).
 */
export async function changedEntries(
  repo: Repository,
  from: string,
  to: string | null,
): Promise<NameStatusEntry[]> {
  const diff = await runGit(repo.git, [
    "diff",
    "-M",
    "--name-status",
    "-z",
    "--no-ext-diff",
    "--no-relative",
    from,
    ...(to ? [to] : []),
    "--",
  ]);
  const entries = parseNameStatus(diff.toString("utf8"));
  if (to) return entries;
  const untracked = await runGit(repo.git, [
    "ls-files",
    "--others",
    "--exclude-standard",
    "-z",
    "--full-name",
  ]);
  const known = new Set(entries.map((e) => e.path));
  for (const path of untracked.toString("utf8").split("\0")) {
    // A nested repository shows as its folder, with a trailing slash: it is not a file of this one.
    if (path === "" || path.endsWith("/") || known.has(path)) continue;
    entries.push({ status: "added", path });
  }
  return entries;
}

/**
 * The files under `folder` (paths from the root) at a commit, or in the working tree (tracked, and
 * untracked that are not ignored) when `commit` is null.
 */
export async function listFiles(
  repo: Repository,
  commit: string | null,
  folder: string,
): Promise<string[]> {
  return listPathspec(repo, commit, [`${folder}/`]);
}

/**
 * The files at `path` (paths from the root): the file itself, or everything under the folder, or
 * the whole tree for `""`; at a commit, or in the working tree as `listFiles` reads it.
 */
export async function listFilesAt(
  repo: Repository,
  commit: string | null,
  path: string,
): Promise<string[]> {
  return listPathspec(repo, commit, path === "" ? [] : [path]);
}

async function listPathspec(
  repo: Repository,
  commit: string | null,
  pathspecs: readonly string[],
): Promise<string[]> {
  const out = commit
    ? await runGit(repo.git, [
        "ls-tree",
        "-r",
        "-z",
        "--name-only",
        "--full-tree",
        commit,
        "--",
        ...pathspecs,
      ])
    : await runGit(repo.git, [
        "ls-files",
        "-z",
        "--cached",
        "--others",
        "--exclude-standard",
        "--full-name",
        "--",
        ...pathspecs,
      ]);
  return out
    .toString("utf8")
    .split("\0")
    .filter((p) => p !== "");
}

/** A file's text at a commit (bytes decoded as UTF-8, NUL bytes kept; not UTF-8 throws `FileNotRead`). */
export async function readAtCommit(
  repo: Repository,
  commit: string,
  path: string,
): Promise<string> {
  return decodeText(await runGit(repo.git, ["show", "--no-textconv", `${commit}:${path}`]));
}

/**
 * A file's text in the working tree, or null when it is gone. A symbolic link reads as its target
 * path, as git stores it.
 */
export async function readWorkingTree(repo: Repository, path: string): Promise<string | null> {
  const absolute = join(repo.root, path);
  try {
    const info = await lstat(absolute);
    if (info.isSymbolicLink()) return await readlink(absolute);
    return await readBoundedText(absolute);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
}
