import type { PolicyRule } from "../../kubernetes/policy-rule.js";
import { podSecurityAuditWarnBelowEnforce } from "./pod-security-audit-warn-below-enforce.js";
import { podSecurityEnforceLowered } from "./pod-security-enforce-lowered.js";
import { podSecurityEnforcePrivileged } from "./pod-security-enforce-privileged.js";
import { podSecurityEnforceVersion } from "./pod-security-enforce-version.js";
import { podSecurityExemption } from "./pod-security-exemption.js";

/**
 * Every rule on where Pod Security admission's policy is written (Namespace labels, the admission
 * configuration), in report order. They judge no pod, so they apply at every level.
 */
export const POD_SECURITY_RULES: readonly PolicyRule[] = [
  podSecurityEnforcePrivileged,
  podSecurityEnforceLowered,
  podSecurityEnforceVersion,
  podSecurityExemption,
  podSecurityAuditWarnBelowEnforce,
];
