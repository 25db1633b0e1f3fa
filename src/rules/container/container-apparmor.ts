/**
 * AppArmor switched off (`apparmor:unconfined`, `--security-opt apparmor=unconfined`), the
 * counterpart of PSA `appArmorProfile` (type Unconfined). Docker confines containers with its
 * `docker-default` profile (https://docs.docker.com/engine/security/apparmor/).
 */
import { defineContainerRule } from "../../container/rule.js";
import { checkUnconfinedOption } from "../../container/unconfined-option.js";

export const containerAppArmor = defineContainerRule({
  id: "container-apparmor",
  title: "AppArmor unconfined (runtime)",
  pss: { control: "appArmorProfile", level: "baseline" },
  severity: "high",
  removes: ["apparmor"],
  rationale:
    "Docker's `docker-default` AppArmor profile denies writes to /proc and /sys, mounts and " +
    "access to the host's kernel interfaces. Unconfined, those paths are open to the container, " +
    "which is what most container escapes write to.",
  remediation:
    "Remove `apparmor:unconfined`; if the default profile blocks something, load a narrower profile and name it (`apparmor=<profile>`).",
  messages: {
    unconfined:
      "{{subject}} runs without AppArmor confinement (`{{value}}`): writes to /proc, /sys and mounts are no longer denied.",
  },
  check: checkUnconfinedOption(
    "appArmor",
    "container-apparmor",
    "Remove the option so Docker's default AppArmor profile applies.",
  ),
});
