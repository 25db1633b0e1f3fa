import type { Limits } from "./types.js";

/** Bounds for untrusted input; large enough for any real manifest. */
export const DEFAULT_LIMITS: Limits = {
  maxFileSize: 10 * 1024 * 1024,
  maxDepth: 100,
  maxFixScanFactor: 4,
};

/**
 * The limits in force: each given value that is a number of zero or more, the default otherwise
 * (an `undefined` or `NaN` left in a config must not switch a bound off).
 */
export function resolveLimits(partial: Partial<Limits> | undefined): Limits {
  const pick = (key: keyof Limits): number => {
    const value = partial?.[key];
    return typeof value === "number" && value >= 0 ? value : DEFAULT_LIMITS[key];
  };
  return {
    maxFileSize: pick("maxFileSize"),
    maxDepth: pick("maxDepth"),
    maxFixScanFactor: pick("maxFixScanFactor"),
  };
}
