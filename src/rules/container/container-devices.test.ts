import { composeService as svc } from "../../../test/support/compose-case.js";
import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { containerDevices } from "./container-devices.js";

runContainerRuleTests(containerDevices, {
  valid: [{ name: "no devices", settings: [setting.privileged(false)] }],
  invalid: [
    {
      name: "a device, a disk, memory; no fix: the device is what the container asked for",
      settings: [
        setting.device("/dev/fuse"),
        setting.device("/dev/sda:/dev/xvdc:rwm"),
        setting.device("/dev/mem"),
      ],
      verdicts: [
        { setting: 0, messageId: "device", severity: "medium", fix: null, says: ["`/dev/fuse`"] },
        { setting: 1, messageId: "hostData", severity: "high", fix: null },
        { setting: 2, messageId: "hostData", severity: "high", fix: null },
      ],
    },
    {
      name: "device cgroup rules: all devices or any major number is broad",
      settings: [
        setting.deviceCgroupRule("c 189:* rmw"),
        setting.deviceCgroupRule("a *:* rwm"),
        setting.deviceCgroupRule("b *:* r"),
      ],
      verdicts: [
        { setting: 0, messageId: "cgroupRule", severity: "medium", fix: null },
        { setting: 1, messageId: "cgroupRule", severity: "high", fix: null },
        { setting: 2, messageId: "cgroupRule", severity: "high", fix: null },
      ],
    },
  ],
});

runRuleTests(containerDevices, {
  valid: [
    {
      name: "compose: no devices",
      path: "compose.yaml",
      code: svc("    environment: [DEVICE=/dev/sda]\n"),
    },
  ],
  invalid: [
    {
      name: "compose: devices, short and long syntax, and a cgroup rule; no fix",
      path: "compose.yaml",
      code: svc(
        "    devices:\n      - /dev/fuse\n      - source: /dev/sda\n        target: /dev/xvda\n    device_cgroup_rules:\n      - 'c 189:* rmw'\n",
      ),
      errors: [
        { line: 5, fixed: null },
        { line: 6, fixed: null },
        { line: 9, fixed: null },
      ],
    },
  ],
});
