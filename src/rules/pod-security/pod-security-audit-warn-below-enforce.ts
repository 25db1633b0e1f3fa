/**
 * An audit or warn level set below the enforced one. Enforcement applies to pods only; audit and
 * warn also judge workload objects (Deployments, Jobs, CronJobs…), so below the enforced level a
 * Deployment whose pods will be refused is accepted without a warning to whoever applies it or an
 * audit annotation, and its pods are refused out of sight, in the ReplicaSet's events
 * (https://kubernetes.io/docs/concepts/security/pod-security-admission/#workload-resources-and-pod-templates).
 * A low-severity note: nothing is let through that enforcement refuses. PSA's reading is followed:
 * an audit or warn value that is not a level fails open (`privileged`); an enforce value that is
 * not a level is `restricted`; `warn` left out follows an enforce label written beside it. An
 * audit level left out is the configuration's default and is not judged. No PSS control covers
 * it, so `pss` is null.
 *
 * No fix is offered yet: raising the label to the enforced level would be safe (audit and warn
 * never refuse anything), but the policy rules have no verified-fix path (the re-scan that
 * verifies every offered fix runs on pods).
 */
import { LEVEL_RANK, readLevel } from "../../kubernetes/pod-security-levels.js";
import { definePolicyRule } from "../../kubernetes/policy-rule.js";

export const podSecurityAuditWarnBelowEnforce = definePolicyRule({
  id: "pod-security-audit-warn-below-enforce",
  title: "Pod Security audit or warn level below the enforced level",
  pss: null,
  severity: "low",
  removes: [],
  rationale:
    "Enforcement judges pods only; audit and warn also judge workload objects. With either below " +
    "the enforced level, a Deployment or Job whose pods will be refused is accepted silently, " +
    "and its pods are refused where nobody looks (the ReplicaSet's or Job's events).",
  remediation:
    "Set `audit` and `warn` to the enforced level or higher (or leave `warn` out: it then follows `enforce`).",
  messages: {
    warn: "{{policy}} warns at `{{value}}`, below its enforced level `{{enforce}}`: whoever applies a workload whose pods will be refused gets no warning.",
    audit:
      "{{policy}} audits at `{{value}}`, below its enforced level `{{enforce}}`: a workload whose pods will be refused leaves no audit annotation.",
    warnInvalid:
      "{{policy}} sets warn to `{{value}}`, which is not a level: PSA warns at `privileged`, below its enforced level `{{enforce}}`, so whoever applies a workload whose pods will be refused gets no warning.",
    auditInvalid:
      "{{policy}} sets audit to `{{value}}`, which is not a level: PSA audits at `privileged`, below its enforced level `{{enforce}}`, so a workload whose pods will be refused leaves no audit annotation.",
  },
  check(policy, report) {
    const enforce = policy.settings.get("enforce");
    if (!enforce || enforce.value === null) return;
    const enforced = readLevel("enforce", enforce.value).level;
    for (const mode of ["audit", "warn"] as const) {
      const setting = policy.settings.get(mode);
      if (!setting || setting.value === null) continue;
      const { level, valid } = readLevel(mode, setting.value);
      if (LEVEL_RANK[level] >= LEVEL_RANK[enforced]) continue;
      report({
        messageId: valid ? mode : `${mode}Invalid`,
        data: { value: setting.value, enforce: enforced },
        at: setting.at,
        field: setting.field,
      });
    }
  },
});
