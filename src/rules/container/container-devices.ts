/**
 * Host devices given to a container (`devices`, `--device`) and device cgroup rules
 * (`device_cgroup_rules`, `--device-cgroup-rule`). No PSS control covers them (Kubernetes has no
 * such field; privileged mode is its only way to devices), so the rule stands outside the
 * standards. A raw disk or memory device hands over the host's data; `a *:* rwm` allows every
 * device the container can create with MKNOD (https://docs.docker.com/reference/cli/docker/container/run/#device-cgroup-rule).
 */
import { defineContainerRule } from "../../container/rule.js";
import type { Severity } from "../../core/types.js";

/** Devices that expose the host's disks or memory: reading them reads the host's data. */
const HOST_DATA_DEVICES = /^\/dev\/(?:sd|hd|vd|xvd|nvme|mmcblk|dm-|mapper\/|loop|mem$|kmem$|port$)/;

export const containerDevices = defineContainerRule({
  id: "container-devices",
  title: "Host devices (runtime)",
  pss: null,
  outsidePss:
    "Kubernetes has no field that gives a pod a host device; a pod reaches one only through privileged mode (the `privileged` control) or a device plugin",
  severity: "medium",
  removes: ["devices"],
  rationale:
    "A container sees no host device unless one is given to it. Each device given is a kernel " +
    "driver the container can talk to directly; a disk or /dev/mem gives the host's data, and a " +
    "device cgroup rule lets the container create and open devices by number.",
  remediation:
    "Give only the device the container needs, read-only where it can be, and never a disk or memory device.",
  messages: {
    device: "{{subject}} is given the host device `{{value}}`.",
    hostData:
      "{{subject}} is given the host device `{{value}}`, which exposes the host's disks or memory.",
    cgroupRule: "{{subject}} may open host devices by number (device cgroup rule `{{value}}`).",
  },
  check(subject, report) {
    for (const setting of subject.settings) {
      if (setting.kind === "device") {
        const source = setting.value.split(":")[0]?.trim() ?? "";
        const hostData = HOST_DATA_DEVICES.test(source);
        report({
          messageId: hostData ? "hostData" : "device",
          setting,
          severity: hostData ? "high" : "medium",
        });
      } else if (setting.kind === "device-cgroup-rule") {
        report({ messageId: "cgroupRule", setting, severity: ruleSeverity(setting.value) });
      }
    }
  },
});

/** `a ...` (all devices) or a wildcard major number is broad. */
function ruleSeverity(rule: string): Severity {
  const [type, numbers = ""] = rule.trim().split(/\s+/);
  return type === "a" || numbers.startsWith("*") ? "high" : "medium";
}
