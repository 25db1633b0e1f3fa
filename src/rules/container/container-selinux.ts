/**
 * SELinux labelling switched off (`label:disable`, `--security-opt label=disable`), the
 * counterpart of PSA `seLinuxOptions`. With labels the container runs as `container_t` and can
 * touch only files labelled for it (https://docs.docker.com/reference/cli/docker/container/run/#security-opt).
 */
import { defineContainerRule } from "../../container/rule.js";
import { isSecurityOpt } from "../../container/security-opt.js";

export const containerSeLinux = defineContainerRule({
  id: "container-selinux",
  title: "SELinux labels disabled (runtime)",
  pss: { control: "seLinuxOptions", level: "baseline" },
  severity: "high",
  removes: ["selinux"],
  rationale:
    "On SELinux hosts every container process runs as `container_t` and may touch only files " +
    "labelled for containers. `label:disable` runs it unconfined, so a mounted host path or a " +
    "breakout reaches every file the process's user can.",
  remediation:
    "Remove `label:disable`; relabel the mounted paths for the container instead (`:z` or `:Z` on the bind mount).",
  messages: {
    disabled:
      "{{subject}} disables SELinux labelling (`{{value}}`): its processes are no longer confined to container files.",
  },
  check(subject, report) {
    for (const setting of subject.settings) {
      if (setting.kind !== "security-opt") continue;
      if (!isSecurityOpt(setting.value, "label", "disable")) continue;
      report({
        messageId: "disabled",
        setting,
        fix: {
          op: "remove",
          description: "Remove the option so the container runs with its SELinux label.",
        },
      });
    }
  },
});
