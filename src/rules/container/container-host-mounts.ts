/**
 * Bind mounts of a container runtime's socket or of the host's sensitive paths (Compose
 * `volumes`, `docker run -v` and `--mount type=bind`, dev container `mounts`), the counterpart of
 * PSA `hostPathVolumes`. A project folder (`./src:/app`) and a named volume are not host mounts
 * of this kind. What counts is `container/host-paths.ts`.
 */
import type { Recognition } from "../../capabilities/index.js";
import { classifyHostPath } from "../../container/host-paths.js";
import { hostMountAdvice, recognizeSubject } from "../../container/justified-exception.js";
import { defineContainerRule } from "../../container/rule.js";

export const containerHostMounts = defineContainerRule({
  id: "container-host-mounts",
  title: "Runtime socket or sensitive host path mounted (runtime)",
  pss: { control: "hostPathVolumes", level: "baseline" },
  severity: "high",
  removes: ["filesystem"],
  rationale:
    "A container runtime's socket is its whole API: whoever can write to /var/run/docker.sock " +
    "starts a privileged container with the host's root mounted, which is root on the host. The " +
    "host's root, /etc, /proc, /sys, /dev, /root, /boot and the kernel modules give the same in " +
    "a few steps (a cron job in /etc, a kernel module, a device). Read-only does not help for a " +
    "socket, and little for the others.",
  remediation:
    "Remove the mount; a container that must drive the runtime has no safe replacement and belongs on a dedicated host as a reviewed exception.",
  messages: {
    runtime:
      "{{subject}} mounts the {{runtime}} socket or its folder (`{{value}}`): whoever reaches it controls every container on the host and the host itself.",
    system:
      "{{subject}} mounts the host's `{{source}}` (`{{value}}`): the container reaches the host's own system files.",
  },
  check(subject, report) {
    // What the workload is recognised as (a node agent reads the host's /proc), once.
    let recognition: Recognition | null | undefined;
    const adviceFor = (source: string): { advice?: string } => {
      if (recognition === undefined) recognition = recognizeSubject(subject);
      const advice = hostMountAdvice(recognition, source, "container-host-mounts");
      return advice ? { advice } : {};
    };
    for (const setting of subject.settings) {
      if (setting.kind !== "host-mount") continue;
      const kind = classifyHostPath(setting.source);
      if (kind === "runtime") {
        report({
          messageId: "runtime",
          data: { runtime: runtimeName(setting.source) },
          setting,
          severity: "critical",
          ...adviceFor(setting.source),
        });
      } else if (kind === "system") {
        report({
          messageId: "system",
          data: { source: setting.source },
          setting,
          ...adviceFor(setting.source),
        });
      }
    }
  },
});

/** The runtime a socket path belongs to, as its users name it. */
function runtimeName(path: string): string {
  const p = path.toLowerCase();
  if (p.includes("podman")) return "Podman";
  if (p.includes("crio")) return "CRI-O";
  if (p.includes("containerd")) return "containerd";
  if (p.includes("docker")) return "Docker";
  if (p.includes("kubelet")) return "kubelet";
  return "container runtime";
}
