/**
 * PSA `seccompProfile_baseline` (baseline; replaced by `seccompProfile_restricted` at restricted).
 * Restricted fields (PSA latest checks the fields only, not the pre-1.19 annotations):
 * spec.securityContext.seccompProfile.type, spec.containers[*].securityContext.seccompProfile.type,
 * and the same for initContainers and ephemeralContainers.
 * Allowed values: undefined, RuntimeDefault, Localhost.
 *
 * Both levels are checked on their own: a bad pod-level type is reported even when every
 * container overrides it, as PSA does.
 */
import type { YAMLMap } from "yaml";
import { defineRule, type FixPlan } from "../../kubernetes/rule.js";
import type { Ref, YamlDoc } from "../../yaml/yaml-doc.js";
import { badProfile, runtimeDefaultOps } from "./util/profile-type.js";

const KEY = "seccompProfile";

export const seccompProfileBaseline = defineRule({
  id: "seccomp-profile-baseline",
  title: "Seccomp profile disabled",
  pss: { control: "seccompProfile_baseline", level: "baseline" },
  severity: "high",
  removes: ["seccomp"],
  rationale:
    "Seccomp filters the system calls a container may make; the runtime's default profile blocks " +
    "the rarely needed ones behind most kernel container escapes (unshare, keyctl, bpf, " +
    "userfaultfd, mount). An `Unconfined` profile opens the node's whole kernel interface to the " +
    "container, so one kernel bug is enough for an attacker to reach the node.",
  remediation:
    "Set `seccompProfile.type` to `RuntimeDefault`, or to `Localhost` with a reviewed profile when the workload needs more system calls.",
  messages: {
    container:
      "Container `{{container}}` runs without the default seccomp filter (`securityContext.seccompProfile.type: {{type}}`).",
    pod: "Pod runs without the default seccomp filter (`securityContext.seccompProfile.type: {{type}}`).",
  },
  check(pod, context) {
    const doc = context.doc;
    const podBad = badProfile(doc, pod.securityContext, KEY);
    if (podBad && pod.securityContext) {
      context.report({
        messageId: "pod",
        data: { type: podBad.type ?? "(none)" },
        at: podBad.at,
        container: null,
        field: `${pod.securityContextPath}.${KEY}.type`,
        fix: runtimeDefault(doc, pod.securityContext),
      });
    }
    for (const container of pod.containers) {
      const bad = badProfile(doc, container.securityContext, KEY);
      if (!bad || !container.securityContext) continue;
      context.report({
        messageId: "container",
        data: { type: bad.type ?? "(none)" },
        at: bad.at,
        container,
        field: `${container.securityContextPath}.${KEY}.type`,
        fix: runtimeDefault(doc, container.securityContext),
      });
    }
  },
});

function runtimeDefault(doc: YamlDoc, securityContext: Ref<YAMLMap>): FixPlan {
  return {
    description: "Use the container runtime's default seccomp profile (`RuntimeDefault`).",
    build: (editor) => {
      const ops = runtimeDefaultOps(doc, securityContext, KEY);
      return ops ? editor.edit(securityContext, ops) : null;
    },
  };
}
