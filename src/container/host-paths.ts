/**
 * Host paths whose mount hands over the node or the host, for every kind that mounts host paths
 * (Kubernetes hostPath volumes, Compose and `docker run` bind mounts, dev container mounts).
 * `/var/run` is a link to `/run` on current distributions, so paths are compared with it folded
 * into `/run`. Sockets: Docker's `/var/run/docker.sock` (https://docs.docker.com/engine/security/#docker-daemon-attack-surface),
 * containerd's `/run/containerd/containerd.sock`, CRI-O's `/var/run/crio/crio.sock`, Podman's
 * `/run/podman/podman.sock` (https://docs.podman.io/en/latest/markdown/podman-system-service.1.html);
 * rootless engines put theirs under `/run/user/<uid>/`, MicroK8s its containerd's under
 * `/var/snap/microk8s/common/run/` (https://microk8s.io/docs/configuring-services): a runtime's
 * socket file is one in any folder.
 * A path whose folder is known only at run time (a variable with no default) is still a runtime
 * socket when its file is one: rootless Docker's socket is `$XDG_RUNTIME_DIR/docker.sock`
 * (https://docs.docker.com/engine/security/rootless/), Docker Desktop's on macOS
 * `$HOME/.docker/run/docker.sock` (https://docs.docker.com/desktop/mac/permission-requirements/,
 * https://github.com/docker/for-mac/issues/6529).
 */

/**
 * Stands in a host path, as readers hand it to the rules, for a part known only at run time (a
 * variable with no default): `$…/docker.sock`.
 */
export const UNKNOWN_PART = "$…";

/** The socket files of the container runtimes, whatever folder holds them. */
const RUNTIME_SOCKET_FILES = new Set([
  "docker.sock",
  "containerd.sock",
  "crio.sock",
  "cri-dockerd.sock",
  "podman.sock",
  // The kubelet's built-in Docker shim, before Kubernetes 1.24.
  "dockershim.sock",
  // balenaEngine, Docker's API on balenaOS devices (https://docs.balena.io/reference/OS/overview/).
  "balena-engine.sock",
]);

/** Container runtime and kubelet sockets and state: whoever writes to them controls the node. */
const RUNTIME_PATHS = [
  "/run/docker.sock",
  "/run/containerd/containerd.sock",
  "/run/crio/crio.sock",
  "/run/cri-dockerd.sock",
  "/run/podman/podman.sock",
  "/run/k3s/containerd/containerd.sock",
  "/run/containerd",
  "/run/crio",
  "/run/podman",
  "/run",
  "/var/lib/docker",
  "/var/lib/containerd",
  "/var/lib/containers",
  "/var/lib/kubelet",
];

/**
 * The host's root and its system directories: kernel interfaces (`/proc`, `/sys`, `/dev`), the
 * configuration and credentials of the host (`/etc`, `/root`, `/home`), its kernel and modules
 * (`/boot`, `/lib/modules`, `/usr/lib/modules`).
 */
const SYSTEM_PATHS = new Set([
  "/",
  "/etc",
  "/proc",
  "/sys",
  "/dev",
  "/root",
  "/home",
  "/boot",
  "/lib/modules",
  "/usr/lib/modules",
]);

/** Windows named pipes of the container runtimes, compared in lower case. */
const RUNTIME_PIPES = new Set(["\\\\.\\pipe\\docker_engine", "\\\\.\\pipe\\containerd-containerd"]);

export type HostPathClass = "runtime" | "system" | "other";

/**
 * How dangerous mounting `path` is: `runtime` for a runtime socket, its directory or a directory
 * above one (mounting `/var` also mounts `/var/lib/kubelet`), or a runtime's socket file in any
 * folder (rootless Docker's `/run/user/1000/docker.sock`, MicroK8s'
 * `/var/snap/microk8s/common/run/containerd.sock`), known or only at run time (`UNKNOWN_PART`);
 * `system` for the host root and system directories; `other` otherwise, other programs' sockets
 * included (a database's `/var/run/mysqld/mysqld.sock` hands over that database, not the host).
 */
export function classifyHostPath(path: string): HostPathClass {
  if (RUNTIME_PIPES.has(path.toLowerCase())) return "runtime";
  if (path.includes(UNKNOWN_PART)) {
    // Only the file is known: a runtime's socket file is one wherever its folder is.
    const file = path.slice(path.lastIndexOf("/") + 1);
    return RUNTIME_SOCKET_FILES.has(file) ? "runtime" : "other";
  }
  const p = normalizeHostPath(path);
  if (p === null) return "other";
  if (RUNTIME_PATHS.some((r) => r === p || r.startsWith(`${p}/`))) return "runtime";
  if (RUNTIME_SOCKET_FILES.has(p.slice(p.lastIndexOf("/") + 1))) return "runtime";
  return SYSTEM_PATHS.has(p) ? "system" : "other";
}

/** An absolute path with `.`, `..`, repeated and trailing slashes resolved, `/var/run` as `/run`. */
export function normalizeHostPath(path: string): string | null {
  if (!path.startsWith("/")) return null;
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  if (parts[0] === "var" && parts[1] === "run") parts.splice(0, 2, "run");
  return `/${parts.join("/")}`;
}
