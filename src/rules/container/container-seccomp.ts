/**
 * Seccomp switched off (`security_opt: [seccomp:unconfined]`, `--security-opt seccomp=unconfined`),
 * the counterpart of PSA `seccompProfile_baseline` (type Unconfined). Docker's default profile
 * blocks about 44 system calls (https://docs.docker.com/engine/security/seccomp/).
 */
import { defineContainerRule } from "../../container/rule.js";
import { checkUnconfinedOption } from "../../container/unconfined-option.js";

export const containerSeccomp = defineContainerRule({
  id: "container-seccomp",
  title: "Seccomp unconfined (runtime)",
  pss: { control: "seccompProfile_baseline", level: "baseline" },
  severity: "high",
  removes: ["seccomp"],
  rationale:
    "Docker's default seccomp profile blocks the system calls containers have no use for and " +
    "most kernel exploits need (keyctl, unshare, mount, bpf, kernel module loading). With " +
    "seccomp unconfined every system call reaches the host's kernel.",
  remediation:
    "Remove `seccomp:unconfined`; if a system call is missing, give a custom profile that allows only it (`seccomp=profile.json`).",
  messages: {
    unconfined:
      "{{subject}} runs without seccomp (`{{value}}`): every system call reaches the host's kernel.",
  },
  check: checkUnconfinedOption(
    "seccomp",
    "container-seccomp",
    "Remove the option so Docker's default seccomp profile applies.",
  ),
});
