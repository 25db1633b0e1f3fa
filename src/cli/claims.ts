import { DEFAULT_KINDS } from "../engine/index.js";

/** Whether some file kind of the engine reads this path: the engine, not the CLI, decides. */
export function claimedByEngine(path: string): boolean {
  return DEFAULT_KINDS.some((kind) => kind.claims(path));
}
