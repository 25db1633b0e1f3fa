/**
 * PSA `privileged` (baseline).
 * Restricted fields: spec.containers[*].securityContext.privileged, and the same for
 * initContainers and ephemeralContainers.
 * Allowed values: undefined, false.
 */

import { inferNeedsOfAll } from "../../capabilities/index.js";
import type { MapOp } from "../../fix/map-editor.js";
import type { ContainerView, PodView } from "../../kubernetes/pod-view.js";
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
      context.report({
        messageId: "privileged",
        at: entry.range,
        container,
        field: `${container.securityContextPath}.privileged`,
        ...(needed
          ? { advice: justifiedException(needed, "privileged", "privileged mode") }
          : {
              fix: leastPrivilegeFix(context.doc, pod, container, context.level === "restricted"),
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
): FixPlan {
  const inference = inferNeedsOfAll(containerWorkloads(doc, pod, container));
  const add = inference.capabilities;
  const ops: MapOp[] = [{ op: "delete", path: ["privileged"] }];
  if (add.length > 0) ops.push({ op: "addItems", path: ["capabilities", "add"], items: add });
  // A tool that also uses the runtime's default capabilities (FRR switching to its own user) keeps
  // them: dropping ALL would stop it.
  const keeps = inference.matches.find((m) => m.entry.keepsDefaults);
  if (restricted) {
    ops.push({ op: "set", path: ["allowPrivilegeEscalation"], value: false });
    if (!keeps) ops.push({ op: "addItems", path: ["capabilities", "drop"], items: ["ALL"] });
  }
  const allowed = restricted ? RESTRICTED_ALLOWED_CAPABILITIES : BASELINE_ALLOWED_CAPABILITIES;
  const beyond = add.filter((c) => !allowed.has(c));
  const trades =
    beyond.length > 0 ? [restricted ? "capabilities-restricted" : "capabilities-baseline"] : [];
  const caveat =
    beyond.length > 0
      ? ` ${beyond.join(" and ")} ${beyond.length > 1 ? "are" : "is"} still outside the ${restricted ? "restricted" : "baseline"} level, so the pod passes admission only as a justified exception.`
      : "";
  const kept = keeps?.entry.keepsDefaults
    ? ` The runtime's default capabilities are not dropped: ${keeps.entry.title} ${keeps.entry.keepsDefaults.why}.`
    : "";
  return {
    description: `${describeGrant(inference, !restricted ? "none" : keeps ? "no-escalation" : "drop-all")}${kept}${caveat}`,
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
