/**
 * SELinux labelling switched off (`label:disable`, `--security-opt label=disable`), the
 * counterpart of PSA `seLinuxOptions`. With labels the container runs as `container_t` and can
 * touch only files labelled for it (https://docs.docker.com/reference/cli/docker/container/run/#security-opt).
 */
import { classifyHostPath } from "../../container/host-paths.js";
import { codeSpan } from "../../core/code-span.js";
import { defineContainerRule } from "../../container/rule.js";
import { isSecurityOpt } from "../../container/security-opt.js";

export const containerSeLinux = defineContainerRule({
  id: "container-selinux",
  title: "SELinux labels disabled (runtime)",
  pss: { control: "seLinuxOptions", level: "baseline" },
  severity: "high",
  removes: ["selinux"],
  rationale:
    "On SELinux hosts every container process runs as `container_t` and may touch only files " +
    "labelled for containers. `label:disable` runs it unconfined, so a mounted host path or a " +
    "breakout reaches every file the process's user can.",
  remediation:
    "Remove `label:disable`; relabel the mounted paths for the container instead (`:z` or `:Z` on the bind mount).",
  messages: {
    disabled:
      "{{subject}} disables SELinux labelling (`{{value}}`): its processes are no longer confined to container files.",
  },
  check(subject, report) {
    // A container that drives the runtime through its socket connects to it only unlabelled.
    const socket = subject.settings.find(
      (s) => s.kind === "host-mount" && classifyHostPath(s.source) === "runtime",
    );
    for (const setting of subject.settings) {
      if (setting.kind !== "security-opt") continue;
      if (!isSecurityOpt(setting.value, "label", "disable")) continue;
      if (socket && socket.kind === "host-mount") {
        report({ messageId: "disabled", setting, advice: socketAdvice(socket.source) });
        continue;
      }
      report({
        messageId: "disabled",
        setting,
        fix: {
          op: "remove",
          description: "Remove the option so the container runs with its SELinux label.",
        },
      });
    }
  },
});

/**
 * Why no fix removes `label:disable` from a container that mounts the runtime's socket: on an
 * SELinux host a `container_t` process may not connect to the socket (labelled
 * `container_var_run_t`, once `docker_var_run_t`), so the container's runtime client fails
 * ("permission denied" on /var/run/docker.sock), and relabelling the socket with `:z` would
 * change a host file the daemon relies on.
 * Evidence: https://github.com/dpw/selinux-dockersock ("this doesn't work with Fedora or RHEL as
 * the host because of their use of SELinux… you'll get Permission denied"),
 * https://github.com/containrrr/watchtower/pull/1917 (watchtower on Fedora CoreOS:
 * `--security-opt label=disable` to use the mounted Docker socket),
 * https://github.com/myoung34/docker-github-actions-runner/issues/9 (Red Hat's Docker package:
 * "Start the container with --security-opt=label=disable", Red Hat bug 1669728).
 */
function socketAdvice(source: string): string {
  return `Remove \`label:disable\` only with the runtime socket mount beside it (${codeSpan(source)}): on an SELinux host a labelled container may not connect to that socket, so no fix removes the option alone. The socket is the larger grant (its own finding): drive the runtime through a proxy that allows only the API calls the container needs, or load an SELinux policy module that lets the container reach the socket and nothing else, then drop the option.`;
}
