import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { containerProcMount } from "./container-proc-mount.js";

runContainerRuleTests(containerProcMount, {
  valid: [{ name: "other options", settings: [setting.securityOpt("no-new-privileges")] }],
  invalid: [
    {
      name: "systempaths=unconfined",
      settings: [setting.securityOpt("systempaths=unconfined")],
      verdicts: [{ setting: 0, messageId: "unmasked", severity: "high", fix: "remove" }],
    },
  ],
});
