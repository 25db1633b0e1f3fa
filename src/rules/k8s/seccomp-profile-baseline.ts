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
import { defineRule } from "../../kubernetes/rule.js";
import { reportBadProfiles } from "./util/profile-type.js";

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
    reportBadProfiles(pod, context, {
      key: KEY,
      podMessage: "pod",
      containerMessage: "container",
      fixDescription: "Use the container runtime's default seccomp profile (`RuntimeDefault`).",
      ruleId: "seccomp-profile-baseline",
    });
  },
});
