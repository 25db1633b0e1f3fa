import pLimit from "p-limit";
import type { BlobContent, BlobRequest, RepoRef } from "./github-port.js";
import { httpStatus } from "./http-error.js";
import type { Octokit } from "./octokit.js";

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
 * again through the blobs API (up to 100 MB). GraphQL can also answer 200 with a null object for
 * a file: that file is read again through the contents API at its commit, and is `missing` only
 * when that has nothing either. Works for fork pull requests, since their head commits are
 * reachable in the base repository.
 */
export async function readBlobs(
  octokit: Octokit,
  repo: RepoRef,
  requests: readonly BlobRequest[],
  options: BlobReadOptions,
): Promise<BlobContent[]> {
  const unique = new Map<string, BlobRequest>();
  for (const r of requests) unique.set(blobKey(r), r);
  const all = [...unique.values()];
  const batches: BlobRequest[][] = [];
  for (let i = 0; i < all.length; i += options.batchSize) {
    batches.push(all.slice(i, i + options.batchSize));
  }
  const limit = pLimit(options.concurrency);
  const results = new Map<string, BlobContent>();
  await Promise.all(
    batches.map((batch) =>
      limit(async () => {
        const contents = await readBatch(octokit, repo, batch, options);
        batch.forEach((request, i) => {
          results.set(blobKey(request), contents[i] ?? { kind: "missing" });
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
  batch: readonly BlobRequest[],
  options: BlobReadOptions,
): Promise<BlobContent[]> {
  const variables: Record<string, string> = { owner: repo.owner, name: repo.repo };
  batch.forEach((request, i) => {
    variables[`e${i}`] = blobKey(request);
  });
  const data = await octokit.graphql<BlobQueryResult>(blobQuery(batch.length), variables);
  return Promise.all(
    batch.map((request, i) => {
      const node = data.repository?.[`f${i}`] ?? null;
      return node && typeof node.oid === "string"
        ? toContent(octokit, repo, node, options)
        : readThroughContents(octokit, repo, request, options);
    }),
  );
}

async function toContent(
  octokit: Octokit,
  repo: RepoRef,
  node: BlobNode,
  options: BlobReadOptions,
): Promise<BlobContent> {
  if (node.isBinary) return { kind: "binary" };
  const byteSize = node.byteSize ?? 0;
  if (byteSize > options.maxBytes) return { kind: "too-large", byteSize };
  if (!node.isTruncated && typeof node.text === "string") return { kind: "text", text: node.text };
  return readGitBlob(octokit, repo, node.oid ?? "");
}

async function readGitBlob(octokit: Octokit, repo: RepoRef, sha: string): Promise<BlobContent> {
  const { data } = await octokit.rest.git.getBlob({
    owner: repo.owner,
    repo: repo.repo,
    file_sha: sha,
  });
  return { kind: "text", text: decode(data.content, data.encoding) };
}

/**
 * The file at `request.sha` through the REST contents API: its text (inline up to 1 MB, through
 * the blobs API above that), `too-large` past `maxBytes`, `missing` when GitHub has no such file
 * (404) or the path is not a file.
 */
async function readThroughContents(
  octokit: Octokit,
  repo: RepoRef,
  request: BlobRequest,
  options: BlobReadOptions,
): Promise<BlobContent> {
  let data: unknown;
  try {
    ({ data } = await octokit.rest.repos.getContent({
      owner: repo.owner,
      repo: repo.repo,
      path: request.path,
      ref: request.sha,
    }));
  } catch (error) {
    if (httpStatus(error) === 404) return { kind: "missing" };
    throw error;
  }
  const file = data as {
    type?: unknown;
    size?: unknown;
    sha?: unknown;
    content?: unknown;
    encoding?: unknown;
  };
  if (Array.isArray(data) || file.type !== "file" || typeof file.sha !== "string") {
    return { kind: "missing" };
  }
  const byteSize = typeof file.size === "number" ? file.size : 0;
  if (byteSize > options.maxBytes) return { kind: "too-large", byteSize };
  if (
    typeof file.content === "string" &&
    file.encoding === "base64" &&
    (file.content !== "" || byteSize === 0)
  ) {
    return { kind: "text", text: decode(file.content, "base64") };
  }
  return readGitBlob(octokit, repo, file.sha);
}

function decode(content: string, encoding: unknown): string {
  return Buffer.from(content, encoding === "base64" ? "base64" : "utf8").toString("utf8");
}
