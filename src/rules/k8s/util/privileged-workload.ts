import {
  CONFINEMENT_NAME,
  type Confinement,
  justifiedAdvice,
  needsHostPath,
  needsUnconfined,
  type Recognition,
  recognizePrivilegedWorkload,
  seLinuxTypeNeeded,
  type WorkloadFacts,
  withArticle,
} from "../../../capabilities/index.js";
import type { ContainerView, PodView } from "../../../kubernetes/pod-view.js";
import type { YamlDoc } from "../../../yaml/yaml-doc.js";
import { workloadFacts } from "../../../kubernetes/container-facts.js";

/**
 * What is known of what the container runs: its own fields with its pod's, or, where the view
 * gives them (a security context found on its own, a container a chart writes from a value), what
 * the chart's templates say of it.
 */
export function containerWorkloads(
  doc: YamlDoc,
  pod: PodView,
  container: ContainerView,
): readonly WorkloadFacts[] {
  if (container.workloads) return container.workloads;
  return container.ref ? [workloadFacts(doc, pod, container)] : [];
}

/** The container as a workload that genuinely needs privilege, or null. */
export function recognizeContainer(
  doc: YamlDoc,
  pod: PodView,
  container: ContainerView,
): Recognition | null {
  return recognizeWorkloads(doc, containerWorkloads(doc, pod, container));
}

/**
 * The first of `workloads` recognised as a workload that genuinely needs privilege, or null;
 * worked out once per document (and the documents its fixes make) for the same facts.
 */
export function recognizeWorkloads(
  doc: YamlDoc,
  workloads: readonly WorkloadFacts[],
): Recognition | null {
  return doc.derived(`recognize ${JSON.stringify(workloads)}`, () => {
    for (const facts of workloads) {
      const recognition = recognizePrivilegedWorkload(facts);
      if (recognition) return recognition;
    }
    return null;
  });
}

/**
 * The workload of the pod's first container recognised as one that genuinely needs privilege
 * (and, with `accept`, needs what it asks about), or of what the pod's containers run where the
 * view does not hold them (`PodView.workloads`, a pod setting a chart value gives).
 */
export function recognizePod(
  doc: YamlDoc,
  pod: PodView,
  accept: (recognition: Recognition) => boolean = () => true,
): Recognition | null {
  return recognizeAmong(doc, pod, pod.containers, pod.workloads ?? [], accept);
}

/**
 * The first of `containers`, then of `workloads` (what a pod runs where its view does not hold
 * the containers), recognised as a workload that genuinely needs privilege and that `accept`
 * takes; null when none is.
 */
function recognizeAmong(
  doc: YamlDoc,
  pod: PodView,
  containers: readonly ContainerView[],
  workloads: readonly WorkloadFacts[],
  accept: (recognition: Recognition) => boolean,
): Recognition | null {
  for (const container of containers) {
    const recognition = recognizeContainer(doc, pod, container);
    if (recognition && accept(recognition)) return recognition;
  }
  for (const facts of workloads) {
    const recognition = recognizeWorkloads(doc, [facts]);
    if (recognition && accept(recognition)) return recognition;
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
  return { advice: justifiedException(needed, ruleId, `the host path \`${path}\` mounted`) };
}

/**
 * The advice for an unconfined profile a recognised workload needs (Falco's AppArmor, rootless
 * BuildKit's seccomp), from the first of `containers` (then of `podWorkloads`, what a pod runs
 * where its view does not hold the containers) whose data says it must run without
 * `confinement`: why no fix confines it, and the isolated exception. Null when none does.
 */
export function unconfinedAdvice(
  doc: YamlDoc,
  pod: PodView,
  containers: readonly ContainerView[],
  confinement: Confinement,
  ruleId: string,
  podWorkloads: readonly WorkloadFacts[] = [],
): string | null {
  const recognition = recognizeAmong(
    doc,
    pod,
    containers,
    podWorkloads,
    (r) => needsUnconfined(r, confinement) !== null,
  );
  const need = recognition ? needsUnconfined(recognition, confinement) : null;
  if (!recognition || !need) return null;
  return justifiedAdvice(
    recognition,
    `an unconfined ${CONFINEMENT_NAME[confinement]} profile`,
    isolatedException(ruleId),
    {
      needs: need.why,
      noFix: `sets the runtime's default ${CONFINEMENT_NAME[confinement]} profile`,
    },
  );
}

/**
 * The advice for an SELinux type that a workload among `containers` (and, for a pod-level type,
 * `podWorkloads`: what the pod runs where its view does not hold the containers) runs as where
 * SELinux enforces (Cilium's `spc_t`, Intel's device plugin types): why no fix removes it, and the
 * isolated exception. Null when none of them needs that type.
 */
export function seLinuxTypeAdvice(
  doc: YamlDoc,
  pod: PodView,
  containers: readonly ContainerView[],
  podWorkloads: readonly WorkloadFacts[],
  type: string,
  ruleId: string,
): string | null {
  const workloads = [
    ...containers.flatMap((container) => containerWorkloads(doc, pod, container)),
    ...podWorkloads,
  ];
  for (const facts of workloads) {
    const found = seLinuxTypeNeeded(facts, type);
    if (!found) continue;
    const { entry: need, signal } = found;
    return [
      `This looks like ${withArticle(need.title)} (${signal}), which needs the SELinux type \`${type}\` to ${need.why}, so no fix removes it: where SELinux enforces (OpenShift, RHEL and Fedora nodes) the confined \`container_t\` type would stop it.`,
      isolatedException(ruleId),
    ].join(" ");
  }
  return null;
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
