import {
  isDefaultCapability,
  isSafeScalar,
  isTriggerKey,
  isTriggerKind,
  SAFE_SECCOMP_TYPE,
} from "./screen-triggers.js";

/**
 * Whether a document, as js-yaml's failsafe reading gives it (see `yaml/quick-read.ts`), may hold a
 * baseline finding: some key of it, at any depth and through any alias, names a setting a baseline
 * rule looks at (see `screen-triggers.ts`), unless that setting's value is exactly safe, or it is
 * an object the policy rules read (a `kind` such as `Namespace`). Iterative,
 * so depth is no issue; a walk longer than `budget` nodes (aliases expanding) gives up and says
 * true, leaving the full reading to measure and report the expansion.
 */
export function treeMayHaveFindings(root: unknown, budget: number): boolean {
  const stack: unknown[] = [root];
  let visits = 0;
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== "object" || value === null) continue;
    if (++visits > budget) return true;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    const map = value as Record<string, unknown>;
    for (const key in map) {
      const child = map[key];
      if (isTriggerKey(key) && !isSafeSetting(key, child)) return true;
      if (isTriggerKind(key, child)) return true;
      stack.push(child);
    }
  }
  return false;
}

/** A setting written exactly the safe way, so that it alone does not force a full reading. */
function isSafeSetting(key: string, value: unknown): boolean {
  if (typeof value === "string") return isSafeScalar(key, value);
  if (key === "add") {
    return (
      Array.isArray(value) && value.every((c) => typeof c === "string" && isDefaultCapability(c))
    );
  }
  if (key !== "seccompProfile" || typeof value !== "object" || value === null) return false;
  const entries = Object.entries(value);
  return entries.length === 1 && entries[0]?.[0] === "type" && entries[0][1] === SAFE_SECCOMP_TYPE;
}
