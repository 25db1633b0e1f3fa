import { composeService as svc } from "../../../test/support/compose-case.js";
import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { containerCapabilities } from "./container-capabilities.js";

runContainerRuleTests(containerCapabilities, {
  valid: [
    { name: "NET_RAW is in Docker's default set", settings: [setting.capAdd("NET_RAW")] },
    {
      name: "Docker defaults in any spelling",
      settings: [
        setting.capAdd("CAP_CHOWN"),
        setting.capAdd("mknod"),
        setting.capAdd("AUDIT_WRITE"),
      ],
    },
  ],
  invalid: [
    {
      name: "ALL is privileged mode without the name",
      settings: [setting.capAdd("ALL")],
      verdicts: [
        {
          setting: 0,
          messageId: "all",
          severity: "critical",
          fix: "remove",
          says: ["every capability"],
        },
      ],
    },
    {
      name: "one finding per capability beyond the defaults, critical ones marked",
      settings: [
        setting.capAdd("NET_ADMIN"),
        setting.capAdd("NET_RAW"),
        setting.capAdd("cap_sys_admin"),
      ],
      verdicts: [
        { setting: 0, messageId: "added", severity: "high", fix: "remove", says: ["`NET_ADMIN`"] },
        {
          setting: 2,
          messageId: "added",
          severity: "critical",
          fix: "remove",
          says: ["`cap_sys_admin`"],
        },
      ],
    },
  ],
});

runRuleTests(containerCapabilities, {
  valid: [
    {
      name: "compose: NET_RAW is a Docker default",
      path: "compose.yaml",
      code: svc("    cap_add: [NET_RAW, CHOWN]\n"),
    },
    { name: "compose: dropping is fine", path: "compose.yaml", code: svc("    cap_drop: [ALL]\n") },
  ],
  invalid: [
    {
      name: "compose: one of two removed, the default kept",
      path: "compose.yaml",
      code: svc("    cap_add:\n      - NET_RAW\n      - SYS_ADMIN\n"),
      errors: [{ line: 6, fixed: svc("    cap_add:\n      - NET_RAW\n") }],
    },
    {
      name: "compose: ALL, the only item: the key goes",
      path: "compose.yaml",
      code: svc("    cap_add: [ALL]\n    restart: always\n"),
      errors: [{ line: 4, fixed: svc("    restart: always\n") }],
    },
  ],
});
