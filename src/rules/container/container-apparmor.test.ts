import { composeService as svc } from "../../../test/support/compose-case.js";
import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { containerAppArmor } from "./container-apparmor.js";

runContainerRuleTests(containerAppArmor, {
  valid: [
    { name: "a named profile", settings: [setting.securityOpt("apparmor=docker-default")] },
    { name: "seccomp is another rule's", settings: [setting.securityOpt("seccomp=unconfined")] },
  ],
  invalid: [
    {
      name: "rootless BuildKit runs unconfined by design: explained, not confined",
      settings: [setting.securityOpt("apparmor=unconfined")],
      workload: { image: "moby/buildkit:v0.16.0-rootless" },
      verdicts: [
        {
          setting: 0,
          messageId: "unconfined",
          severity: "high",
          fix: null,
          advises: ["Rootless BuildKit daemon", "an unconfined AppArmor profile"],
        },
      ],
    },
    {
      name: "both separators",
      settings: [
        setting.securityOpt("apparmor:unconfined"),
        setting.securityOpt("apparmor=unconfined"),
      ],
      verdicts: [
        { setting: 0, messageId: "unconfined", severity: "high", fix: "remove" },
        { setting: 1, messageId: "unconfined", severity: "high", fix: "remove" },
      ],
    },
  ],
});

runRuleTests(containerAppArmor, {
  valid: [
    {
      name: "compose: a named profile",
      path: "compose.yaml",
      code: svc("    security_opt: [apparmor=docker-default]\n"),
    },
  ],
  invalid: [
    {
      name: "compose: unconfined",
      path: "compose.yaml",
      code: svc("    security_opt: [apparmor:unconfined]\n"),
      errors: [{ line: 4, fixed: svc("") }],
    },
  ],
});
