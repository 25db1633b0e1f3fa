import picomatch from "picomatch";
import type { Config } from "../config/schema.js";

/** Whether a changed file is scanned: it matches an `include` glob and no `exclude` glob. */
export function isIncluded(path: string, config: Pick<Config, "paths">): boolean {
  const options = { dot: true };
  const included = config.paths.include.some((glob) => picomatch.isMatch(path, glob, options));
  return included && !config.paths.exclude.some((glob) => picomatch.isMatch(path, glob, options));
}
