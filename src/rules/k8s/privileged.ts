/**
 * PSA `privileged` (baseline).
 * Restricted fields: spec.containers[*].securityContext.privileged, and the same for
 * initContainers and ephemeralContainers.
 * Allowed values: undefined, false.
 */

import {
  CONFINEMENT_NAME,
  type Confinement,
  inferNeedsOfAll,
  type UnconfinedNeed,
} from "../../capabilities/index.js";
import type { MapOp } from "../../fix/map-editor.js";
import type { ContainerView, PodView } from "../../kubernetes/pod-view.js";
import { APPARMOR_ANNOTATION } from "../../kubernetes/validity/security-context.js";
import {
  BASELINE_ALLOWED_CAPABILITIES,
  RESTRICTED_ALLOWED_CAPABILITIES,
} from "../../kubernetes/pss-capabilities.js";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import type { YamlDoc } from "../../yaml/yaml-doc.js";
import { containerContextPlace, deleteSetting } from "./util/delete-setting.js";
import { describeGrant } from "./util/least-privilege.js";
import {
  containerWorkloads,
  justifiedException,
  recognizeContainer,
} from "./util/privileged-workload.js";
import { isTrue } from "./util/values.js";

export const privileged = defineRule({
  id: "privileged",
  title: "Privileged container",
  pss: { control: "privileged", level: "baseline" },
  severity: "critical",
  removes: ["capabilities", "seccomp", "apparmor", "selinux", "devices"],
  rationale:
    "`privileged: true` removes every isolation layer at once: the container gets all Linux " +
    "capabilities, seccomp, AppArmor and SELinux confinement are switched off, and every host " +
    "device under /dev is visible. A process in it can load kernel modules, mount the host's " +
    "disks and take over the node; it is as good as root SSH on the node.",
  remediation:
    "Remove `privileged: true` and grant only the capabilities the workload needs under `capabilities.add`.",
  messages: {
    privileged:
      "Container `{{container}}` runs privileged: all capabilities, no seccomp/AppArmor/SELinux confinement, all host devices.",
  },
  check(pod, context) {
    for (const container of pod.containers) {
      const entry = context.doc.get(container.securityContext, "privileged");
      if (!entry || !isTrue(entry.value)) continue;
      // A workload that needs only host namespaces still gets the capability fix.
      const recognized = recognizeContainer(context.doc, pod, container);
      const needed = recognized?.workload.privileged === false ? null : recognized;
      const unconfined = needed ? undefined : recognized?.workload.unconfined;
      context.report({
        messageId: "privileged",
        at: entry.range,
        container,
        field: `${container.securityContextPath}.privileged`,
        ...(needed
          ? { advice: justifiedException(needed, "privileged", "privileged mode") }
          : {
              fix: leastPrivilegeFix(
                context.doc,
                pod,
                container,
                context.level === "restricted",
                keptUnconfined(context.doc, pod, container, unconfined, recognized?.workload.title),
              ),
            }),
      });
    }
  },
});

/**
 * Replaces privileged mode by the capabilities the capability catalogue infers from what the
 * container runs (tcpdump needs NET_RAW and NET_ADMIN), plus what the restricted level demands.
 */
