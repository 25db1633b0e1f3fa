/**
 * An enforced level pinned (`pod-security.kubernetes.io/enforce-version`, or `enforce-version` in
 * the admission defaults) to a policy version older than a check the level has since gained: pods
 * are judged by the older, weaker rules. Only versions that made a level stricter count
 * (`PSA_TIGHTENINGS`, each with its PSA source); a pin that misses only relaxations is stricter,
 * not weaker. `latest` and any value PSA cannot read as `v1.x` (which it reads as `latest`) are
 * fine. A pin whose level is `privileged` misses nothing; a Namespace's pin with no enforce label
 * beside it is judged with the cluster's default level, which a manifest does not show, so it is
 * left alone. A change to an older pin that misses more is reported again (`Weakening`, ranked by
 * the checks kept). No PSS control covers it, so `pss` is null.
 *
 * No fix is offered: moving to `latest` refuses the pods the newer checks refuse; the finding says
 * how to see which ones first.
 */
import {
  missedTightenings,
  PSA_TIGHTENINGS,
  readLevel,
  readVersion,
} from "../../kubernetes/pod-security-levels.js";
import { definePolicyRule } from "../../kubernetes/policy-rule.js";

export const podSecurityEnforceVersion = definePolicyRule({
  id: "pod-security-enforce-version",
  title: "Pod Security enforcement pinned to an old policy version",
  pss: null,
  severity: "medium",
  removes: ["seccomp", "capabilities", "privilege-escalation", "user", "network"],
  rationale:
    "A pinned policy version makes Pod Security admission judge pods by the checks that version " +
    "had. Checks added later are not applied: pinned before v1.34, a probe or lifecycle handler " +
    "may make the kubelet connect to any host; before v1.19 `baseline` lets a pod switch seccomp " +
    "off with the `seccompProfile` field; before v1.22 and v1.23 `restricted` lets a container " +
    "keep its capabilities or run as UID 0.",
  remediation:
    "Enforce `latest` (or the cluster's own version) once `kubectl label --dry-run=server --overwrite ns <name> pod-security.kubernetes.io/enforce-version=latest` warns of no pod.",
  messages: {
    pinned:
      "{{policy}} pins its `{{level}}` enforcement to policy version `{{version}}`, which leaves out checks added since: {{controls}}.",
  },
  check(policy, report) {
    const pin = policy.settings.get("enforce-version");
    const enforce = policy.settings.get("enforce");
    if (!pin || pin.value === null) return;
    const version = readVersion(pin.value);
    if (version.latest) return;
    const levelValue = enforce ? enforce.value : policy.origin === "defaults" ? "privileged" : null;
    if (levelValue === null) return;
    const { level } = readLevel("enforce", levelValue);
    const missed = missedTightenings(level, version.minor);
    if (missed.length === 0) return;
    report({
      messageId: "pinned",
      data: {
        level,
        version: pin.value,
        controls: missed.map((t) => `${t.control} in v1.${t.minor}`).join(", "),
      },
      at: pin.at,
      field: pin.field,
      weakening: {
        rank: PSA_TIGHTENINGS.length - missed.length,
        value: pin.value,
        onlyWhenWeakened: false,
      },
    });
  },
});
