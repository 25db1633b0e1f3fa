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
    {
      // mailcow's EXTERNAL_MYSQL_SOCKET override: a database's socket hands over the database.
      name: "other programs' sockets under /run are no runtime's",
      settings: [
        setting.hostMount("/var/run/mysqld/mysqld.sock", "/var/run/mysqld/mysqld.sock"),
        setting.hostMount("/run/php/php8.2-fpm.sock", "/run/php/php-fpm.sock"),
      ],
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
      name: "a runtime's socket file in a folder of its own (MicroK8s, the kubelet's Docker shim)",
      settings: [
        setting.hostMount("/var/snap/microk8s/common/run/containerd.sock", "/run/containerd.sock"),
        setting.hostMount("/var/run/dockershim.sock", "/var/run/dockershim.sock"),
        setting.hostMount("/var/run/balena-engine.sock", "/var/run/docker.sock"),
      ],
      verdicts: [
        { setting: 0, messageId: "runtime", severity: "critical", fix: null, says: ["containerd"] },
        { setting: 1, messageId: "runtime", severity: "critical", fix: null, says: ["Docker"] },
        { setting: 2, messageId: "runtime", severity: "critical", fix: null },
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
      name: "a node agent's /proc and /sys are explained; the Docker socket it mounts too is not its need",
      settings: [
        setting.namespace("pid", "host"),
        setting.hostMount("/proc", "/host/proc", true),
        setting.hostMount("/sys", "/host/sys", true),
        setting.hostMount("/var/run/docker.sock", "/var/run/docker.sock", true),
      ],
      workload: { image: "example/process-agent:1.0" },
      verdicts: [
        {
          setting: 1,
          messageId: "system",
          severity: "high",
          fix: null,
          advises: ["Node agent reading the host's processes", "the host path `/proc` mounted"],
        },
        {
          setting: 2,
          messageId: "system",
          severity: "high",
          fix: null,
          advises: ["the host path `/sys` mounted"],
        },
        { setting: 3, messageId: "runtime", severity: "critical", fix: null },
      ],
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
    {
      name: "compose, a script, a dev container: a folder from a variable, not a socket, is unknown",
      path: "compose.yaml",
      code: svc(
        `    volumes:\n      - ${composeVariable("DATA")}/x:/x\n      - ${composeVariable("DIR")}docker.sock:/y\n`,
      ),
    },
    {
      name: "a script: a folder from a variable, not a socket, is unknown",
      path: "scripts/run.sh",
      code: '#!/bin/sh\ndocker run -v "$DATA:/data" -v "$DIR/sock:/s" alpine\n',
    },
    {
      name: "a dev container: the workspace folder is no socket",
      path: ".devcontainer/devcontainer.json",
      code: `{"image": "alpine", "mounts": ["source=${composeVariable("localWorkspaceFolder")}/data,target=/data,type=bind"]}\n`,
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
    {
      name: "compose: rootless Docker's and Docker Desktop's sockets, whose folder is a variable",
      path: "compose.yaml",
      code: svc(
        `    volumes:\n      - ${composeVariable("XDG_RUNTIME_DIR")}/docker.sock:/var/run/docker.sock\n      - type: bind\n        source: $HOME/.docker/run/docker.sock\n        target: /docker.sock\n`,
      ),
      errors: [
        {
          line: 5,
          fixed: null,
          says: [
            "mounts the Docker socket or its folder (`$…/docker.sock:/var/run/docker.sock`)",
            "`$…` stands for a variable known only at run time; a file named `docker.sock` is the runtime's socket",
          ],
        },
        { line: 6, fixed: null, says: ["`$…/.docker/run/docker.sock:/docker.sock`"] },
      ],
    },
    {
      name: "compose: the socket itself, with a variable for the target",
      path: "compose.yaml",
      code: svc(`    volumes:\n      - /var/run/docker.sock:${composeVariable("TARGET")}\n`),
      errors: [{ line: 5, fixed: null, says: ["`/var/run/docker.sock:$…`"] }],
    },
    {
      name: "a script: rootless Docker's socket under $XDG_RUNTIME_DIR, -v and --mount",
      path: "scripts/run.sh",
      code: `#!/bin/sh\ndocker run -v "$XDG_RUNTIME_DIR/docker.sock:/var/run/docker.sock" alpine\npodman run --mount "type=bind,src=${composeVariable("XDG_RUNTIME_DIR")}/podman/podman.sock,dst=/run/podman.sock" alpine\n`,
      errors: [
        { line: 2, fixed: null, says: ["`$…/docker.sock:/var/run/docker.sock`"] },
        { line: 3, fixed: null, says: ["Podman socket"] },
      ],
    },
    {
      name: "a dev container: the socket under a local variable",
      path: ".devcontainer/devcontainer.json",
      code: `{\n  "image": "alpine",\n  "mounts": ["source=${composeVariable("localEnv:XDG_RUNTIME_DIR")}/docker.sock,target=/var/run/docker.sock,type=bind"]\n}\n`,
      errors: [{ line: 3, fixed: null, says: ["`$…/docker.sock:/var/run/docker.sock`"] }],
    },
  ],
});
