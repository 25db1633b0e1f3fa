/**
 * Capabilities added beyond Docker's default set (`cap_add`, `--cap-add`), the counterpart of PSA
 * `capabilities_baseline`. Docker's default set is not Kubernetes' baseline list: it includes
 * NET_RAW, so `cap_add: [NET_RAW]` removes nothing (see `container/capability-sets.ts`).
 */
import {
  inferNeeds,
  neededCapabilityAdvice,
  recognizePrivilegedWorkload,
  removalCaveat,
} from "../../capabilities/index.js";
import {
  CRITICAL_CAPABILITIES,
  DOCKER_DEFAULT_CAPABILITIES,
  normalizeCapability,
} from "../../container/capability-sets.js";
import { justifiedContainerException } from "../../container/justified-exception.js";
import { defineContainerRule } from "../../container/rule.js";
import type { ContainerSubject } from "../../container/settings.js";
import { containerWorkloadFacts } from "../../container/workload-facts.js";
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
    // What the workload is recognised as and what the catalogue infers, once for all its flags.
    let needsOf: Needs | undefined;
    const needs = (): Needs => {
      needsOf ??= subjectNeeds(subject);
      return needsOf;
    };
    for (const setting of subject.settings) {
      if (setting.kind !== "cap-add") continue;
      const name = normalizeCapability(setting.capability.trim());
      if (DOCKER_DEFAULT_CAPABILITIES.has(name)) continue;
      const messageId = name === "ALL" ? "all" : "added";
      const severity = CRITICAL_CAPABILITIES.has(name) ? "critical" : "high";
      const advice = name === "ALL" ? null : needs().advice(name, setting.capability);
      if (advice) {
        report({ messageId, setting, severity, advice });
        continue;
      }
      const caveat = name === "ALL" ? null : needs().caveat(name);
      report({
        messageId,
        setting,
        severity,
        fix: {
          op: "remove",
          description: `Remove ${codeSpan(setting.capability)} from the added capabilities.${caveat ? ` ${caveat}` : ""}`,
        },
      });
    }
  },
});

/**
 * What a subject's workload and tools need, as the Kubernetes rule says it (`capabilityAdvice`):
 * `advice`, why no fix removes a capability (`capability` as the catalogue spells it, `written` as
 * the file does) from a container that needs it (a workload recognised as one that genuinely needs
 * privilege, or a tool the capability catalogue says needs it, WireGuard's NET_ADMIN), null when
 * nothing says so; `caveat`, what must hold before a fix removes one a tool uses for one step only.
 */
interface Needs {
  readonly advice: (capability: string, written: string) => string | null;
  readonly caveat: (capability: string) => string | null;
}

/** `Needs` for a subject, its workload recognised and its needs inferred once. */
function subjectNeeds(subject: ContainerSubject): Needs {
  const facts = containerWorkloadFacts(subject);
  const recognition = recognizePrivilegedWorkload(facts);
  // A workload that needs privilege keeps every capability it adds: no fix, so no caveat, and
  // nothing to infer.
  if (recognition && recognition.workload.privileged !== false)
    return {
      advice: (_, written) =>
        justifiedContainerException(recognition, "container-capabilities", codeSpan(written)),
      caveat: () => null,
    };
  const inference = inferNeeds(facts);
  return {
    advice: (capability) =>
      neededCapabilityAdvice(
        inference,
        capability,
        codeSpan(capability),
        "Keep it as a reviewed exception: the reason in a " +
          "`privilege-guard: allow container-capabilities -- <reason>` comment on the line above " +
          "the setting or an exception entry (`path`, and `service`) in the app's config.",
      ),
    caveat: (capability) => removalCaveat(inference, capability),
  };
}
