/**
 * Capabilities added beyond Docker's default set (`cap_add`, `--cap-add`), the counterpart of PSA
 * `capabilities_baseline`. Docker's default set is not Kubernetes' baseline list: it includes
 * NET_RAW, so `cap_add: [NET_RAW]` removes nothing (see `container/capability-sets.ts`).
 */
import {
  CRITICAL_CAPABILITIES,
  DOCKER_DEFAULT_CAPABILITIES,
  normalizeCapability,
} from "../../container/capability-sets.js";
import { defineContainerRule } from "../../container/rule.js";
import { codeSpan } from "../../core/code-span.js";

export const containerCapabilities = defineContainerRule({
  id: "container-capabilities",
  title: "Capabilities beyond the runtime defaults (runtime)",
  pss: { control: "capabilities_baseline", level: "baseline" },
  severity: "high",
  removes: ["capabilities"],
  rationale:
    "Capabilities split root's power into pieces, and Docker grants only a small default set. " +
    "Each capability added beyond it gives back a piece of root over the host's kernel: SYS_ADMIN " +
    "mounts filesystems and escapes through cgroups, SYS_MODULE loads kernel modules, SYS_PTRACE " +
    "reads and injects into other processes, NET_ADMIN rewrites the network, and ALL is " +
    "privileged mode without the name.",
  remediation:
    "Remove the capability from `cap_add`, or keep it only as a reviewed exception for a container that truly needs it.",
  messages: {
    all: "{{subject}} adds every capability (`{{value}}`): privileged mode without the name.",
    added: "{{subject}} adds capability `{{value}}`, beyond Docker's default set.",
  },
  check(subject, report) {
    for (const setting of subject.settings) {
      if (setting.kind !== "cap-add") continue;
      const name = normalizeCapability(setting.capability.trim());
      if (DOCKER_DEFAULT_CAPABILITIES.has(name)) continue;
      report({
        messageId: name === "ALL" ? "all" : "added",
        setting,
        severity: CRITICAL_CAPABILITIES.has(name) ? "critical" : "high",
        fix: {
          op: "remove",
          description: `Remove ${codeSpan(setting.capability)} from the added capabilities.`,
        },
      });
    }
  },
});
