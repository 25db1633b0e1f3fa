/**
 * Privileged mode in a container runtime (`privileged: true`, `--privileged`), the counterpart of
 * PSA `privileged`. Docker's privileged mode gives every capability, every host device, no
 * seccomp, AppArmor or SELinux confinement and a writable /sys
 * (https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities).
 */

import { describeMatches, inferNeeds, listCapabilities } from "../../capabilities/index.js";
import { DOCKER_DEFAULT_CAPABILITIES } from "../../container/capability-sets.js";
import {
  justifiedContainerException,
  recognizeSubject,
} from "../../container/justified-exception.js";
import { defineContainerRule, type FixIntent } from "../../container/rule.js";
import type { ContainerSubject } from "../../container/settings.js";
import { containerWorkloadFacts } from "../../container/workload-facts.js";

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
      // A Docker-in-Docker daemon needs privileged mode: no fix, the exception path instead.
      const recognized = recognizeSubject(subject);
      if (recognized && recognized.workload.privileged !== false) {
        const advice = justifiedContainerException(
          recognized,
          "container-privileged",
          "privileged mode",
        );
        report({ messageId: "privileged", setting, advice });
      } else {
        report({ messageId: "privileged", setting, fix: leastPrivilege(subject) });
      }
    }
  },
});

/** How to find what a container needs when the catalogue knows nothing of what it runs. */
const FIND_CONTAINER_CAPABILITIES =
  "run it with all capabilities dropped (`cap_drop: [ALL]`, `--cap-drop=ALL`) and add back one " +
  "at a time for what fails, or trace the kernel's capability checks while it runs (BCC's " +
  "`capable` tool)";

/** Privileged mode replaced by the capabilities the workload can be seen to need. */
function leastPrivilege(subject: ContainerSubject): FixIntent {
  const inference = inferNeeds(containerWorkloadFacts(subject));
  const capabilities = inference.capabilities;
  const beyond = capabilities.filter((c) => !DOCKER_DEFAULT_CAPABILITIES.has(c));
  const granted =
    capabilities.length > 0
      ? `add only ${listCapabilities(capabilities)}, which ${describeMatches(inference)} ${inference.matches.length > 1 ? "need" : "needs"}`
      : "add no capability";
  const caveat =
    capabilities.length > 0 || inference.matches.length > 0
      ? ""
      : ` No capability was inferred from what the container runs, so test it without privileged mode; to find what it needs, ${FIND_CONTAINER_CAPABILITIES}.`;
  return {
    op: "replace-privileged",
    capabilities,
    devices: inference.devices,
    trades: beyond.length > 0 ? ["container-capabilities"] : [],
    description: `Drop privileged mode and ${granted}.${caveat}`,
  };
}
