/**
 * Where each pod-bearing kind keeps its pod template. Paths are keys from the object root; the
 * last step names the mapping that holds `metadata` and `spec` of the pod.
 */
export const POD_TEMPLATE_PATHS: Readonly<Record<string, readonly string[]>> = {
  Pod: [],
  PodTemplate: ["template"],
  Deployment: ["spec", "template"],
  StatefulSet: ["spec", "template"],
  DaemonSet: ["spec", "template"],
  ReplicaSet: ["spec", "template"],
  ReplicationController: ["spec", "template"],
  Job: ["spec", "template"],
  CronJob: ["spec", "jobTemplate", "spec", "template"],
};

/**
 * Kinds whose content is never a pod that runs: schemas that merely declare a `privileged`
 * property, objects that hold manifests as text, and policies that mention privileged settings in
 * the patterns they match.
 */
export function isInertKind(apiVersion: string | null, kind: string): boolean {
  if (INERT_KINDS.has(kind)) return true;
  const group = (apiVersion ?? "").split("/")[0] ?? "";
  return INERT_GROUPS.some((g) => group === g || group.endsWith(`.${g}`));
}

const INERT_KINDS = new Set([
  "CustomResourceDefinition",
  "ConfigMap",
  "Secret",
  "PodSecurityPolicy",
  "ValidatingAdmissionPolicy",
  "ValidatingAdmissionPolicyBinding",
  "MutatingAdmissionPolicy",
  "MutatingAdmissionPolicyBinding",
  "ConstraintTemplate",
  "ClusterPolicy",
  "PolicyException",
  "SecurityContextConstraints",
  // GKE Autopilot's allowlist of a partner workload: `matchingCriteria` is a pattern the pods it
  // admits must match (images as regular expressions), not a pod.
  // https://docs.cloud.google.com/kubernetes-engine/docs/reference/crds/workloadallowlist
  "WorkloadAllowlist",
]);

/** API groups of policy engines (Kyverno, Gatekeeper, Kubewarden, Polaris, jsPolicy). */
const INERT_GROUPS = [
  "kyverno.io",
  "constraints.gatekeeper.sh",
  "templates.gatekeeper.sh",
  "mutations.gatekeeper.sh",
  "policies.kubewarden.io",
  "policy.jspolicy.com",
];

/** Keys whose subtrees describe or match objects rather than being them. */
export const INERT_KEYS = new Set([
  "openAPIV3Schema",
  "properties",
  "additionalProperties",
  "patternProperties",
  "status",
  "managedFields",
  "annotations",
  "labels",
  "pattern",
  "anyPattern",
  "deny",
  "preconditions",
  "conditions",
]);

/** Keys of sequences whose items are containers, in core kinds and in common custom resources. */
export const CONTAINER_LIST_KEYS: Readonly<
  Record<string, "containers" | "initContainers" | "ephemeralContainers" | "embedded">
> = {
  containers: "containers",
  initContainers: "initContainers",
  ephemeralContainers: "ephemeralContainers",
  sidecars: "embedded",
  steps: "embedded",
  extraContainers: "embedded",
  extraInitContainers: "embedded",
  sidecarContainers: "embedded",
  additionalContainers: "embedded",
};

/** Keys of single container mappings in custom resources (Argo `container`, Tekton `stepTemplate`). */
export const CONTAINER_KEYS = new Set([
  "container",
  "stepTemplate",
  "sidecar",
  "initContainer",
  "script",
]);

/** Keys of sequences whose items are volumes. */
export const VOLUME_LIST_KEYS = new Set(["volumes", "extraVolumes", "additionalVolumes"]);
