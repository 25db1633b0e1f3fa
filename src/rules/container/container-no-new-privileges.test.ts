import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
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
