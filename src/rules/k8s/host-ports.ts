/**
 * PSA `hostPorts` (baseline).
 * Restricted fields: spec.containers[*].ports[*].hostPort, and the same for initContainers and
 * ephemeralContainers.
 * Allowed values: undefined, 0.
 */
import type { YAMLMap } from "yaml";
import { nodeLocalPortNeeded, withArticle } from "../../capabilities/index.js";
import type { ContainerView, PodView } from "../../kubernetes/pod-view.js";
import { defineRule } from "../../kubernetes/rule.js";
import type { Ref, YamlDoc } from "../../yaml/yaml-doc.js";
import { containerWorkloads } from "./util/privileged-workload.js";
import { isTrue } from "./util/values.js";

export const hostPorts = defineRule({
  id: "host-ports",
  title: "Host ports",
  pss: { control: "hostPorts", level: "baseline" },
  severity: "medium",
  removes: ["network"],
  rationale:
    "A `hostPort` binds the container's port on the node's own IP address, outside the pod network: " +
    "traffic reaches it without passing a Service, and many network plugins do not apply " +
    "NetworkPolicy to it. An attacker who controls the pod can listen on a node port that clients " +
    "or other nodes trust, or shadow a node service, and the pod is tied to nodes where the port is free.",
  remediation:
    "Remove `hostPort` and expose the `containerPort` through a Service (ClusterIP, NodePort or LoadBalancer) instead.",
  messages: {
    hostPort:
      "Container `{{container}}` binds host port {{hostPort}} on the node (`ports[{{port}}].hostPort`).",
  },
  check(pod, context) {
    const doc = context.doc;
    const onHostNetwork = isTrue(doc.get(pod.spec, "hostNetwork")?.value);
    for (const container of pod.containers) {
      const ports = doc.mapItems(doc.getSeq(container.ref, "ports"));
      ports.forEach((port, i) => {
        const entry = doc.get(port, "hostPort");
        const value = entry?.value ? doc.getScalarOf(entry.value) : undefined;
        if (!entry || typeof value !== "number" || value === 0) return;
        const label = portLabel(doc, port, i);
        // Applications on the node may send to a node agent at the node's IP on it.
        const protocol = doc.getScalar(port, "protocol");
        const advice = nodeLocalAdvice(
          doc,
          pod,
          container,
          value,
          typeof protocol === "string" ? protocol : "TCP",
        );
        // Without a containerPort there is nothing left to expose once hostPort is gone; an
        // anchored value may be used elsewhere, and deleting it would leave its aliases dangling.
        const hostIP = doc.get(port, "hostIP");
        const fixable =
          doc.get(port, "containerPort") !== undefined &&
          !!entry.value?.direct &&
          (!hostIP?.value || hostIP.value.direct);
        context.report({
          messageId: "hostPort",
          data: { hostPort: String(value), port: label },
          at: entry.range,
          container,
          field: `${container.path}.ports[${label}].hostPort`,
          ...(advice
            ? { advice }
            : onHostNetwork
              ? { advice: HOST_NETWORK_PORT }
              : fixable
                ? {
                    fix: {
                      description:
                        "Remove `hostPort` (and `hostIP`); the containerPort stays and a Service can expose it.",
                      build: (editor) =>
                        editor.edit(port, [
                          { op: "delete", path: ["hostPort"] },
                          ...(hostIP ? [{ op: "delete", path: ["hostIP"] } as const] : []),
                        ]),
                    },
                  }
                : {}),
        });
      });
    }
  },
});

/**
 * Why no fix removes a host port of a pod on the node's network: there the container listens on
 * the node's own port whatever `hostPort` says, and Kubernetes sets each port's `hostPort` to its
 * `containerPort` in such a pod (`defaultHostNetworkPorts`, pkg/apis/core/v1/defaults.go; in
 * pod templates too before Kubernetes 1.28, the `DefaultHostNetworkHostPortsInPodTemplates`
 * gate), so removing it would change neither what the pod binds nor what admission sees.
 */
const HOST_NETWORK_PORT =
  "The pod shares the node's network (`hostNetwork: true`): its container listens on the node's " +
  "own port whatever `hostPort` says, and Kubernetes sets `hostPort` to the `containerPort` in " +
  "such a pod, so no fix removes it alone. The host port goes with the host network: remove " +
  "`hostNetwork` (its own finding) and expose the port through a Service, or keep both as a " +
  "reviewed exception.";

/**
 * The advice for a host port that applications on the node send to, the container being a node
 * agent the data knows (the OpenTelemetry Collector's OTLP receivers, Datadog's DogStatsD and
 * APM ports), or null.
 */
function nodeLocalAdvice(
  doc: YamlDoc,
  pod: PodView,
  container: ContainerView,
  port: number,
  protocol: string,
): string | null {
  for (const facts of containerWorkloads(doc, pod, container)) {
    const found = nodeLocalPortNeeded(facts, port, protocol);
    if (!found) continue;
    return (
      `This looks like ${withArticle(found.entry.title)} (${found.signal}), to which applications ` +
      `on the node ${found.entry.why} at the node's IP on host port ${port}, so no fix removes it: ` +
      "they would reach nothing. Safer alternative: a Service with `internalTrafficPolicy: Local` " +
      "sends each pod's traffic to the agent on its own node without a host port; point the " +
      "applications at it, then remove `hostPort`. Until then keep it as a reviewed exception: the " +
      "reason in a `privilege-guard.io/allow-host-ports` annotation on the object or an exception " +
      "in the app's config."
    );
  }
  return null;
}

/** A port's identity in its container: its name, else containerPort (and protocol unless TCP). */
function portLabel(doc: YamlDoc, port: Ref<YAMLMap>, i: number): string {
  const name = doc.getScalar(port, "name");
  if (typeof name === "string" && name !== "") return name;
  const number = doc.getScalar(port, "containerPort");
  if (typeof number !== "number") return `#${i}`;
  const protocol = doc.getScalar(port, "protocol");
  return typeof protocol === "string" && protocol !== "TCP"
    ? `${number}/${protocol}`
    : String(number);
}
