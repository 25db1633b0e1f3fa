import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
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
