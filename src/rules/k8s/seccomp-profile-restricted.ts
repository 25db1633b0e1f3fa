/**
 * PSA `seccompProfile_restricted` (restricted; replaces `seccompProfile_baseline` there).
 * Restricted fields: spec.securityContext.seccompProfile.type, and
 * spec.containers[*].securityContext.seccompProfile.type (initContainers, ephemeralContainers
 * alike).
 * Allowed values: `RuntimeDefault`, `Localhost`; container-level fields may be undefined when the
 * pod level is set. Pods with `spec.os.name: windows` are exempt (1.25+).
 */
import { isMap, type YAMLMap } from "yaml";
import type { MapOp } from "../../fix/map-editor.js";
import type { ContainerView } from "../../kubernetes/pod-view.js";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import type { Entry, Ref, YamlDoc } from "../../yaml/yaml-doc.js";
import { editContainerContext, editPodContext } from "./util/context-edits.js";
import { reportMissingSetting } from "./util/missing-setting.js";
import { inheritingContainers, profileNeededAdvice } from "./util/profile-type.js";
import { presentEntry } from "./util/settings.js";
import { stringValue } from "./util/values.js";

const ALLOWED_TYPES: ReadonlySet<string> = new Set(["RuntimeDefault", "Localhost"]);
const SET_RUNTIME_DEFAULT: readonly MapOp[] = [
  { op: "set", path: ["seccompProfile", "type"], value: "RuntimeDefault" },
];

/** A seccomp profile as written in one security context. */
type Profile =
  | { readonly state: "unset" }
  | { readonly state: "allowed" }
  | { readonly state: "bad"; readonly type: string; readonly at: Entry; readonly ops: MapOp[] };

export const seccompProfileRestricted = defineRule({
  id: "seccomp-profile-restricted",
  title: "Missing or unconfined seccomp profile",
  pss: { control: "seccompProfile_restricted", level: "restricted" },
  severity: "medium",
  removes: ["seccomp"],
  rationale:
    "Without a RuntimeDefault or Localhost seccomp profile a container runs Unconfined: every " +
    "system call of the kernel is open to it, including the rarely needed ones (keyctl, bpf, " +
    "userfaultfd, unshare, mount) behind most container-escape and kernel privilege-escalation " +
    "exploits.",
  remediation:
    "Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (or `Localhost` with a reviewed profile), and never `Unconfined`.",
  messages: {
    podBad:
      "Pod sets `securityContext.seccompProfile.type` to `{{type}}`; only RuntimeDefault or Localhost confine system calls.",
    containerBad:
      "Container `{{container}}` sets `securityContext.seccompProfile.type` to `{{type}}`; only RuntimeDefault or Localhost confine system calls.",
    podMissing:
      "Neither the pod nor any container sets `securityContext.seccompProfile.type`, so containers run without a system call filter.",
    containerMissing:
      "Container `{{container}}` sets no `securityContext.seccompProfile.type` and the pod sets none either, so it runs without a system call filter.",
  },
  check(pod, context) {
    if (pod.windows) return;
    const doc = context.doc;
    const field = (base: string) => `${base}.seccompProfile.type`;
    const podProfile = readProfile(doc, pod.securityContext);
    // A workload the data says must run without seccomp (rootless BuildKit) is not confined by
    // any fix: the advice says why.
    const needed = (containers: readonly ContainerView[]) =>
      profileNeededAdvice(doc, pod, containers, "seccompProfile", "seccomp-profile-restricted");
    const remedy = (
      containers: readonly ContainerView[],
      build: FixPlan["build"],
      where: string,
    ) => {
      const advice = needed(containers);
      return advice ? { advice } : { fix: runtimeDefault(where, build) };
    };
    if (podProfile.state === "bad") {
      const ops = podProfile.ops;
      context.report({
        messageId: "podBad",
        data: { type: podProfile.type },
        at: podProfile.at.range,
        container: null,
        field: field(pod.securityContextPath),
        ...remedy(
          inheritingContainers(doc, pod, "seccompProfile"),
          (editor) => editPodContext(editor, pod, ops),
          "the pod",
        ),
      });
    }
    const unset: ContainerView[] = [];
    let anySet = false;
    for (const container of pod.containers) {
      const profile = readProfile(doc, container.securityContext);
      if (profile.state !== "unset") anySet = true;
      if (profile.state === "unset") unset.push(container);
      if (profile.state !== "bad") continue;
      context.report({
        messageId: "containerBad",
        data: { type: profile.type },
        at: profile.at.range,
        container,
        field: field(container.securityContextPath),
        ...remedy(
          [container],
          (editor) => editContainerContext(editor, container, profile.ops),
          "the container",
        ),
      });
    }
    // A bad pod-level profile is reported above; fixing it covers the containers that inherit it.
    // Once any container sets a profile (even Unconfined, reported above), each container that
    // sets none is reported on its own, by name.
    reportMissingSetting(pod, context, {
      podSets: podProfile.state !== "unset",
      unset,
      anySibling: anySet,
      field,
      podMissing: {
        messageId: "podMissing",
        remedy: () =>
          remedy(
            pod.containers,
            (editor) => editPodContext(editor, pod, SET_RUNTIME_DEFAULT),
            "the pod",
          ),
      },
      containerMissing: {
        messageId: "containerMissing",
        remedy: (container) =>
          remedy(
            [container],
            (editor) => editContainerContext(editor, container, SET_RUNTIME_DEFAULT),
            "the container",
          ),
      },
    });
  },
});

/** Reads `seccompProfile` of a security context the way the API decodes it (null is unset). */
function readProfile(doc: YamlDoc, context: Ref<YAMLMap> | null): Profile {
  const entry = presentEntry(doc, context, "seccompProfile");
  if (!entry?.value) return { state: "unset" };
  if (!isMap(entry.value.node)) {
    const ops: MapOp[] = [
      { op: "set", path: ["seccompProfile"], value: { type: "RuntimeDefault" } },
    ];
    return { state: "bad", type: "(not a mapping)", at: entry, ops };
  }
  const profile = entry.value as Ref<YAMLMap>;
  const typeEntry = doc.get(profile, "type");
  const type = stringValue(typeEntry?.value);
  if (type !== undefined && ALLOWED_TYPES.has(type)) return { state: "allowed" };
  const ops: MapOp[] = [...SET_RUNTIME_DEFAULT];
  // `localhostProfile` is valid only with type Localhost.
  if (doc.get(profile, "localhostProfile"))
    ops.push({ op: "delete", path: ["seccompProfile", "localhostProfile"] });
  return { state: "bad", type: type ?? "(unset)", at: typeEntry ?? entry, ops };
}

function runtimeDefault(where: string, build: FixPlan["build"]): FixPlan {
  return {
    description: `Set the seccomp profile of ${where} to RuntimeDefault, the container runtime's default system call filter.`,
    build,
  };
}
