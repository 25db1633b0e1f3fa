import type { ContainerView, PodView } from "../../../kubernetes/pod-view.js";
import type { Range, YamlDoc } from "../../../yaml/yaml-doc.js";

/**
 * Where to report a setting a container lacks: its `securityContext` key when it has one, else
 * its `name` entry, else the container mapping's first line. Short spans keep review comments on
 * the line a reader looks at.
 */
export function containerAnchor(doc: YamlDoc, container: ContainerView): Range {
  const ref = container.ref;
  if (!ref) return container.securityContext?.range ?? [0, 0];
  const sc = doc.get(ref, "securityContext") ?? doc.get(ref, "name") ?? doc.entries(ref)[0];
  return sc?.range ?? ref.range;
}

/** Where to report a setting a pod lacks: its `securityContext` key, else the pod spec's first entry. */
export function podAnchor(doc: YamlDoc, pod: PodView): Range {
  if (!pod.spec) return [0, 0];
  const entry = doc.get(pod.spec, "securityContext") ?? doc.entries(pod.spec)[0];
  return entry?.range ?? pod.spec.range;
}
