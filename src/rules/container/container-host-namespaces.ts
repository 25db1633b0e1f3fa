/**
 * Host namespaces in a container runtime (`pid: host`, `network_mode: host`, `--ipc=host`,
 * `--userns=host`, `--uts=host`, `--cgroupns=host`), the counterpart of PSA `hostNamespaces`
 * (which covers PID, IPC and network; the others remove the same kind of isolation).
 * `network_mode: service:<name>` or `container:<name>` joins another container, not the host.
 * Docker's reference: https://docs.docker.com/reference/cli/docker/container/run/
 */
import type { Recognition } from "../../capabilities/index.js";
import { hostNamespaceAdvice, recognizeSubject } from "../../container/justified-exception.js";
import { defineContainerRule } from "../../container/rule.js";
import type { NamespaceName } from "../../container/settings.js";
import type { Severity } from "../../core/types.js";

/**
 * What sharing each namespace with the host opens, by its severity. The sentences are the rule's
 * own messages (one per namespace), not data: written into the template, they are never escaped
 * as a value from the file would be.
 */
const SEVERITIES: Readonly<Record<NamespaceName, Severity>> = {
  pid: "critical",
  network: "high",
  ipc: "high",
  userns: "medium",
  uts: "medium",
  cgroup: "medium",
};

const SHARES = "{{subject}} shares the host's";

export const containerHostNamespaces = defineContainerRule({
  id: "container-host-namespaces",
  title: "Host namespaces (runtime)",
  pss: { control: "hostNamespaces", level: "baseline" },
  severity: "high",
  removes: ["namespaces", "network"],
  rationale:
    "Namespaces are what make a container see only its own processes, network and shared memory. " +
    "`pid: host` shows every process on the host: with ptrace or /proc/<pid>/root an attacker " +
    "reads other containers' secrets and enters the host's processes. `network_mode: host` puts " +
    "the container on the host's network stack, where it can sniff or spoof traffic and reach " +
    "services bound to localhost. `ipc: host` opens the host's shared memory to it.",
  remediation:
    "Remove the `host` namespace mode and publish ports or share a namespace with one named container instead.",
  messages: {
    pid: `${SHARES} pid namespace (\`{{value}}\`): it sees and can signal or trace every process on the host.`,
    network: `${SHARES} network namespace (\`{{value}}\`): it uses the host's network stack and reaches services bound to its localhost.`,
    ipc: `${SHARES} ipc namespace (\`{{value}}\`): it reads and writes the host's shared memory.`,
    userns: `${SHARES} userns namespace (\`{{value}}\`): it skips the daemon's user namespace remapping, so its root is the host's root.`,
    uts: `${SHARES} uts namespace (\`{{value}}\`): it shares the host's hostname and domain name.`,
    cgroup: `${SHARES} cgroup namespace (\`{{value}}\`): it sees the host's whole cgroup tree.`,
  },
  check(subject, report) {
    // What the workload is recognised as (a node agent needs the host's PID namespace), once.
    let recognition: Recognition | null | undefined;
    for (const setting of subject.settings) {
      if (setting.kind !== "namespace" || setting.value.trim().toLowerCase() !== "host") continue;
      const severity = SEVERITIES[setting.namespace];
      if (recognition === undefined) recognition = recognizeSubject(subject);
      const advice = hostNamespaceAdvice(
        recognition,
        setting.namespace,
        "container-host-namespaces",
      );
      if (advice) {
        report({ messageId: setting.namespace, data: {}, setting, severity, advice });
        continue;
      }
      report({
        messageId: setting.namespace,
        data: {},
        setting,
        severity,
        fix: {
          op: "remove",
          description: `Remove the host ${setting.namespace} mode so the container gets its own namespace.`,
        },
      });
    }
  },
});
