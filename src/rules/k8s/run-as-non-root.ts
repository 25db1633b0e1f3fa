/**
 * PSA `runAsNonRoot` (restricted).
 * Restricted fields: spec.securityContext.runAsNonRoot, and
 * spec.containers[*].securityContext.runAsNonRoot (initContainers, ephemeralContainers alike).
 * Allowed values: true; undefined/null at container level when the pod level is true; any value
 * when the pod runs in a user namespace (`hostUsers: false`, 1.35+).
 */
import type { ContainerView, PodView } from "../../kubernetes/pod-view.js";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import { editContainerContext, editPodContext } from "./util/context-edits.js";
import { containerContextPlace, deleteSetting } from "./util/delete-setting.js";
import { reportMissingSetting } from "./util/missing-setting.js";
import { booleanSetting } from "./util/settings.js";

const SET_TRUE = [{ op: "set", path: ["runAsNonRoot"], value: true }] as const;

export const runAsNonRoot = defineRule({
  id: "run-as-non-root",
  title: "Containers may run as root",
  pss: { control: "runAsNonRoot", level: "restricted" },
  severity: "medium",
  removes: ["user"],
  rationale:
    "Without `runAsNonRoot: true` the kubelet starts a container as whatever user its image " +
    "names, very often root (UID 0). Root in a container owns every file of the image and its " +
    "writable volumes and is the same UID 0 as on the node, so any escape through a kernel or " +
    "runtime bug, a mounted socket or a shared path lands as root on the host.",
  remediation:
    "Set `securityContext.runAsNonRoot: true` on the pod (and never `false` on a container), and run the image as a non-root UID.",
  messages: {
    podFalse: "Pod sets `securityContext.runAsNonRoot: false`, so its containers may run as root.",
    containerFalse:
      "Container `{{container}}` sets `securityContext.runAsNonRoot: false`, so it may run as root.",
    podMissing:
      "Neither the pod nor any container sets `securityContext.runAsNonRoot: true`, so containers may run as root.",
    containerMissing:
      "Container `{{container}}` does not set `securityContext.runAsNonRoot: true` and the pod does not either, so it may run as root.",
  },
  check(pod, context) {
    if (pod.userNamespace) return;
    const doc = context.doc;
    const podSetting = booleanSetting(doc, pod.securityContext, "runAsNonRoot");
    const field = (base: string) => `${base}.runAsNonRoot`;
    if (podSetting.value === false && podSetting.entry) {
      context.report({
        messageId: "podFalse",
        at: podSetting.entry.range,
        container: null,
        field: field(pod.securityContextPath),
        fix: {
          description: "Set the pod's `runAsNonRoot` to true.",
          build: (editor) => editPodContext(editor, pod, SET_TRUE),
        },
      });
    }
    const unset: ContainerView[] = [];
    let anyTrue = false;
    for (const container of pod.containers) {
      const own = booleanSetting(doc, container.securityContext, "runAsNonRoot");
      if (own.value === true) anyTrue = true;
      if (own.value === undefined) unset.push(container);
      if (own.value !== false || !own.entry) continue;
      context.report({
        messageId: "containerFalse",
        at: own.entry.range,
        container,
        field: field(container.securityContextPath),
        fix: containerFalseFix(pod, container, podSetting.value === true),
      });
    }
    // A pod-level `false` is reported above; fixing it covers the containers that inherit it.
    reportMissingSetting(pod, context, {
      podSets: podSetting.value !== undefined,
      unset,
      anySibling: anyTrue,
      field,
      podMissing: { messageId: "podMissing", fix: podMissingFix(pod) },
      containerMissing: {
        messageId: "containerMissing",
        fix: (container) => ({
          description: "Set `runAsNonRoot: true` on the container, as its sibling containers do.",
          build: (editor) => editContainerContext(editor, container, SET_TRUE),
        }),
      },
    });
  },
});

function containerFalseFix(pod: PodView, container: ContainerView, podTrue: boolean): FixPlan {
  if (podTrue) {
    return {
      description: "Remove the container's `runAsNonRoot: false`, so the pod's `true` applies.",
      build: (editor) => {
        const place = containerContextPlace(pod.doc, pod, container, ["runAsNonRoot"]);
        return place ? deleteSetting(editor, pod.doc, place) : null;
      },
    };
  }
  return {
    description: "Set the container's `runAsNonRoot` to true.",
    build: (editor) => editContainerContext(editor, container, SET_TRUE),
  };
}

function podMissingFix(pod: PodView): FixPlan {
  return {
    description:
      "Set `runAsNonRoot: true` in the pod's security context; the kubelet then refuses to start a container whose image runs as root.",
    build: (editor) => editPodContext(editor, pod, SET_TRUE),
  };
}
