import type { ContainerRule } from "../../container/rule.js";
import { containerAppArmor } from "./container-apparmor.js";
import { containerCapabilities } from "./container-capabilities.js";
import { containerDevices } from "./container-devices.js";
import { containerHostMounts } from "./container-host-mounts.js";
import { containerHostNamespaces } from "./container-host-namespaces.js";
import { containerNoNewPrivileges } from "./container-no-new-privileges.js";
import { containerPrivileged } from "./container-privileged.js";
import { containerProcMount } from "./container-proc-mount.js";
import { containerSeccomp } from "./container-seccomp.js";
import { containerSeLinux } from "./container-selinux.js";

/**
 * Every rule of the container runtime model, in report order: the same rules judge Compose
 * services, `docker run` commands, CI job containers and dev containers.
 */
export const CONTAINER_RULES: readonly ContainerRule[] = [
  containerPrivileged,
  containerHostNamespaces,
  containerHostMounts,
  containerCapabilities,
  containerSeccomp,
  containerAppArmor,
  containerSeLinux,
  containerProcMount,
  containerDevices,
  containerNoNewPrivileges,
];