function leastPrivilegeFix(
  doc: YamlDoc,
  pod: PodView,
  container: ContainerView,
  restricted: boolean,
  unconfined: KeptUnconfined,
): FixPlan {
  const inference = inferNeedsOfAll(containerWorkloads(doc, pod, container));
  const add = inference.capabilities;
  const ops: MapOp[] = [{ op: "delete", path: ["privileged"] }];
  if (add.length > 0) ops.push({ op: "addItems", path: ["capabilities", "add"], items: add });
  for (const key of unconfined.keys)
    ops.push({ op: "set", path: [PROFILE_KEY[key], "type"], value: "Unconfined" });
  // A tool that also uses the runtime's default capabilities (FRR switching to its own user) keeps
  // them: dropping ALL would stop it.
  const keeps = inference.matches.find((m) => m.entry.keepsDefaults);
  if (restricted) {
    ops.push({ op: "set", path: ["allowPrivilegeEscalation"], value: false });
    if (!keeps) ops.push({ op: "addItems", path: ["capabilities", "drop"], items: ["ALL"] });
  }
  const allowed = restricted ? RESTRICTED_ALLOWED_CAPABILITIES : BASELINE_ALLOWED_CAPABILITIES;
  const beyond = add.filter((c) => !allowed.has(c));
  const trades = [
    ...(beyond.length > 0
      ? [restricted ? "capabilities-restricted" : "capabilities-baseline"]
      : []),
    ...unconfined.keys.map((k) => PROFILE_RULE[k]),
    ...(restricted && unconfined.keys.includes("seccomp") ? ["seccomp-profile-restricted"] : []),
  ];
  const caveat =
    beyond.length > 0
      ? ` ${beyond.join(" and ")} ${beyond.length > 1 ? "are" : "is"} still outside the ${restricted ? "restricted" : "baseline"} level, so the pod passes admission only as a justified exception.`
      : "";
  const kept = keeps?.entry.keepsDefaults
    ? ` The runtime's default capabilities are not dropped: ${keeps.entry.title} ${keeps.entry.keepsDefaults.why}.`
    : "";
  return {
    description: `${describeGrant(inference, !restricted ? "none" : keeps ? "no-escalation" : "drop-all")}${kept}${unconfined.note}${caveat}`,
    trades,
    build: (editor) => {
      if (!container.securityContext) return null;
      if (ops.length > 1) return editor.edit(container.securityContext, ops);
      // Only the deletion: remove a security context left empty along with it.
      const place = containerContextPlace(doc, pod, container, ["privileged"]);
      return place ? deleteSetting(editor, doc, place) : null;
    },
  };
}

/** The confinements privileged mode switched off that the fix keeps off, and why. */
interface KeptUnconfined {
  readonly keys: readonly Confinement[];
  readonly note: string;
}

const PROFILE_KEY: Readonly<Record<Confinement, string>> = {
  appArmor: "appArmorProfile",
  seccomp: "seccompProfile",
};
const PROFILE_RULE: Readonly<Record<Confinement, string>> = {
  appArmor: "app-armor-profile",
  seccomp: "seccomp-profile-baseline",
};

/**
 * Privileged mode also runs a container without AppArmor and seccomp confinement. A workload that
 * needs no privileged mode but must run unconfined (an eBPF agent writing /sys/fs/bpf, which the
 * runtime's default AppArmor profile denies: Inspektor Gadget, Datadog's system-probe) would stop
 * under the default profile once privileged mode is gone, so the fix sets the profile it needs to
 * `Unconfined` on the container, unless the pod or the container already chooses one (a field or
 * the AppArmor annotation), and says why.
 */
function keptUnconfined(
  doc: YamlDoc,
  pod: PodView,
  container: ContainerView,
  needs: { readonly appArmor?: UnconfinedNeed; readonly seccomp?: UnconfinedNeed } | undefined,
  title: string | undefined,
): KeptUnconfined {
  const keys: Confinement[] = [];
  const whys: string[] = [];
  for (const key of ["appArmor", "seccomp"] as const) {
    const need = needs?.[key];
    if (!need || chosen(doc, pod, container, key)) continue;
    keys.push(key);
    whys.push(`${CONFINEMENT_NAME[key]} confinement, which it needs to ${need.why}`);
  }
  if (keys.length === 0) return { keys, note: "" };
  const settings = keys.map((k) => `\`${PROFILE_KEY[k]}.type: Unconfined\``).join(" and ");
  return {
    keys,
    note: ` It keeps ${settings}, as privileged mode had it: ${title ?? "the workload"} runs without ${whys.join(", and without ")}.`,
  };
}

/** Whether the pod or the container already chooses a profile of this kind. */
function chosen(doc: YamlDoc, pod: PodView, container: ContainerView, key: Confinement): boolean {
  const field = PROFILE_KEY[key];
  if (doc.get(container.securityContext, field) || doc.get(pod.securityContext, field)) return true;
  if (key !== "appArmor") return false;
  const annotations = doc.getMap(pod.metadata, "annotations");
  return (
    !!annotations && doc.entries(annotations).some((e) => e.key.startsWith(APPARMOR_ANNOTATION))
  );
}
