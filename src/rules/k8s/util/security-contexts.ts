import type { YAMLMap } from "yaml";
import type { ContainerView, PodView } from "../../../kubernetes/pod-view.js";
import type { Ref } from "../../../yaml/yaml-doc.js";

/** A security context that is written: the pod's (container null) or a container's. */
export interface WrittenContext {
  readonly container: ContainerView | null;
  readonly context: Ref<YAMLMap>;
  /** Logical path of the security context mapping. */
  readonly path: string;
}

/**
 * The pod's security context first, then each container's (containers, initContainers,
 * ephemeralContainers, in order), for checks that PSA runs on both levels independently.
 */
export function writtenContexts(pod: PodView): WrittenContext[] {
  const out: WrittenContext[] = [];
  if (pod.securityContext) {
    out.push({ container: null, context: pod.securityContext, path: pod.securityContextPath });
  }
  for (const container of pod.containers) {
    if (container.securityContext) {
      out.push({
        container,
        context: container.securityContext,
        path: container.securityContextPath,
      });
    }
  }
  return out;
}
