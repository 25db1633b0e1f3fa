/**
 * An enforced Pod Security level that a change lowers (`restricted` to `baseline`, `baseline` to
 * `privileged`) or takes away, on a Namespace or in the admission configuration's `defaults`.
 * Judged against the base side only (`Weakening.onlyWhenWeakened`): a scan of one tree reports
 * nothing, and a new Namespace at `baseline` weakens nothing. PSA's own reading is followed
 * (k8s.io/pod-security-admission `api/helpers.go`): an enforce value that is not a level is read
 * as `restricted`, so a typo lowers nothing; a Namespace without the label gets the cluster's
 * default, `privileged` unless the admission configuration sets another, which is counted as the
 * lowest. `privileged` written on a Namespace is `pod-security-enforce-privileged`'s finding, not
 * reported twice. No PSS control covers it, so `pss` is null.
 *
 * No fix is offered: putting the base's level back is known only in a diff, and it refuses the
 * pods the change was made for; the finding says how to check what the higher level would refuse.
 */
import { LEVEL_RANK, readLevel } from "../../kubernetes/pod-security-levels.js";
import { settingAt } from "../../kubernetes/pod-security-policies.js";
import { definePolicyRule } from "../../kubernetes/policy-rule.js";

export const podSecurityEnforceLowered = definePolicyRule({
  id: "pod-security-enforce-lowered",
  title: "Pod Security enforcement lowered or removed",
  pss: null,
  severity: "high",
  removes: ["capabilities", "seccomp", "privilege-escalation", "user", "namespaces", "filesystem"],
  rationale:
    "The enforced level decides which pods the API server refuses in a namespace. Lowering it " +
    "(or removing the label, which leaves the cluster's default, `privileged` unless configured) " +
    "lets every pod created there from then on use what the higher level refused: running as " +
    "root and without a seccomp profile below `restricted`, privileged containers, host " +
    "namespaces and host paths below `baseline`.",
  remediation:
    "Keep the namespace's level and change the workload that needs more instead (`kubectl label --dry-run=server --overwrite ns <name> pod-security.kubernetes.io/enforce=<level>` lists the pods a level would refuse), or keep the lower level as a justified exception.",
  messages: {
    baseline:
      "{{policy}} now enforces Pod Security level `baseline`: its pods may newly run as root, escalate privileges, keep the runtime's default capabilities and run without a seccomp profile.",
    privileged:
      "{{policy}} now enforces Pod Security level `privileged`: no pod is refused there, so its pods may newly run privileged, in the host's namespaces and with host paths mounted.",
    removed:
      "{{policy}} no longer sets `pod-security.kubernetes.io/enforce`: its pods get the cluster's default level, `privileged` unless the admission configuration sets another, so they may newly run privileged, in the host's namespaces and with host paths mounted.",
    // Only ever the base side of a comparison: nothing is stricter.
    restricted: "{{policy}} enforces Pod Security level `restricted`.",
    defaultRemoved:
      "{{policy}} no longer sets `defaults.enforce`: namespaces without an enforce label fall back to `privileged`, so their pods may newly run privileged, in the host's namespaces and with host paths mounted.",
  },
  check(policy, report) {
    const { setting, field, at } = settingAt(policy, "enforce");
    if (!setting) {
      report({
        messageId: policy.origin === "namespace" ? "removed" : "defaultRemoved",
        at,
        field,
        weakening: { rank: LEVEL_RANK.privileged, value: "no level", onlyWhenWeakened: true },
      });
      return;
    }
    if (setting.value === null) return;
    const { level, valid } = readLevel("enforce", setting.value);
    // Privileged on a Namespace is reported on its own (and nothing is lower to compare with).
    if (policy.origin === "namespace" && valid && level === "privileged") return;
    report({
      messageId: level,
      at,
      field,
      severity: level === "baseline" ? "medium" : "high",
      weakening: { rank: LEVEL_RANK[level], value: level, onlyWhenWeakened: true },
    });
  },
});
