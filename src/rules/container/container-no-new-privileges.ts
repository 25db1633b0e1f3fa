/**
 * `no-new-privileges:false` written out, the counterpart of PSA `allowPrivilegeEscalation`
 * (restricted). With no-new-privileges a setuid binary cannot raise the process's privileges
 * (https://docs.docker.com/reference/cli/docker/container/run/#security-opt). Docker's default is
 * off, so only an explicit `false` is reported, and only at the restricted level.
 */
import { defineContainerRule } from "../../container/rule.js";
import { isSecurityOpt } from "../../container/security-opt.js";

export const containerNoNewPrivileges = defineContainerRule({
  id: "container-no-new-privileges",
  title: "Privilege escalation allowed (runtime)",
  pss: { control: "allowPrivilegeEscalation", level: "restricted" },
  severity: "medium",
  removes: ["privilege-escalation"],
  rationale:
    "With no-new-privileges a process and its children can never gain privileges through setuid " +
    "or file capabilities. Turning it off lets a compromised process climb to root inside the " +
    "container through any setuid binary of the image.",
  remediation: "Remove `no-new-privileges:false`, and better still set `no-new-privileges:true`.",
  messages: {
    allowed: "{{subject}} allows privilege escalation through setuid binaries (`{{value}}`).",
  },
  check(subject, report) {
    for (const setting of subject.settings) {
      if (setting.kind !== "security-opt") continue;
      if (!isSecurityOpt(setting.value, "no-new-privileges", "false")) continue;
      report({
        messageId: "allowed",
        setting,
        fix: { op: "remove", description: "Remove the option." },
      });
    }
  },
});
