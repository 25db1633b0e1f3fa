import { composeService as svc } from "../../../test/support/compose-case.js";
import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { containerSeLinux } from "./container-selinux.js";

runContainerRuleTests(containerSeLinux, {
  valid: [
    { name: "a level of its own", settings: [setting.securityOpt("label=level:s0:c100,c200")] },
    { name: "a type of its own", settings: [setting.securityOpt("label:type:svirt_apache_t")] },
  ],
  invalid: [
    {
      name: "both separators",
      settings: [setting.securityOpt("label:disable"), setting.securityOpt("label=disable")],
      verdicts: [
        { setting: 0, messageId: "disabled", severity: "high", fix: "remove" },
        { setting: 1, messageId: "disabled", severity: "high", fix: "remove" },
      ],
    },
    {
      // mailcow's dockerapi and ofelia services: the socket is reached only unlabelled.
      name: "beside a runtime socket mount, advice instead of a fix",
      settings: [
        setting.securityOpt("label=disable"),
        setting.hostMount("/var/run/docker.sock", "/var/run/docker.sock", true),
      ],
      verdicts: [
        {
          setting: 0,
          messageId: "disabled",
          severity: "high",
          fix: null,
          advises: ["`/var/run/docker.sock`", "may not connect to that socket"],
        },
      ],
    },
    {
      name: "beside another host mount, the fix stays",
      settings: [setting.securityOpt("label=disable"), setting.hostMount("/srv/data", "/data")],
      verdicts: [{ setting: 0, messageId: "disabled", severity: "high", fix: "remove" }],
    },
  ],
});

runRuleTests(containerSeLinux, {
  valid: [
    {
      name: "compose: a level",
      path: "compose.yaml",
      code: svc("    security_opt: ['label=level:s0:c100,c200']\n"),
    },
  ],
  invalid: [
    {
      name: "compose: label:disable",
      path: "compose.yaml",
      code: svc("    security_opt:\n      - label:disable\n"),
      errors: [{ line: 5, fixed: svc("") }],
    },
  ],
});
