import {
  justifiedAdvice,
  needsHostPath,
  type Recognition,
  recognizePrivilegedWorkload,
  type WorkloadFacts,
} from "../../../capabilities/index.js";
import type { ContainerView, PodView } from "../../../kubernetes/pod-view.js";
import type { YamlDoc } from "../../../yaml/yaml-doc.js";
import { containerFacts } from "./container-facts.js";
import { isTrue } from "./values.js";

const HOST_NAMESPACES = [
  ["hostNetwork", "network"],
  ["hostPID", "pid"],
  ["hostIPC", "ipc"],
] as const;

/** A container's facts with what its pod adds: the propagation of its mounts and the host namespaces. */
export function workloadFacts(doc: YamlDoc, pod: PodView, container: ContainerView): WorkloadFacts {
  const propagation = doc.mapItems(doc.getSeq(container.ref, "volumeMounts")).flatMap((m) => {
    const mode = doc.getScalar(m, "mountPropagation");
    return typeof mode === "string" ? [mode] : [];
  });
  const hostNamespaces = HOST_NAMESPACES.filter(([key]) =>
    isTrue(doc.get(pod.spec, key)?.value),
  ).map(([, ns]) => ns);
  return {
    ...(container.ref ? containerFacts(doc, pod, container) : {}),
    propagation,
    hostNamespaces,
  };
}

/** The container as a workload that genuinely needs privilege, or null. */
export function recognizeContainer(
  doc: YamlDoc,
  pod: PodView,
  container: ContainerView,
): Recognition | null {
  return container.ref ? recognizePrivilegedWorkload(workloadFacts(doc, pod, container)) : null;
}

/**
 * The first container of the pod recognised as a workload that genuinely needs privilege (and,
 * with `accept`, needs what it asks about).
 */
export function recognizePod(
  doc: YamlDoc,
  pod: PodView,
  accept: (recognition: Recognition) => boolean = () => true,
): { container: ContainerView; recognition: Recognition } | null {
  for (const container of pod.containers) {
    const recognition = recognizeContainer(doc, pod, container);
    if (recognition && accept(recognition)) return { container, recognition };
  }
  return null;
}

/**
 * The advice for a hostPath the pod's workload needs (recognised by any of its containers:
 * flannel's agent and its CNI installer are one pod; a CNI agent's /run/xtables.lock, a CSI node
 * plugin's /var/lib/kubelet), or nothing.
 */
export function hostPathAdvice(
  doc: YamlDoc,
  pod: PodView,
  path: string | undefined,
  ruleId: string,
): { advice?: string } {
  if (path === undefined) return {};
  const needed = recognizePod(doc, pod, (r) => needsHostPath(r, path));
  if (!needed) return {};
  return {
    advice: justifiedException(needed.recognition, ruleId, `the host path \`${path}\` mounted`),
  };
}

/**
 * The advice for a setting a recognised workload needs: why no fix removes it, the justified,
 * isolated exception, and a safer alternative where one exists.
 */
export function justifiedException(
  recognition: Recognition,
  ruleId: string,
  setting: string,
): string {
  return justifiedAdvice(recognition, setting, isolatedException(ruleId));
}

/** How to keep a setting a workload needs: isolated, with its reason written down. */
export function isolatedException(ruleId: string): string {
  return (
    "Keep it as a justified exception, isolated: a namespace of its own labelled " +
    "`pod-security.kubernetes.io/enforce: privileged` that holds nothing else, dedicated nodes " +
    "(a nodeSelector and a taint that only it tolerates), a NetworkPolicy that admits only the " +
    `traffic it needs, and the reason written in a \`privilege-guard.io/allow-${ruleId}\` ` +
    "annotation on the object or an exception entry in the app's config."
  );
}
