import type { Limits } from "./types.js";

/** Bounds for untrusted input; large enough for any real manifest. */
export const DEFAULT_LIMITS: Limits = {
  maxFileSize: 10 * 1024 * 1024,
  maxDepth: 100,
  maxAliasCount: 10_000,
};

export function resolveLimits(partial: Partial<Limits> | undefined): Limits {
  return { ...DEFAULT_LIMITS, ...partial };
}
