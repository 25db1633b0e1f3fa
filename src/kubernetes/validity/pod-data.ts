import { POD_TEMPLATE_PATHS } from "../workload-kinds.js";
import type { PodSpecAt } from "./types.js";

type Obj = Readonly<Record<string, unknown>>;

export function isObject(value: unknown): value is Obj {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function objectAt(value: unknown, ...keys: string[]): Obj | null {
  let current: unknown = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return isObject(current) ? current : null;
}

export function listAt(value: unknown, ...keys: string[]): unknown[] {
  let current: unknown = value;
  for (const key of keys) current = isObject(current) ? current[key] : undefined;
  return Array.isArray(current) ? current : [];
}

/** The container groups of a pod spec, as validation visits them. */
export const CONTAINER_GROUPS = ["initContainers", "containers", "ephemeralContainers"] as const;

export interface ContainerAt {
  readonly container: Obj;
  /** `spec.containers[0]`. */
  readonly path: string;
}

export function containersOf(pod: PodSpecAt): ContainerAt[] {
  return CONTAINER_GROUPS.flatMap((group) =>
    listAt(pod.spec, group).flatMap((c, i) =>
      isObject(c) ? [{ container: c, path: `${pod.path}.${group}[${i}]` }] : [],
    ),
  );
}

/**
 * The pod specs of a document: of a pod-bearing kind at its template path, and of every item of
 * a `List`. Anything else (fragments, custom resources) is not validated as a pod.
 */
export function podSpecsOf(document: unknown, path = ""): PodSpecAt[] {
  if (!isObject(document)) return [];
  const kind = document.kind;
  if (kind === "List" || (typeof kind === "string" && kind.endsWith("List")))
    return listAt(document, "items").flatMap((item, i) => podSpecsOf(item, `${path}items[${i}].`));
  if (typeof kind !== "string") return [];
  const templatePath = POD_TEMPLATE_PATHS[kind];
  if (!templatePath) return [];
  const template = templatePath.length === 0 ? document : objectAt(document, ...templatePath);
  const spec = objectAt(template, "spec");
  if (!spec) return [];
  return [
    {
      spec,
      metadata: objectAt(template, "metadata"),
      path: `${path}${[...templatePath, "spec"].join(".")}`,
    },
  ];
}
