import { composeService as svc } from "../../../test/support/compose-case.js";
import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { containerSeccomp } from "./container-seccomp.js";

runContainerRuleTests(containerSeccomp, {
  valid: [
    { name: "a custom profile", settings: [setting.securityOpt("seccomp=./profile.json")] },
    { name: "no-new-privileges", settings: [setting.securityOpt("no-new-privileges:true")] },
    { name: "AppArmor is another rule's", settings: [setting.securityOpt("apparmor:unconfined")] },
  ],
  invalid: [
    {
      name: "rootless BuildKit runs unconfined by design: explained, not confined",
      settings: [setting.securityOpt("seccomp=unconfined")],
      workload: { image: "moby/buildkit:v0.16.0-rootless" },
      verdicts: [
        {
          setting: 0,
          messageId: "unconfined",
          severity: "high",
          fix: null,
          advises: ["Rootless BuildKit daemon", "an unconfined seccomp profile"],
        },
      ],
    },
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

runRuleTests(containerSeccomp, {
  valid: [
    {
      name: "compose: a profile of its own",
      path: "compose.yaml",
      code: svc("    security_opt: [seccomp=./seccomp.json]\n"),
    },
  ],
  invalid: [
    {
      name: "compose: both separators",
      path: "compose.yaml",
      code: svc(
        "    security_opt:\n      - seccomp:unconfined\n      - seccomp=unconfined\n      - no-new-privileges:true\n",
      ),
      errors: [
        {
          line: 5,
          fixed: svc(
            "    security_opt:\n      - seccomp=unconfined\n      - no-new-privileges:true\n",
          ),
        },
        {
          line: 6,
          fixed: svc(
            "    security_opt:\n      - seccomp:unconfined\n      - no-new-privileges:true\n",
          ),
        },
      ],
    },
  ],
});
