/**
 * The check shared by the rules on a security option that switches a confinement off
 * (`apparmor:unconfined`, `seccomp=unconfined`): the isolated exception for a workload that needs
 * it (rootless BuildKit, Netdata), else a fix that removes the option so the runtime's default
 * profile applies.
 */
import type { Confinement } from "../capabilities/index.js";
import { recognizeSubject, unconfinedContainerAdvice } from "./justified-exception.js";
import type { ContainerRule } from "./rule.js";
import { isSecurityOpt } from "./security-opt.js";

/** How each confinement's option is named in `security_opt` and `--security-opt`. */
const OPTION: Readonly<Record<Confinement, string>> = { appArmor: "apparmor", seccomp: "seccomp" };

/** The check of rule `ruleId` on `confinement` unconfined, reported as `unconfined`. */
export function checkUnconfinedOption(
  confinement: Confinement,
  ruleId: string,
  fixDescription: string,
): ContainerRule<"unconfined">["check"] {
  return (subject, report) => {
    for (const setting of subject.settings) {
      if (setting.kind !== "security-opt") continue;
      if (!isSecurityOpt(setting.value, OPTION[confinement], "unconfined")) continue;
      const advice = unconfinedContainerAdvice(recognizeSubject(subject), confinement, ruleId);
      report(
        advice
          ? { messageId: "unconfined", setting, advice }
          : {
              messageId: "unconfined",
              setting,
              fix: { op: "remove", description: fixDescription },
            },
      );
    }
  };
}
