import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { containerSeccomp } from "./container-seccomp.js";

runContainerRuleTests(containerSeccomp, {
  valid: [
    { name: "a custom profile", settings: [setting.securityOpt("seccomp=./profile.json")] },
    { name: "no-new-privileges", settings: [setting.securityOpt("no-new-privileges:true")] },
    { name: "AppArmor is another rule's", settings: [setting.securityOpt("apparmor:unconfined")] },
  ],
  invalid: [
    {
      name: "both separators, any case",
      settings: [
        setting.securityOpt("seccomp:unconfined"),
        setting.securityOpt("seccomp=unconfined"),
        setting.securityOpt("Seccomp=Unconfined"),
      ],
      verdicts: [0, 1, 2].map((i) => ({
        setting: i,
        messageId: "unconfined",
        severity: "high" as const,
        fix: "remove" as const,
      })),
    },
  ],
});
