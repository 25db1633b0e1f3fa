/**
 * PSA `hostProbesAndHostLifecycle` (baseline, 1.34+).
 * Restricted fields: spec.containers[*].livenessProbe.httpGet.host, .readinessProbe.httpGet.host,
 * .startupProbe.httpGet.host, .livenessProbe.tcpSocket.host, .readinessProbe.tcpSocket.host,
 * .startupProbe.tcpSocket.host, .lifecycle.postStart.httpGet.host,
 * .lifecycle.preStop.httpGet.host, .lifecycle.postStart.tcpSocket.host,
 * .lifecycle.preStop.tcpSocket.host, and the same for initContainers (sidecars included) and
 * ephemeralContainers.
 * Allowed values: "", undefined/null.
 * A gRPC probe has no host field (it always targets the pod IP); exec and sleep handlers have none.
 */
import { isScalar, type YAMLMap } from "yaml";
import type { ContainerView, PodView } from "../../kubernetes/pod-view.js";
import { defineRule, type FixPlan, type RuleContext } from "../../kubernetes/rule.js";
import type { Ref } from "../../yaml/yaml-doc.js";
import { stringField } from "./util/string-field.js";

const PROBES = [
  ["livenessProbe", "liveness probe"],
  ["readinessProbe", "readiness probe"],
  ["startupProbe", "startup probe"],
] as const;

const HOOKS = [
  ["postStart", "postStart hook"],
  ["preStop", "preStop hook"],
] as const;

const ACTIONS = ["httpGet", "tcpSocket"] as const;

type MessageId = "host";

export const hostProbesAndHostLifecycle = defineRule({
  id: "host-probes-and-host-lifecycle",
  title: "Probe or lifecycle handler aimed at another host",
  pss: { control: "hostProbesAndHostLifecycle", level: "baseline" },
  severity: "medium",
  removes: ["network"],
  rationale:
    "Probes and lifecycle handlers are run by the kubelet from the node, not from inside the pod. " +
    "A `host` sends those requests to any address the node can reach: services on the node's " +
    "own localhost, the cloud metadata endpoint, other nodes and internal systems. Whoever writes " +
    "the pod spec gets the kubelet to make requests for them, past the network policies that " +
    "fence the pod, and can read the probe's success or failure to map the node's network.",
  remediation:
    "Remove `host` from probes and lifecycle handlers so that the kubelet targets the pod's own IP, and send a virtual host name as an `httpHeaders` `Host` header instead.",
  messages: {
    host: "Container `{{container}}` aims its {{handler}} at host `{{host}}` (`{{field}}`) instead of its own pod.",
  },
  check(pod, context) {
    const doc = context.doc;
    const onHost = mayShareHostNetwork(pod);
    for (const container of pod.containers) {
      if (!container.ref) continue;
      for (const [key, handler] of PROBES) {
        checkHandler(context, container, doc.getMap(container.ref, key), [key], handler, onHost);
      }
      const lifecycle = doc.getMap(container.ref, "lifecycle");
      for (const [key, handler] of HOOKS) {
        const hook = doc.getMap(lifecycle, key);
        checkHandler(context, container, hook, ["lifecycle", key], handler, onHost);
      }
    }
  },
});

/** The node's loopback addresses, as a probe's `host` names them. */
const LOOPBACK = /^(?:localhost|127(?:\.\d{1,3}){3}|::1|\[::1\])$/i;

/** Whether the pod may run on the node's network: `hostNetwork` set to anything but `false`. */
function mayShareHostNetwork(pod: PodView): boolean {
  const value = pod.doc.get(pod.spec, "hostNetwork")?.value;
  return !!value && !(isScalar(value.node) && value.node.value === false);
}

/**
 * Why a loopback `host` stays on the node's network: there the pod's IP is the node's, and a
 * process listening on the loopback only (Cilium's agent serves its health endpoint on
 * 127.0.0.1) would not answer at it.
 */
function loopbackAdvice(label: string): string {
  return (
    `On the node's network the pod's IP is the node's, and this ${label} goes to the node's ` +
    "loopback address: a process that listens there only, as node agents often keep their health " +
    `endpoints off the network, would not answer the ${label} at the node's IP, and the container ` +
    "would be restarted or never become ready, so no fix removes `host`. Make the process listen " +
    "on the pod's IP too and remove `host` then, or keep it as a reviewed exception: the reason in " +
    "a `privilege-guard.io/allow-host-probes-and-host-lifecycle` annotation on the object or an " +
    "exception in the app's config."
  );
}

function checkHandler(
  context: RuleContext<MessageId>,
  container: ContainerView,
  handler: Ref<YAMLMap> | null,
  path: readonly string[],
  label: string,
  onHost: boolean,
): void {
  const doc = context.doc;
  for (const action of ACTIONS) {
    const map = doc.getMap(handler, action);
    const entry = doc.get(map, "host");
    const host = stringField(entry?.value);
    if (!map || !entry || host === undefined || host === "") continue;
    const field = [...path, action, "host"].join(".");
    context.report({
      messageId: "host",
      data: { handler: label, host, field },
      at: entry.range,
      container,
      field: `${container.path}.${field}`,
      ...(onHost && LOOPBACK.test(host)
        ? { advice: loopbackAdvice(label) }
        : { fix: removeHostFix(map, action, label) }),
    });
  }
}

function removeHostFix(
  map: Ref<YAMLMap>,
  action: (typeof ACTIONS)[number],
  label: string,
): FixPlan {
  return {
    description:
      action === "httpGet"
        ? `Remove \`host\`, so that the kubelet sends the ${label} to the pod's own IP; a virtual host name belongs in an \`httpHeaders\` \`Host\` header.`
        : `Remove \`host\`, so that the kubelet opens the ${label}'s connection to the pod's own IP.`,
    build: (editor) => editor.edit(map, [{ op: "delete", path: ["host"] }]),
  };
}
