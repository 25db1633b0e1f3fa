/**
 * PSA `runAsNonRoot` (restricted).
 * Restricted fields: spec.securityContext.runAsNonRoot, and
 * spec.containers[*].securityContext.runAsNonRoot (initContainers, ephemeralContainers alike).
 * Allowed values: true; undefined/null at container level when the pod level is true; any value
 * when the pod runs in a user namespace (`hostUsers: false`, 1.35+).
 */
import type { MapEditor, MapOp } from "../../fix/map-editor.js";
import type { TextEdit } from "../../fix/text-edit.js";
import type { ContainerView, PodView } from "../../kubernetes/pod-view.js";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import { containerNeeds, runsAsRootAdvice } from "./util/container-needs.js";
import { editContainerContext, editPodContext } from "./util/context-edits.js";
import { containerContextPlace, deleteSetting } from "./util/delete-setting.js";
import { type Remedy, reportMissingSetting } from "./util/missing-setting.js";
import { booleanSetting } from "./util/settings.js";

const RULE = "run-as-non-root";

const SET_TRUE = [{ op: "set", path: ["runAsNonRoot"], value: true }] as const;
const DELETE_ROOT_USER: MapOp = { op: "delete", path: ["runAsUser"] };
const ALSO_ROOT_USER =
  ' and remove `runAsUser: 0`, which the kubelet refuses next to it ("container\'s runAsUser breaks non-root policy"); the image must then name a non-root user';

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
        ...podRemedy(pod, "Set the pod's `runAsNonRoot` to true"),
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
        ...containerRemedy(pod, container, () =>
          containerFalseFix(pod, container, podSetting.value === true),
        ),
      });
    }
    // A pod-level `false` is reported above; fixing it covers the containers that inherit it.
    reportMissingSetting(pod, context, {
      podSets: podSetting.value !== undefined,
      unset,
      anySibling: anyTrue,
      field,
      podMissing: {
        messageId: "podMissing",
        remedy: () =>
          podRemedy(
            pod,
            "Set `runAsNonRoot: true` in the pod's security context; the kubelet then refuses to start a container whose image runs as root",
          ),
      },
      containerMissing: {
        messageId: "containerMissing",
        remedy: (container) =>
          containerRemedy(pod, container, () =>
            containerTrueFix(
              pod,
              container,
              "Set `runAsNonRoot: true` on the container, as its sibling containers do",
            ),
          ),
      },
    });
  },
});

/**
 * The fix, or, for a container that must run as root (a recognised node workload whose image has
 * no other user, a tool that needs capabilities only root holds), why none is offered.
 */
function containerRemedy(pod: PodView, container: ContainerView, fix: () => FixPlan): Remedy {
  const advice = runsAsRootAdvice(containerNeeds(pod.doc, pod, container), RULE);
  return advice ? { advice } : { fix: fix() };
}

/**
 * The pod-level fix, or why none is offered: a container it would apply to (one that does not
 * opt out with its own `runAsNonRoot: false`) must run as root.
 */
function podRemedy(pod: PodView, what: string): Remedy {
  for (const c of pod.containers) {
    if (pod.doc.getScalar(c.securityContext, "runAsNonRoot") === false) continue;
    const advice = runsAsRootAdvice(containerNeeds(pod.doc, pod, c), RULE);
    if (advice) return { advice };
  }
  return { fix: podTrueFix(pod, what) };
}

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
  return containerTrueFix(pod, container, "Set the container's `runAsNonRoot` to true");
}

/** The UID written as `runAsUser` in a security context, when it is exactly 0. */
function rootUser(pod: PodView, map: PodView["securityContext"]): boolean {
  return pod.doc.getScalar(map, "runAsUser") === 0;
}

/**
 * `runAsNonRoot: true` on the container, and its own `runAsUser: 0` removed with it. A container
 * that inherits the pod's `runAsUser: 0` keeps it: verification then refuses the fix and the
 * finding says why.
 */
function containerTrueFix(pod: PodView, container: ContainerView, what: string): FixPlan {
  const root = rootUser(pod, container.securityContext);
  const ops = root ? [...SET_TRUE, DELETE_ROOT_USER] : SET_TRUE;
  return {
    description: `${what}${root ? ALSO_ROOT_USER : ""}.`,
    build: (editor) => editContainerContext(editor, container, ops),
  };
}

/**
 * `runAsNonRoot: true` on the pod, with every `runAsUser: 0` it would then refuse removed: the
 * pod's own, and that of each container that does not opt out with `runAsNonRoot: false`.
 */
function podTrueFix(pod: PodView, what: string): FixPlan {
  const podRoot = rootUser(pod, pod.securityContext);
  const containers = pod.containers.filter(
    (c) =>
      rootUser(pod, c.securityContext) &&
      pod.doc.getScalar(c.securityContext, "runAsNonRoot") !== false,
  );
  const root = podRoot || containers.length > 0;
  return {
    description: `${what}${root ? ALSO_ROOT_USER : ""}.`,
    build: (editor: MapEditor) => {
      const edits: TextEdit[] = [];
      const own = editPodContext(editor, pod, podRoot ? [...SET_TRUE, DELETE_ROOT_USER] : SET_TRUE);
      if (!own) return null;
      edits.push(...own);
      for (const c of containers) {
        const place = containerContextPlace(pod.doc, pod, c, ["runAsUser"]);
        const deleted = place ? deleteSetting(editor, pod.doc, place) : null;
        if (!deleted) return null;
        edits.push(...deleted);
      }
      return edits;
    },
  };
}
