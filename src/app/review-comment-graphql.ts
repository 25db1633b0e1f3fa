import type { Octokit } from "./octokit.js";

/** GraphQL `nodes(ids:)` accepts at most 100 ids per call. */
const NODES_PER_QUERY = 100;

const MINIMIZED_QUERY = `query($ids: [ID!]!) {
  nodes(ids: $ids) {
    ... on PullRequestReviewComment { id isMinimized }
  }
}`;

const MINIMIZE_MUTATION = `mutation($id: ID!) {
  minimizeComment(input: { subjectId: $id, classifier: OUTDATED }) {
    minimizedComment { isMinimized }
  }
}`;

type NodesResult = { readonly nodes: readonly ({ id?: string; isMinimized?: boolean } | null)[] };

/** Of the given review comments (node ids), those that are already minimized. */
export async function minimizedComments(
  octokit: Octokit,
  nodeIds: readonly string[],
): Promise<Set<string>> {
  const minimized = new Set<string>();
  for (let i = 0; i < nodeIds.length; i += NODES_PER_QUERY) {
    const ids = nodeIds.slice(i, i + NODES_PER_QUERY);
    const data = await octokit.graphql<NodesResult>(MINIMIZED_QUERY, { ids });
    for (const node of data.nodes) {
      if (node?.id && node.isMinimized) minimized.add(node.id);
    }
  }
  return minimized;
}

/**
 * Hides a comment as outdated. (`resolveReviewThread` would need `contents: write` for an app
 * token; `minimizeComment` works with `pull_requests: write`.)
 */
export async function minimizeComment(octokit: Octokit, nodeId: string): Promise<void> {
  await octokit.graphql(MINIMIZE_MUTATION, { id: nodeId });
}
