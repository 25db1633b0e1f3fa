/**
 * PSA `hostPathVolumes` (baseline; replaced by `restrictedVolumes` at restricted).
 * Restricted fields: spec.volumes[*].hostPath.
 * Allowed values: undefined, null.
 */
import type { Severity } from "../../core/types.js";
import { defineRule } from "../../kubernetes/rule.js";
import { classifyHostPath, type HostPathClass } from "../../container/host-paths.js";
import { hostPathAdvice } from "./util/privileged-workload.js";
import { hostPathLabel, hostPathOf, volumeLabel } from "./util/volume-labels.js";

const SEVERITY: Readonly<Record<HostPathClass, Severity>> = {
  runtime: "critical",
  system: "critical",
  other: "high",
};

export const hostPathVolumes = defineRule({
  id: "host-path-volumes",
  title: "HostPath volumes",
  pss: { control: "hostPathVolumes", level: "baseline" },
  severity: "high",
  removes: ["filesystem"],
  rationale:
    "A hostPath volume mounts a directory of the node into the pod, past the container's own " +
    "filesystem: the pod reads whatever the node keeps there (kubelet credentials, other pods' " +
    "secrets and logs) and, when writable, plants files the node runs or trusts. The container " +
    "runtime socket (docker.sock, containerd.sock, crio.sock) is root on the node: whoever can " +
    "write to it starts a privileged container with the host's filesystem mounted. Mounting `/`, " +
    "/etc, /proc, /sys or /dev is the same as handing over the node.",
  remediation:
    "Use an emptyDir, configMap, secret, projected or CSI volume instead, or keep the hostPath as an isolated, reviewed exception.",
  messages: {
    hostPath: "Volume `{{volume}}` mounts host path `{{path}}` from the node (`hostPath`).",
    runtime:
      "Volume `{{volume}}` mounts `{{path}}`, the container runtime's socket or state (`hostPath`): control of it is root on the node.",
    system:
      "Volume `{{volume}}` mounts `{{path}}`, the node's root or a system directory (`hostPath`): it exposes the whole node.",
  },
  check(pod, context) {
    const doc = context.doc;
    for (const volume of pod.volumes) {
      const entry = doc.get(volume.ref, "hostPath");
      if (!entry?.value || doc.getScalarOf(entry.value) === null) continue;
      const path = hostPathOf(doc, volume, entry);
      const kind = path === undefined ? "other" : classifyHostPath(path);
      context.report({
        messageId: kind === "other" ? "hostPath" : kind,
        data: { volume: volumeLabel(doc, volume), path: hostPathLabel(doc, volume, entry) },
        at: entry.range,
        container: null,
        field: `${volume.path}.hostPath`,
        severity: SEVERITY[kind],
        // A CNI agent, CSI node plugin, device plugin or node agent that needs this very path.
        ...hostPathAdvice(doc, pod, path, "host-path-volumes"),
      });
    }
  },
});
