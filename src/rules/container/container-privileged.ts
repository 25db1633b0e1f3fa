/**
 * Privileged mode in a container runtime (`privileged: true`, `--privileged`), the counterpart of
 * PSA `privileged`. Docker's privileged mode gives every capability, every host device, no
 * seccomp, AppArmor or SELinux confinement and a writable /sys
 * (https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities).
 */
import { DOCKER_DEFAULT_CAPABILITIES } from "../../container/capability-sets.js";
import { defineContainerRule, type FixIntent } from "../../container/rule.js";
import type { ContainerSubject } from "../../container/settings.js";
import { describeMatches, inferNeeds } from "../../capabilities/index.js";

export const containerPrivileged = defineContainerRule({
  id: "container-privileged",
  title: "Privileged container (runtime)",
  pss: { control: "privileged", level: "baseline" },
  severity: "critical",
  removes: ["capabilities", "seccomp", "apparmor", "selinux", "devices"],
  rationale:
    "Privileged mode removes every isolation layer at once: the container gets all Linux " +
    "capabilities and every host device, seccomp, AppArmor and SELinux confinement are switched " +
    "off and /sys is writable. A process in it can load kernel modules, mount the host's disks " +
    "and take over the host; it is as good as root on the machine.",
  remediation:
    "Remove privileged mode and add only the capabilities the container needs (`cap_add`, `--cap-add`).",
  messages: {
    privileged:
      "{{subject}} runs privileged: all capabilities, no seccomp/AppArmor/SELinux confinement, all host devices.",
  },
  check(subject, report) {
    for (const setting of subject.settings) {
      if (setting.kind !== "privileged" || !setting.value) continue;
      report({ messageId: "privileged", setting, fix: leastPrivilege(subject) });
    }
  },
});

/** Privileged mode replaced by the capabilities the workload can be seen to need. */
function leastPrivilege(subject: ContainerSubject): FixIntent {
  const inference = inferNeeds(subject.workload);
  const capabilities = inference.capabilities;
  const beyond = capabilities.filter((c) => !DOCKER_DEFAULT_CAPABILITIES.has(c));
  const granted =
    capabilities.length > 0
      ? `add only ${capabilities.join(" and ")}, which ${describeMatches(inference)} ${inference.matches.length > 1 ? "need" : "needs"}`
      : "add no capability";
  const caveat =
    capabilities.length > 0
      ? ""
      : " If the container needs a specific capability, add only that one.";
  return {
    op: "replace-privileged",
    capabilities,
    devices: inference.devices,
    trades: beyond.length > 0 ? ["container-capabilities"] : [],
    description: `Drop privileged mode and ${granted}.${caveat}`,
  };
}
