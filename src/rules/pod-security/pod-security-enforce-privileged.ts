/**
 * A Namespace labelled `pod-security.kubernetes.io/enforce: privileged`: Pod Security admission
 * then refuses no pod there. No Pod Security Standards control covers it (the standards say what
 * a pod may set; this label says whether they are enforced at all), so `pss` is null.
 *
 * No fix is offered. The obvious edit, `baseline`, would refuse the very pods such a namespace is
 * usually made for (a CNI agent such as flannel needs privileged mode and the host's network), and
 * a label alone does not show what runs in the namespace; a fix must never stop a workload. The
 * finding says how to find out (`kubectl label --dry-run=server`, which makes the API server
 * evaluate the namespace's running pods against the new level) and how to keep the label as a
 * justified exception. The admission configuration's `defaults.enforce: privileged` is not
 * reported: it is Kubernetes' own default, written out.
 */
import { definePolicyRule } from "../../kubernetes/policy-rule.js";
import { readLevel } from "../../kubernetes/pod-security-levels.js";

export const podSecurityEnforcePrivileged = definePolicyRule({
  id: "pod-security-enforce-privileged",
  title: "Namespace enforces the privileged Pod Security level",
  pss: null,
  severity: "high",
  removes: [
    "capabilities",
    "seccomp",
    "apparmor",
    "selinux",
    "devices",
    "namespaces",
    "filesystem",
  ],
  rationale:
    "Pod Security admission enforces a namespace's `pod-security.kubernetes.io/enforce` level on " +
    "every pod created there. At `privileged` it refuses nothing: anyone who may create a pod or " +
    "a Deployment in the namespace may run it privileged, in the host's network, PID and IPC " +
    "namespaces, with the node's root filesystem or the container runtime's socket mounted, and " +
    "so take over the node.",
  remediation:
    "Enforce `baseline` (or `restricted`) once `kubectl label --dry-run=server --overwrite ns <name> pod-security.kubernetes.io/enforce=baseline` warns of no pod, and keep `privileged` only for a namespace that holds nothing but node-level workloads, as a justified exception.",
  messages: {
    privileged:
      "{{policy}} enforces the `privileged` Pod Security level: no pod is refused there, privileged containers, host namespaces and hostPath mounts included.",
  },
  check(policy, report) {
    if (policy.origin !== "namespace") return;
    const setting = policy.settings.get("enforce");
    if (!setting || setting.value === null) return;
    const read = readLevel("enforce", setting.value);
    if (!read.valid || read.level !== "privileged") return;
    report({ messageId: "privileged", at: setting.at, field: setting.field });
  },
});
