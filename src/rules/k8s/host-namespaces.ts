/**
 * PSA `hostNamespaces` (baseline).
 * Restricted fields: spec.hostNetwork, spec.hostPID, spec.hostIPC.
 * Allowed values: undefined, false.
 * Neither Windows pods nor user namespaces (`hostUsers: false`) relax the check.
 */
import { needsHostNamespace } from "../../capabilities/index.js";
import type { PodView } from "../../kubernetes/pod-view.js";
import { defineRule } from "../../kubernetes/rule.js";
import type { YamlDoc } from "../../yaml/yaml-doc.js";
import { childPath } from "./util/field-path.js";
import { justifiedException, recognizePod } from "./util/privileged-workload.js";
import { isTrue } from "./util/values.js";

const NAMESPACES = [
  { key: "hostNetwork", namespace: "network", severity: "high" },
  { key: "hostPID", namespace: "PID", severity: "critical" },
  { key: "hostIPC", namespace: "IPC", severity: "high" },
] as const;

export const hostNamespaces = defineRule({
  id: "host-namespaces",
  title: "Host namespaces",
  pss: { control: "hostNamespaces", level: "baseline" },
  severity: "high",
  removes: ["namespaces", "network"],
  rationale:
    "Namespaces are what make a container see only its own processes, network and shared memory. " +
    "`hostPID: true` shows every process on the node: with ptrace or /proc/<pid>/root an attacker " +
    "reads other pods' secrets and environment and can enter the host's processes. " +
    "`hostNetwork: true` puts the pod on the node's network stack: it bypasses NetworkPolicy, can " +
    "sniff or spoof node traffic and reach services bound to localhost such as the kubelet. " +
    "`hostIPC: true` opens the node's shared memory and message queues to the pod.",
  remediation:
    "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec and expose ports through a Service instead.",
  messages: {
    hostNetwork:
      "Pod shares the node's network namespace (`hostNetwork: true`): it bypasses NetworkPolicy and reaches the node's local services.",
    hostPID:
      "Pod shares the node's PID namespace (`hostPID: true`): it sees and can signal or trace every process on the node.",
    hostIPC:
      "Pod shares the node's IPC namespace (`hostIPC: true`): it reads and writes the node's shared memory.",
  },
  check(pod, context) {
    const doc = context.doc;
    for (const { key, namespace, severity } of NAMESPACES) {
      const entry = doc.get(pod.spec, key);
      if (!entry || !isTrue(entry.value)) continue;
      // Windows host-process pods must run on the host network; removing it would break them.
      // An anchored value may be used elsewhere: deleting it would leave its aliases dangling.
      const blocked = !entry.value?.direct || (key === "hostNetwork" && runsHostProcess(doc, pod));
      // A CNI agent or a load-balancer speaker needs the host network, a node agent the host PID
      // namespace.
      const needed = recognizePod(doc, pod, (r) => needsHostNamespace(r, namespace.toLowerCase()));
      context.report({
        messageId: key,
        at: entry.range,
        container: null,
        field: childPath(pod.path, key),
        severity,
        ...(needed
          ? {
              advice: justifiedException(needed, "host-namespaces", `\`${key}: true\``),
            }
          : blocked
            ? {}
            : {
                fix: {
                  description: `Remove \`${key}: true\` so the pod gets its own ${namespace} namespace.`,
                  build: (editor) =>
                    pod.spec ? editor.edit(pod.spec, [{ op: "delete", path: [key] }]) : null,
                },
              }),
      });
    }
  },
});

/** `windowsOptions.hostProcess: true` at pod level or on any container. */
function runsHostProcess(doc: YamlDoc, pod: PodView): boolean {
  const contexts = [pod.securityContext, ...pod.containers.map((c) => c.securityContext)];
  return contexts.some((sc) =>
    isTrue(doc.get(doc.getMap(sc, "windowsOptions"), "hostProcess")?.value),
  );
}
