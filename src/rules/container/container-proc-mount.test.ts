import { composeService as svc } from "../../../test/support/compose-case.js";
import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
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

runRuleTests(containerProcMount, {
  valid: [
    { name: "compose: no options", path: "compose.yaml", code: svc("    read_only: true\n") },
  ],
  invalid: [
    {
      name: "compose: systempaths=unconfined",
      path: "compose.yaml",
      code: svc("    security_opt: [systempaths=unconfined]\n"),
      errors: [{ line: 4, fixed: svc("") }],
    },
  ],
});
