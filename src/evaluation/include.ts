import picomatch from "picomatch";
import type { Config } from "../config/schema.js";

/**
 * The config's `paths` as one test, its globs compiled once: whether a changed file is scanned (it
 * matches an `include` glob and no `exclude` glob). Compile it once per evaluation and call it per
 * path; compiling a glob costs far more than matching it (a scan of 5,000 files spent 56 ms
 * compiling the same two globs 10,000 times).
 */
export function pathFilter(config: Pick<Config, "paths">): (path: string) => boolean {
  const options = { dot: true };
  const included = picomatch(config.paths.include, options);
  const excluded = picomatch(config.paths.exclude, options);
  return (path) => included(path) && !excluded(path);
}

/** Whether one changed file is scanned (`pathFilter`, for a single path). */
export function isIncluded(path: string, config: Pick<Config, "paths">): boolean {
  return pathFilter(config)(path);
}
