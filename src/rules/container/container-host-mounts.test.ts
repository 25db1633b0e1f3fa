import { composeVariable, composeService as svc } from "../../../test/support/compose-case.js";
import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { containerHostMounts } from "./container-host-mounts.js";

runContainerRuleTests(containerHostMounts, {
  valid: [
    { name: "a project folder", settings: [setting.hostMount("./data", "/data")] },
    { name: "a home-relative path", settings: [setting.hostMount("~/.cache", "/cache")] },
    {
      name: "a folder of its own on the host",
      settings: [setting.hostMount("/srv/app/uploads", "/uploads")],
    },
    {
      name: "a file below /etc is not /etc",
      settings: [setting.hostMount("/etc/localtime", "/etc/localtime", true)],
    },
  ],
  invalid: [
    {
      name: "the sockets of docker, containerd, CRI-O and podman, or their folders",
      settings: [
        setting.hostMount("/var/run/docker.sock", "/var/run/docker.sock"),
        setting.hostMount("/run/containerd/containerd.sock", "/run/containerd/containerd.sock"),
        setting.hostMount("/var/run/crio", "/crio"),
        setting.hostMount("/run/podman/podman.sock", "/run/podman/podman.sock", true),
        setting.hostMount("/run/user/1000/docker.sock", "/var/run/docker.sock"),
      ],
      verdicts: [
        {
          setting: 0,
          messageId: "runtime",
          severity: "critical",
          fix: null,
          says: ["Docker socket"],
        },
        { setting: 1, messageId: "runtime", severity: "critical", fix: null, says: ["containerd"] },
        { setting: 2, messageId: "runtime", severity: "critical", fix: null, says: ["CRI-O"] },
        { setting: 3, messageId: "runtime", severity: "critical", fix: null, says: ["Podman"] },
        { setting: 4, messageId: "runtime", severity: "critical", fix: null, says: ["Docker"] },
      ],
    },
    {
      name: "the host's sensitive paths",
      settings: ["/", "/proc", "/sys", "/dev", "/etc", "/root", "/boot", "/lib/modules"].map((p) =>
        setting.hostMount(p, `/host${p}`, true),
      ),
      verdicts: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => ({
        setting: i,
        messageId: "system",
        severity: "high" as const,
        fix: null,
      })),
    },
    {
      name: "the kubelet's state is a runtime's",
      settings: [setting.hostMount("/var/lib/kubelet", "/var/lib/kubelet")],
      verdicts: [{ setting: 0, messageId: "runtime", severity: "critical", fix: null }],
    },
  ],
});

runRuleTests(containerHostMounts, {
  valid: [
    {
      name: "compose: a project folder, a named volume, an anonymous volume, a tmpfs",
      path: "compose.yaml",
      code: svc(
        "    volumes:\n      - ./data:/data\n      - ./src:/app\n      - cache:/cache\n      - /tmp/scratch\n      - type: tmpfs\n        target: /run\n",
      ),
    },
    {
      name: "compose: a named volume in long syntax",
      path: "compose.yaml",
      code: svc(
        "    volumes:\n      - type: volume\n        source: docker.sock\n        target: /data\n",
      ),
    },
    {
      name: "compose: a variable without a default is unknown",
      path: "compose.yaml",
      code: svc(`    volumes:\n      - ${composeVariable("SOCK")}:/var/run/docker.sock\n`),
    },
  ],
  invalid: [
    {
      name: "compose: the Docker socket, short syntax: no safe replacement",
      path: "compose.yaml",
      code: svc(
        "    volumes:\n      - ./data:/data\n      - /var/run/docker.sock:/var/run/docker.sock:ro\n",
      ),
      errors: [{ line: 6, fixed: null }],
    },
    {
      name: "compose: the containerd socket and the host's root, long syntax",
      path: "compose.yaml",
      code: svc(
        "    volumes:\n      - type: bind\n        source: /run/containerd/containerd.sock\n        target: /run/containerd/containerd.sock\n      - type: bind\n        source: /\n        target: /host\n        read_only: true\n",
      ),
      errors: [
        { line: 5, fixed: null },
        { line: 8, fixed: null },
      ],
    },
    {
      name: "compose: a socket from a variable's default",
      path: "compose.yaml",
      code: svc(
        `    volumes:\n      - ${composeVariable("SOCK:-/var/run/docker.sock")}:/var/run/docker.sock\n`,
      ),
      errors: [{ line: 5, fixed: null }],
    },
  ],
});
