import type { PodView } from "../../../kubernetes/pod-view.js";

/** `base.key`, or `key` alone at the document root (a Helm values file). */
export function childPath(base: string, key: string): string {
  return base === "" ? key : `${base}.${key}`;
}

/**
 * Logical path of the pod (template) metadata: the sibling of the pod spec (`spec` → `metadata`,
 * `spec.template.spec` → `spec.template.metadata`). For a fragment without a `spec` step, the
 * metadata is looked for beside the pod-like mapping's own keys.
 */
export function podMetadataPath(pod: PodView): string {
  if (pod.path === "spec") return "metadata";
  if (pod.path.endsWith(".spec")) return `${pod.path.slice(0, -".spec".length)}.metadata`;
  return childPath(pod.path, "metadata");
}
