import { composeService as svc } from "../../../test/support/compose-case.js";
import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { containerNoNewPrivileges } from "./container-no-new-privileges.js";

runContainerRuleTests(containerNoNewPrivileges, {
  valid: [
    {
      name: "true, at restricted",
      settings: [setting.securityOpt("no-new-privileges:true")],
      level: "restricted",
    },
    {
      name: "bare (true), at restricted",
      settings: [setting.securityOpt("no-new-privileges")],
      level: "restricted",
    },
    {
      name: "false at baseline: the restricted control only",
      settings: [setting.securityOpt("no-new-privileges:false")],
    },
  ],
  invalid: [
    {
      name: "false at restricted, both separators",
      level: "restricted",
      settings: [
        setting.securityOpt("no-new-privileges:false"),
        setting.securityOpt("no-new-privileges=false"),
      ],
      verdicts: [
        { setting: 0, messageId: "allowed", severity: "medium", fix: "remove" },
        { setting: 1, messageId: "allowed", severity: "medium", fix: "remove" },
      ],
    },
  ],
});

runRuleTests(containerNoNewPrivileges, {
  valid: [
    {
      name: "compose: false at baseline",
      path: "compose.yaml",
      code: svc("    security_opt: [no-new-privileges:false]\n"),
    },
  ],
  invalid: [
    {
      name: "compose: false at restricted",
      path: "compose.yaml",
      level: "restricted",
      code: svc("    security_opt:\n      - no-new-privileges:false\n"),
      errors: [{ line: 5, fixed: svc("") }],
    },
  ],
});
