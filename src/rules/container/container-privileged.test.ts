import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { containerPrivileged } from "./container-privileged.js";

/** A Compose variable with a default, as written in the file. */
const WRITTEN = ["$", "{PRIVILEGED:-true}"].join("");

runContainerRuleTests(containerPrivileged, {
  valid: [
    { name: "no settings", settings: [] },
    { name: "privileged: false", settings: [setting.privileged(false)] },
    { name: "capabilities alone are another rule's", settings: [setting.capAdd("SYS_ADMIN")] },
  ],
  invalid: [
    {
      name: "privileged, nothing known of the workload: no capability granted",
      settings: [setting.privileged(true)],
      verdicts: [
        {
          setting: 0,
          messageId: "privileged",
          severity: "critical",
          fix: "replace-privileged",
          capabilities: [],
          says: ["runs privileged", "all host devices"],
        },
      ],
    },
    {
      name: "a tcpdump service gets NET_RAW and NET_ADMIN",
      settings: [setting.privileged(true)],
      workload: { image: "nicolaka/netshoot", command: ["tcpdump", "-i", "eth0"] },
      verdicts: [
        {
          setting: 0,
          messageId: "privileged",
          severity: "critical",
          fix: "replace-privileged",
          capabilities: ["NET_RAW", "NET_ADMIN"],
        },
      ],
    },
    {
      name: "a variable's default is read, and the message says so",
      settings: [setting.privileged(true, WRITTEN)],
      verdicts: [
        {
          setting: 0,
          messageId: "privileged",
          severity: "critical",
          fix: "replace-privileged",
          says: [`\`${WRITTEN}\` with its default`],
        },
      ],
    },
  ],
});
