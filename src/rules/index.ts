import type { KubernetesRule } from "../kubernetes/rule.js";
import { allowPrivilegeEscalation } from "./k8s/allow-privilege-escalation.js";
import { appArmorProfile } from "./k8s/app-armor-profile.js";
import { capabilitiesBaseline } from "./k8s/capabilities-baseline.js";
import { capabilitiesRestricted } from "./k8s/capabilities-restricted.js";
import { hostNamespaces } from "./k8s/host-namespaces.js";
import { hostPathVolumes } from "./k8s/host-path-volumes.js";
import { hostPorts } from "./k8s/host-ports.js";
import { hostProbesAndHostLifecycle } from "./k8s/host-probes-and-host-lifecycle.js";
import { privileged } from "./k8s/privileged.js";
import { procMountRestricted } from "./k8s/proc-mount-restricted.js";
import { procMount } from "./k8s/proc-mount.js";
import { restrictedVolumes } from "./k8s/restricted-volumes.js";
import { runAsNonRoot } from "./k8s/run-as-non-root.js";
import { runAsUser } from "./k8s/run-as-user.js";
import { seLinuxOptions } from "./k8s/se-linux-options.js";
import { seccompProfileBaseline } from "./k8s/seccomp-profile-baseline.js";
import { seccompProfileRestricted } from "./k8s/seccomp-profile-restricted.js";
import { sysctls } from "./k8s/sysctls.js";
import { windowsHostProcess } from "./k8s/windows-host-process.js";

/** Every Kubernetes rule, in report order. An explicit list: no directory scan, no registration side effects. */
export const KUBERNETES_RULES: readonly KubernetesRule[] = [
  privileged,
  hostNamespaces,
  hostPorts,
  hostPathVolumes,
  capabilitiesBaseline,
  seccompProfileBaseline,
  appArmorProfile,
  seLinuxOptions,
  procMount,
  sysctls,
  windowsHostProcess,
  hostProbesAndHostLifecycle,
  allowPrivilegeEscalation,
  runAsNonRoot,
  runAsUser,
  seccompProfileRestricted,
  capabilitiesRestricted,
  restrictedVolumes,
  procMountRestricted,
];
