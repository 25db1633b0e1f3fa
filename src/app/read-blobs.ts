import pLimit from "p-limit";
import type { BlobContent, BlobRequest, RepoRef } from "./github-port.js";
import type { Octokit } from "./octokit-port.js";

export interface BlobReadOptions {
  /** Files per GraphQL query (GitHub advises keeping aliases per query modest). */
  readonly batchSize: number;
  /** GraphQL queries in flight at once. */
  readonly concurrency: number;
  /** Larger files are not downloaded; the engine's own limit is 10 MiB. */
  readonly maxBytes: number;
}

export const DEFAULT_BLOB_READ: BlobReadOptions = {
  batchSize: 50,
  concurrency: 2,
  maxBytes: 10 * 1024 * 1024,
};

interface BlobNode {
  readonly oid?: string;
  readonly byteSize?: number;
  readonly isBinary?: boolean | null;
  readonly isTruncated?: boolean;
  readonly text?: string | null;
}

type BlobQueryResult = { readonly repository: Record<string, BlobNode | null> | null };

/** A query reading `count` files, each as `object(expression: "<sha>:<path>")`. */
export function blobQuery(count: number): string {
  const indexes = Array.from({ length: count }, (_, i) => i);
  const variables = indexes.map((i) => `$e${i}: String!`).join(", ");
  const fields = indexes
    .map(
      (i) =>
        `f${i}: object(expression: $e${i}) { ... on Blob { oid byteSize isBinary isTruncated text } }`,
    )
    .join("\n    ");
  return `query($owner: String!, $name: String!, ${variables}) {\n  repository(owner: $owner, name: $name) {\n    ${fields}\n  }\n}`;
}

/**
 * Reads files at commits of the repository in batched GraphQL queries (many files per request).
 * GraphQL cuts `Blob.text` at 512,000 bytes and says so with `isTruncated`; such files are read
 * again through the blobs API (up to 100 MB). Works for fork pull requests, since their head
 * commits are reachable in the base repository.
 */
export async function readBlobs(
  octokit: Octokit,
  repo: RepoRef,
  requests: readonly BlobRequest[],
  options: BlobReadOptions,
): Promise<BlobContent[]> {
  const keys = [...new Set(requests.map(blobKey))];
  const batches: string[][] = [];
  for (let i = 0; i < keys.length; i += options.batchSize) {
    batches.push(keys.slice(i, i + options.batchSize));
  }
  const limit = pLimit(options.concurrency);
  const results = new Map<string, BlobContent>();
  await Promise.all(
    batches.map((batch) =>
      limit(async () => {
        const contents = await readBatch(octokit, repo, batch, options);
        batch.forEach((key, i) => {
          results.set(key, contents[i] ?? { kind: "missing" });
        });
      }),
    ),
  );
  return requests.map((r) => results.get(blobKey(r)) ?? { kind: "missing" });
}

function blobKey(request: BlobRequest): string {
  return `${request.sha}:${request.path}`;
}

async function readBatch(
  octokit: Octokit,
  repo: RepoRef,
  expressions: readonly string[],
  options: BlobReadOptions,
): Promise<BlobContent[]> {
  const variables: Record<string, string> = { owner: repo.owner, name: repo.repo };
  expressions.forEach((e, i) => {
    variables[`e${i}`] = e;
  });
  const data = await octokit.graphql<BlobQueryResult>(blobQuery(expressions.length), variables);
  const nodes = expressions.map((_, i) => data.repository?.[`f${i}`] ?? null);
  return Promise.all(nodes.map((node) => toContent(octokit, repo, node, options)));
}

async function toContent(
  octokit: Octokit,
  repo: RepoRef,
  node: BlobNode | null,
  options: BlobReadOptions,
): Promise<BlobContent> {
  if (!node || typeof node.oid !== "string") return { kind: "missing" };
  if (node.isBinary) return { kind: "binary" };
  const byteSize = node.byteSize ?? 0;
  if (byteSize > options.maxBytes) return { kind: "too-large", byteSize };
  if (!node.isTruncated && typeof node.text === "string") return { kind: "text", text: node.text };
  const { data } = await octokit.rest.git.getBlob({
    owner: repo.owner,
    repo: repo.repo,
    file_sha: node.oid,
  });
  const text = Buffer.from(data.content, data.encoding === "base64" ? "base64" : "utf8").toString(
    "utf8",
  );
  return { kind: "text", text };
}
