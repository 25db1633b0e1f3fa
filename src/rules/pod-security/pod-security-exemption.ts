/**
 * An exemption in the PodSecurity admission configuration (`exemptions.namespaces`, `usernames`,
 * `runtimeClasses`): PSA skips every check, at every level, for the pods it covers
 * (k8s.io/pod-security-admission `admission/admission.go`: `exemptNamespace`, `exemptUser`,
 * `exemptRuntimeClass`, exact matches; https://kubernetes.io/docs/concepts/security/pod-security-admission/#exemptions).
 * Each listed item is a finding of its own, identified by its list and value, so a change that
 * adds one more to a `kube-system`-like list reports that one alone. A controller's service
 * account (`system:serviceaccount:kube-system:…`) is critical: the documentation warns that
 * exempting it exempts anyone who may create the workloads that controller turns into pods. No
 * PSS control covers it, so `pss` is null.
 *
 * No fix is offered: removing an exemption refuses the pods it was made for.
 */
import { definePolicyRule } from "../../kubernetes/policy-rule.js";

/** Service accounts of the controllers that create pods run in kube-system. */
const CONTROLLER_ACCOUNT = /^system:serviceaccount:kube-system:/;

export const podSecurityExemption = definePolicyRule({
  id: "pod-security-exemption",
  title: "Pod Security admission exemption",
  pss: null,
  severity: "high",
  removes: [
    "capabilities",
    "seccomp",
    "apparmor",
    "selinux",
    "devices",
    "namespaces",
    "filesystem",
  ],
  rationale:
    "An exempt namespace, user or runtime class is skipped by Pod Security admission whatever " +
    "the namespace's labels say: its pods may run privileged, in the host's namespaces, with the " +
    "node's filesystem mounted. Each exemption widens the cluster's trusted base for good.",
  remediation:
    "Exempt nothing new: label the namespace `pod-security.kubernetes.io/enforce: privileged` where its workloads need it (reviewed on its own), and give an exempt user's or runtime class's pods the settings their level allows.",
  messages: {
    namespaces:
      "{{policy}} exempts namespace `{{value}}`: Pod Security admission checks none of its pods, whatever its labels say.",
    usernames:
      "{{policy}} exempts user `{{value}}`: pods it creates directly pass every Pod Security check.",
    controller:
      "{{policy}} exempts `{{value}}`, a controller's service account: every pod that controller creates passes every Pod Security check, so anyone who may create the workloads it manages is exempt too.",
    runtimeClasses:
      "{{policy}} exempts runtime class `{{value}}`: any pod that sets `runtimeClassName: {{value}}` passes every Pod Security check.",
  },
  check(policy, report) {
    for (const exemption of policy.exemptions) {
      const controller = exemption.list === "usernames" && CONTROLLER_ACCOUNT.test(exemption.value);
      report({
        messageId: controller ? "controller" : exemption.list,
        data: { value: exemption.value },
        at: exemption.at,
        field: exemption.field,
        severity: controller ? "critical" : exemption.list === "runtimeClasses" ? "medium" : "high",
      });
    }
  },
});
