/**
 * Kernel paths unmasked (`systempaths=unconfined`), the counterpart of PSA `procMount`
 * (Unmasked). Docker masks and makes read-only parts of /proc and /sys such as /proc/kcore and
 * /proc/sysrq-trigger; the option turns that off
 * (https://docs.docker.com/reference/cli/docker/container/run/#security-opt).
 */
import { defineContainerRule } from "../../container/rule.js";
import { isSecurityOpt } from "../../container/security-opt.js";

export const containerProcMount = defineContainerRule({
  id: "container-proc-mount",
  title: "Unmasked /proc and /sys (runtime)",
  pss: { control: "procMount", level: "baseline" },
  severity: "high",
  removes: ["kernel"],
  rationale:
    "Docker hides and makes read-only the kernel files of /proc and /sys a container has no use " +
    "for: /proc/kcore (the host's memory), /proc/sysrq-trigger, /proc/sys. " +
    "`systempaths=unconfined` exposes them, writable.",
  remediation: "Remove `systempaths=unconfined`.",
  messages: {
    unmasked: "{{subject}} unmasks the host's kernel files in /proc and /sys (`{{value}}`).",
  },
  check(subject, report) {
    for (const setting of subject.settings) {
      if (setting.kind !== "security-opt") continue;
      if (!isSecurityOpt(setting.value, "systempaths", "unconfined")) continue;
      report({
        messageId: "unmasked",
        setting,
        fix: { op: "remove", description: "Remove the option so /proc and /sys stay masked." },
      });
    }
  },
});
