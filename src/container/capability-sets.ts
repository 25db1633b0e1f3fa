/**
 * The capabilities Docker (Moby) grants every container by default, without any `cap_add`. It is
 * not Kubernetes' baseline list: Docker also grants NET_RAW, MKNOD, SETFCAP, AUDIT_WRITE and
 * SYS_CHROOT by default, so adding one of them to a Compose service or a `docker run` takes no
 * protection away. Evidence: moby's `oci/caps/defaults.go`
 * (https://github.com/moby/moby/blob/master/oci/caps/defaults.go, `DefaultCapabilities`) and
 * Docker's run reference (https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities).
 * Podman's default set (containers.conf `default_capabilities`) is a subset of this one.
 */
export const DOCKER_DEFAULT_CAPABILITIES: ReadonlySet<string> = new Set([
  "CHOWN",
  "DAC_OVERRIDE",
  "FSETID",
  "FOWNER",
  "MKNOD",
  "NET_RAW",
  "SETGID",
  "SETUID",
  "SETFCAP",
  "SETPCAP",
  "NET_BIND_SERVICE",
  "SYS_CHROOT",
  "KILL",
  "AUDIT_WRITE",
]);

/** A capability as runtimes read it: upper case, without the `CAP_` prefix (`cap_sys_admin` → `SYS_ADMIN`). */
export function normalizeCapability(name: string): string {
  const upper = name.toUpperCase();
  return upper.startsWith("CAP_") ? upper.slice(4) : upper;
}

/** Capabilities that on their own give a way out of the container or into other processes. */
export const CRITICAL_CAPABILITIES: ReadonlySet<string> = new Set([
  "SYS_ADMIN",
  "SYS_MODULE",
  "SYS_PTRACE",
  "SYS_RAWIO",
  "DAC_READ_SEARCH",
  "BPF",
  "ALL",
]);
