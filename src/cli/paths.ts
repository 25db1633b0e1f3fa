import { isAbsolute, relative, sep } from "node:path";

/** A path as reports show it: relative to `from`, with forward slashes. */
export function displayPath(from: string, absolute: string): string {
  const rel = relative(from, absolute);
  return (rel === "" ? "." : rel).split(sep).join("/");
}

/** Whether `path` is `prefix` itself or lies under it (both relative, forward slashes). */
export function isUnder(path: string, prefix: string): boolean {
  return prefix === "" || prefix === "." || path === prefix || path.startsWith(`${prefix}/`);
}

/** Whether the absolute `path` is the folder `root` itself or lies under it. */
export function isWithin(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== ".." && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}
