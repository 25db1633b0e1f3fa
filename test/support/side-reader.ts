/** A side-reading port over a repository held in memory, for the "evaluate a change" use case. */
import type { SideContent, SideReader, SideRequest } from "../../src/evaluation/change-entry.js";

/** A repository's two sides as path → text; records what is read and listed. */
export function repository(
  sides: Record<"base" | "head", Record<string, string>>,
  canList = true,
): SideReader & { reads: SideRequest[]; listed: string[] } {
  const reads: SideRequest[] = [];
  const listed: string[] = [];
  return {
    reads,
    listed,
    read: async (requests) =>
      requests.map((r): SideContent => {
        reads.push(r);
        const text = sides[r.side][r.path];
        return text === undefined ? { kind: "missing" } : { kind: "text", text };
      }),
    ...(canList
      ? {
          list: async (side: "base" | "head", folder: string) => {
            listed.push(`${side}:${folder}`);
            return Object.keys(sides[side]).filter((p) => p.startsWith(`${folder}/`));
          },
        }
      : {}),
  };
}
