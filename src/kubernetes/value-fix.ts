import type { Fix } from "../core/types.js";
import type { LineIndex } from "../yaml/line-index.js";
import type { Ref } from "../yaml/yaml-doc.js";
import type { PodView } from "./pod-view.js";
import { isObject } from "./validity/pod-data.js";
import type { ValuesMap } from "./values-map.js";

/** Said on findings in a chart's values file when no template of the chart was read. */
export const VALUES_BY_KEY_NAME =
  "Judged by key name: no template of this chart was read, so which settings this value feeds is not known.";

/** Why a fix in a values file was withheld. */
export const VALUES_FIX_WITHHELD =
  "No fix is suggested here: the only one found adds keys to the values file, or changes it outside the values the chart's templates render into this setting, and the templates would not render what it adds; change it by hand.";

/**
 * Whether a fix in a chart's values file stays within the values the pod view was built from (a
 * security context block a template renders, or the very values it writes as settings) and adds
 * no line: it changes or removes what is written. Keys a fix would add may not be rendered at
 * all (a template that writes `privileged: {{ .Values.agent.privileged }}` renders nothing else
 * of `agent`).
 */
export function withinPodValues(pod: PodView, index: LineIndex, fix: Fix): boolean {
  const within = (ref: Ref | null) => {
    if (!ref) return false;
    const first = index.lineOf(ref.range[0]);
    const last = index.lineOf(Math.max(ref.range[0], ref.range[1] - 1));
    return fix.line >= first && fix.endLine <= last;
  };
  // A container a template writes whole from the values (a view's container with its own
  // mapping, see `value-containers.ts`) is rendered with every key a fix adds to it.
  if (pod.containers.some((c) => c.ref && within(c.ref))) return true;
  const added = fix.text === "" ? 0 : fix.text.split("\n").length - 1;
  if (added > fix.endLine - fix.line + 1) return false;
  const refs: (Ref | null)[] = [
    pod.spec,
    pod.securityContext,
    ...pod.containers.map((c) => c.securityContext),
    ...pod.volumes.map((v) => v.ref),
  ];
  return refs.some(within);
}

/**
 * The values paths at which fixed values documents differ from the originals outside the values
 * the chart's templates render into a setting (`map`): empty when the fix is local. The key-name
 * test of `nonLocalChanges` does not apply to values, whose keys are the chart's own.
 */
export function valuesChangedOutside(
  before: readonly unknown[],
  after: readonly unknown[],
  map: ValuesMap,
): string[] {
  if (before.length !== after.length) return ["(documents added or removed)"];
  const found: string[] = [];
  for (const [i, doc] of before.entries()) diffValues(doc, after[i], "", map, found);
  return found;
}

function diffValues(a: unknown, b: unknown, path: string, map: ValuesMap, found: string[]): void {
  // A list item's values are looked up as the templates' `range` reads them (`list[].key`).
  if (found.length > 20 || (path !== "" && map.has(path.replace(/\[\d+\]/g, "[]")))) return;
  if (path !== "" && rangedOver(path, map)) return;
  if (isObject(a) && isObject(b)) {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)]))
      diffValues(a[key], b[key], path === "" ? key : `${path}.${key}`, map, found);
    return;
  }
  if (Array.isArray(a) && Array.isArray(b) && a.length === b.length) {
    for (const [i, item] of a.entries()) diffValues(item, b[i], `${path}[${i}]`, map, found);
    return;
  }
  if (!Object.is(a, b)) found.push(path);
}

/**
 * Whether `path` (`a.b.c`) is within a value of a mapping a template ranges over: `a.b` read as
 * `a[]` (the mapping `a`'s value `b`) has uses under it.
 */
function rangedOver(path: string, map: ValuesMap): boolean {
  const parts = path.replace(/\[\d+\]/g, "[]").split(".");
  for (let i = 1; i < parts.length; i++) {
    const key = [...parts.slice(0, i - 1), `${parts[i - 1]}[]`, ...parts.slice(i + 1)].join(".");
    if (map.has(key)) return true;
  }
  return false;
}
