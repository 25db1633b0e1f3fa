import { validateDocument } from "./validate.js";
import { isObject } from "./pod-data.js";
import type { Violation } from "./types.js";

/** The violations of the fixed documents that the documents before the fix did not have. */
export function newViolations(before: readonly unknown[], after: readonly unknown[]): Violation[] {
  return violationsBeyond(violationCounts(before.flatMap((d) => validateDocument(d))), [
    ...after.flatMap((d) => validateDocument(d)),
  ]);
}

// Item indices shift when a fix removes an item; the message names the item itself.
const violationKey = (v: Violation) =>
  `${v.constraint} ${v.field.replace(/\[\d+\]$/, "")} ${v.message}`;

/** How often each violation occurs, as `violationsBeyond` matches them. */
export function violationCounts(violations: readonly Violation[]): ReadonlyMap<string, number> {
  const had = new Map<string, number>();
  for (const v of violations) had.set(violationKey(v), (had.get(violationKey(v)) ?? 0) + 1);
  return had;
}

/** The violations of `after` beyond those counted in `had` (each occurrence matched once). */
export function violationsBeyond(
  had: ReadonlyMap<string, number>,
  after: readonly Violation[],
): Violation[] {
  const left = new Map(had);
  const added: Violation[] = [];
  for (const v of after) {
    const n = left.get(violationKey(v)) ?? 0;
    if (n > 0) left.set(violationKey(v), n - 1);
    else added.push(v);
  }
  return added;
}

/**
 * Where a fix may change an object: security contexts; the host namespace switches of a pod;
 * host ports; volumes and their mounts (a hostPath replaced); the host and headers of probes and
 * lifecycle handlers; annotations (AppArmor and seccomp annotations).
 */
const SETTING_KEYS = new Set([
  "securityContext",
  "hostNetwork",
  "hostPID",
  "hostIPC",
  "hostUsers",
  "hostPort",
  "hostIP",
  "volumes",
  "volumeMounts",
  "host",
  "httpHeaders",
  "annotations",
]);

/** A key fixes may change under; chart values spell security contexts in many ways (`containerSecurityContext`). */
function isSettingKey(segment: string): boolean {
  const lower = segment.toLowerCase();
  return (
    SETTING_KEYS.has(segment) || lower.endsWith("securitycontext") || lower.endsWith("annotations")
  );
}

/**
 * The paths at which the fixed documents differ from the originals outside the settings a fix
 * may touch: empty when the fix is local. Sequences are compared item by item, so removing an
 * item counts as changes to the items after it, all under the same key.
 */
export function nonLocalChanges(before: readonly unknown[], after: readonly unknown[]): string[] {
  if (before.length !== after.length) return ["(documents added or removed)"];
  const found: string[] = [];
  for (const [i, doc] of before.entries()) diff(doc, after[i], [], found);
  return found;
}

/** Collects the paths where `a` and `b` differ, skipping the subtrees of setting keys. */
function diff(a: unknown, b: unknown, path: string[], found: string[]): void {
  if (found.length > 20) return;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++)
      diff(a[i], b[i], [...path, `[${i}]`], found);
    return;
  }
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      if (!isSettingKey(key)) diff(a[key], b[key], [...path, key], found);
    return;
  }
  if (!Object.is(a, b)) found.push(path.join(".").replace(/\.\[/g, "["));
}
