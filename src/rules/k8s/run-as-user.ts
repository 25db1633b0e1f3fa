/**
 * PSA `runAsUser` (restricted).
 * Restricted fields: spec.securityContext.runAsUser, and
 * spec.containers[*].securityContext.runAsUser (initContainers, ephemeralContainers alike).
 * Allowed values: non-zero values, undefined/null; any value when the pod runs in a user
 * namespace (`hostUsers: false`, 1.35+).
 */
import type { YAMLMap } from "yaml";
import type { ContainerView, PodView } from "../../kubernetes/pod-view.js";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import type { Ref, YamlDoc } from "../../yaml/yaml-doc.js";
import { containerContextPlace, deleteSetting, podContextPlace } from "./util/delete-setting.js";
import { containerNeeds, runsAsRootAdvice } from "./util/container-needs.js";
import { booleanSetting, presentEntry } from "./util/settings.js";

export const runAsUser = defineRule({
  id: "run-as-user",
  title: "Runs as root (UID 0)",
  pss: { control: "runAsUser", level: "restricted" },
  severity: "high",
  removes: ["user"],
  rationale:
    "`runAsUser: 0` runs the container's processes as root, the same UID 0 as on the node: they " +
    "own every file of the image and its writable volumes, and any escape through a kernel or " +
    "runtime bug, a mounted socket or a shared host path lands as root on the host.",
  remediation:
    "Remove `runAsUser: 0` and run as a non-root UID (e.g. `runAsUser: 10001`) with `runAsNonRoot: true`.",
  messages: {
    pod: "Pod sets `securityContext.runAsUser: 0`, so its containers run as root.",
    container: "Container `{{container}}` sets `securityContext.runAsUser: 0`, so it runs as root.",
  },
  check(pod, context) {
    if (pod.userNamespace) return;
    const doc = context.doc;
    const podEntry = rootEntry(doc, pod.securityContext);
    if (podEntry) {
      // Advice only for the containers that take the pod's UID 0 (no `runAsUser` of their own).
      const inheriting = pod.containers.filter(
        (c) => presentEntry(doc, c.securityContext, "runAsUser") === undefined,
      );
      const advice = rootAdvice(pod, inheriting);
      context.report({
        messageId: "pod",
        at: podEntry.range,
        container: null,
        field: `${pod.securityContextPath}.runAsUser`,
        ...(advice
          ? { advice }
          : podDeleteIsSafe(doc, pod)
            ? { fix: deleteFromPod(doc, pod) }
            : {}),
      });
    }
    for (const container of pod.containers) {
      const entry = rootEntry(doc, container.securityContext);
      if (!entry) continue;
      const advice = rootAdvice(pod, [container]);
      context.report({
        messageId: "container",
        at: entry.range,
        container,
        field: `${container.securityContextPath}.runAsUser`,
        ...(advice
          ? { advice }
          : nonRootEnforced(doc, pod, container)
            ? { fix: deleteFromContainer(doc, pod, container) }
            : {}),
      });
    }
  },
});

/**
 * Why UID 0 stays, for the first of `containers` that must run as root (a recognised node workload
 * whose image has no other user, a tool that needs capabilities only root holds): the rule's
 * "run as a non-root UID" would stop it, so the finding says so instead, and no fix is offered.
 */
function rootAdvice(pod: PodView, containers: readonly ContainerView[]): string | null {
  for (const container of containers) {
    const advice = runsAsRootAdvice(containerNeeds(pod.doc, pod, container), "run-as-user");
    if (advice) return advice;
  }
  return null;
}

function rootEntry(doc: YamlDoc, map: Ref<YAMLMap> | null) {
  const entry = doc.get(map, "runAsUser");
  return entry?.value && doc.getScalarOf(entry.value) === 0 ? entry : undefined;
}

/**
 * Whether `runAsNonRoot: true` applies to the container. Then the kubelet refuses to start it
 * with `runAsUser: 0` ("container's runAsUser breaks non-root policy"): removing the setting
 * takes away nothing that ever ran, and the image's own (checked non-root) user applies.
 */
function nonRootEnforced(doc: YamlDoc, pod: PodView, container: ContainerView): boolean {
  const own = booleanSetting(doc, container.securityContext, "runAsNonRoot").value;
  return (own ?? booleanSetting(doc, pod.securityContext, "runAsNonRoot").value) === true;
}

/**
 * Removing the pod's `runAsUser: 0` changes only containers that inherit it; it is safe when the
 * whole pod is in view and each of those could not start anyway (non-root enforced).
 */
function podDeleteIsSafe(doc: YamlDoc, pod: PodView): boolean {
  if (!pod.complete) return false;
  return pod.containers.every(
    (c) =>
      presentEntry(doc, c.securityContext, "runAsUser") !== undefined ||
      nonRootEnforced(doc, pod, c),
  );
}

const DESCRIPTION =
  "Remove `runAsUser: 0`: with `runAsNonRoot: true` the kubelet refuses to start a container as UID 0, so the image's non-root user applies instead.";

function deleteFromPod(doc: YamlDoc, pod: PodView): FixPlan {
  return {
    description: DESCRIPTION,
    build: (editor) => {
      const place = podContextPlace(doc, pod, ["runAsUser"]);
      return place ? deleteSetting(editor, doc, place) : null;
    },
  };
}

function deleteFromContainer(doc: YamlDoc, pod: PodView, container: ContainerView): FixPlan {
  return {
    description: DESCRIPTION,
    build: (editor) => {
      const place = containerContextPlace(doc, pod, container, ["runAsUser"]);
      return place ? deleteSetting(editor, doc, place) : null;
    },
  };
}
