/** Reads the sides of a change from git: the base at a commit, the head at a commit or on disk. */
import pLimit from "p-limit";
import type { SideContent, SideReader, SideRequest } from "../evaluation/change-entry.js";
import { listFiles, type Repository, readAtCommit, readWorkingTree } from "./git-repository.js";
import { unreadable } from "./read-files.js";

/** git processes run at once. */
const GIT_CONCURRENCY = 8;

/**
 * The base side at the commit `base`; the head side at the commit `head`, or in the working tree
 * when `head` is null. A side that cannot be read says why (the evaluation reports it).
 */
export function gitSideReader(repo: Repository, base: string, head: string | null): SideReader {
  const limit = pLimit(GIT_CONCURRENCY);
  const readOne = async (request: SideRequest): Promise<SideContent> => {
    try {
      if (request.side === "base") return text(await readAtCommit(repo, base, request.path));
      if (head) return text(await readAtCommit(repo, head, request.path));
      const onDisk = await readWorkingTree(repo, request.path);
      return onDisk === null ? { kind: "missing" } : text(onDisk);
    } catch (error) {
      return unreadable(error);
    }
  };
  return {
    read: (requests) => Promise.all(requests.map((r) => limit(() => readOne(r)))),
    list: (side, folder) => listFiles(repo, side === "base" ? base : head, folder),
  };
}

function text(value: string): SideContent {
  return { kind: "text", text: value };
}
