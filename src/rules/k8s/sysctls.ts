/**
 * PSA `sysctls` (baseline; the safe list as of 1.37).
 * Restricted fields: spec.securityContext.sysctls[*].name (pod level only; an item without a
 * name has the empty name, which is not allowed).
 * Allowed values: kernel.shm_rmid_forced, net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies,
 * net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start (1.0),
 * net.ipv4.ip_local_reserved_ports (1.27), net.ipv4.tcp_keepalive_time,
 * net.ipv4.tcp_fin_timeout, net.ipv4.tcp_keepalive_intvl, net.ipv4.tcp_keepalive_probes (1.29),
 * net.ipv4.tcp_rmem, net.ipv4.tcp_wmem (1.32), net.ipv4.tcp_slow_start_after_idle,
 * net.ipv4.tcp_notsent_lowat (1.37). Names are compared exactly.
 */
import type { YAMLMap, YAMLSeq } from "yaml";
import { codeSpan } from "../../core/code-span.js";
import type { PodView } from "../../kubernetes/pod-view.js";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import { isMap, type Ref, type YamlDoc } from "../../yaml/yaml-doc.js";
import { deleteSetting, podContextPlace } from "./util/delete-setting.js";
import { stringField } from "./util/string-field.js";

/** PSA's `sysctlsAllowedV1Dot37`: namespaced sysctls isolated from other pods on the node. */
export const SAFE_SYSCTLS: ReadonlySet<string> = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
  "net.ipv4.tcp_slow_start_after_idle",
  "net.ipv4.tcp_notsent_lowat",
]);

export const sysctls = defineRule({
  id: "sysctls",
  title: "Unsafe sysctl",
  pss: { control: "sysctls", level: "baseline" },
  severity: "medium",
  removes: ["kernel"],
  rationale:
    "Only the sysctls on the safe list are namespaced per pod and isolated from the other pods " +
    "on the node. Any other sysctl either changes the kernel the whole node shares or lets one " +
    "pod set limits (shared memory, message queues, network buffers) that its neighbours feel: " +
    "where a node admits it (`--allowed-unsafe-sysctls`), an attacker who controls the pod spec " +
    "can weaken memory and network protections and starve every other workload on the node.",
  remediation:
    "Remove sysctls outside the Pod Security Standards' safe list and tune node-wide kernel parameters on the nodes themselves, not from a pod.",
  messages: {
    sysctl:
      "Pod sets the sysctl `{{name}}` (`{{field}}`), outside the safe, pod-namespaced sysctls.",
    unnamed: "Pod sets a sysctl without a name (`{{field}}`), which is not a safe sysctl.",
  },
  check(pod, context) {
    const doc = context.doc;
    const seq = doc.getSeq(pod.securityContext, "sysctls");
    if (!seq) return;
    const items = doc.items(seq);
    const contextKey = pod.securityContextPath.split(".").pop() ?? "securityContext";
    items.forEach((item, i) => {
      if (!isMap(item.node)) return;
      const nameEntry = doc.get(item as Ref<YAMLMap>, "name");
      const name = stringField(nameEntry?.value) ?? "";
      if (SAFE_SYSCTLS.has(name)) return;
      context.report({
        messageId: name === "" ? "unnamed" : "sysctl",
        data: { name, field: `${contextKey}.sysctls` },
        at: item.range,
        container: null,
        // An unnamed item has the empty name, as PSA reads it: no index, which later removals shift.
        field: `${pod.securityContextPath}.sysctls[${name}]`,
        fix: removeSysctlFix(doc, pod, seq, i, name),
      });
    });
  },
});

/** Removes the sysctl's item; the whole `sysctls` key when it is the only one. */
function removeSysctlFix(
  doc: YamlDoc,
  pod: PodView,
  seq: Ref<YAMLSeq>,
  i: number,
  name: string,
): FixPlan {
  const only = seq.node.items.length === 1;
  const place = only ? podContextPlace(doc, pod, ["sysctls"]) : null;
  return {
    description: `Remove the sysctl${name === "" ? "" : ` ${codeSpan(name)}`} from the pod.`,
    build: (editor) => {
      if (!only) return editor.removeItem(seq, i);
      return place ? deleteSetting(editor, doc, place) : null;
    },
  };
}
