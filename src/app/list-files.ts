/**
 * The files under a folder at a commit, through GitHub's GraphQL API (`Tree.entries`), for reading a
 * Helm chart's templates when a pull request changes only its values. GraphQL lists one level per
 * nesting of the query, so one query reads `LIST_DEPTH` levels below the folder; deeper files are
 * not listed.
 */
import type { RepoRef } from "./github-port.js";
import type { Octokit } from "./octokit.js";

/** Folder levels below the listed folder that one query reads (`templates/a/b/c/x.yaml`). */
export const LIST_DEPTH = 4;

interface TreeEntry {
  readonly path?: string | null;
  readonly type?: string;
  readonly object?: { readonly entries?: readonly TreeEntry[] } | null;
}

type TreeQueryResult = {
  readonly repository: { readonly tree: { readonly entries?: readonly TreeEntry[] } | null } | null;
};

function entries(depth: number): string {
  return depth === 0
    ? "entries { path type }"
    : `entries { path type object { ... on Tree { ${entries(depth - 1)} } } }`;
}

/** The query listing a tree `object(expression: "<sha>:<folder>")`, `depth` levels below it. */
export function treeQuery(depth: number): string {
  return `query($owner: String!, $name: String!, $expression: String!) {
  repository(owner: $owner, name: $name) {
    tree: object(expression: $expression) { ... on Tree { ${entries(depth)} } }
  }
}`;
}

/** Paths (from the repository root) of the files under `folder` at `sha`; none when it is no folder. */
export async function listFiles(
  octokit: Octokit,
  repo: RepoRef,
  sha: string,
  folder: string,
): Promise<string[]> {
  const data = await octokit.graphql<TreeQueryResult>(treeQuery(LIST_DEPTH), {
    owner: repo.owner,
    name: repo.repo,
    expression: `${sha}:${folder}`,
  });
  const files: string[] = [];
  const visit = (list: readonly TreeEntry[] | undefined) => {
    for (const entry of list ?? []) {
      if (entry.type === "blob" && typeof entry.path === "string") files.push(entry.path);
      else if (entry.type === "tree") visit(entry.object?.entries);
    }
  };
  visit(data.repository?.tree?.entries);
  return files;
}
