import { type Found, tableFinder } from "./match.js";
import type { ContainerFacts, Evidence, Match } from "./types.js";

/**
 * A workload that runs as an SELinux type of its own where SELinux enforces (OpenShift, RHEL and
 * Fedora nodes): the confined `container_t` type would stop it, so a fix that removed the type
 * would break it there. Where SELinux is off or permissive the type changes nothing.
 */
export interface SeLinuxTypeNeed {
  /** kebab-case, unique. */
  readonly id: string;
  /** As a reader knows it ("Cilium agent"). */
  readonly title: string;
  /** When it applies: any one signal is enough, as in the capability catalogue. */
  readonly match: Match;
  /** The types its own manifests set: only these are kept, any other type is judged as usual. */
  readonly types: readonly string[];
  /** Completes "which needs the SELinux type `spc_t` to ...". */
  readonly why: string;
  readonly evidence: readonly Evidence[];
}

const DATADOG_VALUES =
  "https://github.com/DataDog/helm-charts/blob/main/charts/datadog/values.yaml";

export const SELINUX_TYPE_NEEDS: readonly SeLinuxTypeNeed[] = [
  {
    id: "drbd-module-loader",
    title: "Piraeus DRBD module loader",
    match: {
      images: ["drbd-module-loader", "piraeusdatastore/drbd9-*", "linbit/drbd9-*"],
      environment: ["LB_DRBD_MIN_LOADED_VERSION", "LB_SELINUX_AS"],
    },
    types: ["spc_t"],
    why: "label the DRBD kernel module it builds as a module (`LB_SELINUX_AS: modules_object_t`) and load it, which `container_t` denies",
    evidence: [
      {
        url: "https://github.com/piraeusdatastore/piraeus-operator/blob/v2/pkg/resources/satellite/satellite/daemonset.yaml",
        says: 'drbd-module-loader: seLinuxOptions type spc_t, level s0 ("super privileged container"_t to allow changing of labels if required), LB_SELINUX_AS: modules_object_t',
      },
    ],
  },
  {
    id: "cilium",
    title: "Cilium component",
    match: {
      images: [
        "cilium/cilium",
        "cilium/cilium-ci",
        "cilium/cilium-envoy",
        "cilium/startup-script",
        "bitnami/cilium",
        "bitnami/cilium-proxy",
      ],
      programs: ["cilium-agent", "cilium-envoy-starter"],
    },
    types: ["spc_t"],
    why: "load eBPF programs, mount the BPF and cgroup file systems and configure the node's network with the capabilities it adds instead of privileged mode, which `container_t` denies",
    evidence: [
      {
        url: "https://github.com/cilium/cilium/blob/main/install/kubernetes/cilium/values.yaml",
        says: "securityContext.seLinuxOptions: level s0, type spc_t: Running with spc_t since we have removed the privileged mode. Users can change it to a different type as long as they have the type available on the system.",
      },
      {
        url: "https://github.com/bitnami/charts/blob/main/bitnami/cilium/values.yaml",
        says: "agent.containerSecurityContext.seLinuxOptions type spc_t: Running with spc_t type (designed for privileged operations, check capabilities) since the container is not executed as a privileged container by default. This should prevent issues with SELinux policies.",
      },
    ],
  },
  {
    id: "datadog-agent",
    title: "Datadog Agent",
    match: {
      images: ["datadog/agent", "datadoghq/agent", "datadog/ddot-ebpf*"],
      // Its main container runs `agent run` (the image is often registry.datadoghq.com/agent).
      programs: ["agent run", "system-probe", "host-profiler"],
    },
    types: ["spc_t"],
    why: "reach the container runtime's socket and read the node's /proc and cgroup statistics (its host profiler: other processes' /proc entries), which `container_t` denies",
    evidence: [
      {
        url: "https://github.com/DataDog/helm-charts/blob/main/charts/datadog/templates/agent-scc.yaml",
        says: "Use the `spc_t` selinux type to access the docker/cri socket + proc and cgroup stats",
      },
      {
        url: DATADOG_VALUES,
        says: "agents.podSecurity.seLinuxContext: Provide seLinuxContext configuration for PSP/SCC (default: Must run as spc_t)",
      },
      {
        url: DATADOG_VALUES,
        says: "agents.containers.hostProfiler.securityContext.seLinuxOptions type spc_t: spc_t so SELinux-enforcing nodes don't block host-profiler's cross-process /proc access",
      },
    ],
  },
  {
    id: "inspektor-gadget",
    title: "Inspektor Gadget",
    match: {
      images: ["inspektor-gadget/inspektor-gadget", "inspektor-gadget/ig"],
      programs: ["gadgettracermanager"],
    },
    types: ["spc_t"],
    why: "mount the host's folders it reads with the right permissions while it runs without privileged mode, host PID or host network, which `container_t` denies",
    evidence: [
      {
        url: "https://github.com/inspektor-gadget/inspektor-gadget/blob/main/pkg/resources/manifests/deploy.yaml",
        says: "With hostPID/hostNetwork/privileged set to false, we need to set appropriate SELinux context to be able to mount host directories with correct permissions: seLinuxOptions type spc_t",
      },
    ],
  },
  {
    id: "intel-device-plugin",
    title: "Intel device plugin",
    match: { images: ["intel/intel-*-plugin", "intel/intel-*-initcontainer"] },
    types: ["container_device_plugin_t", "container_device_plugin_init_t"],
    why: "register with the kubelet and hand the node's devices to pods (its init containers: set the devices up), which `container_t` denies; the types come from Intel's SELinux policy for its device plugins",
    evidence: [
      {
        url: "https://github.com/intel/user-container-selinux/blob/main/README.md",
        says: "new domains container_device_plugin_t for device plugins and container_device_plugin_init_t for init containers; the device plugins run as that label to have all the necessary privileges",
      },
      {
        url: "https://github.com/intel/intel-device-plugins-for-kubernetes/blob/main/deployments/gpu_plugin/base/intel-gpu-plugin.yaml",
        says: 'seLinuxOptions: type: "container_device_plugin_t", with all capabilities dropped and no privilege escalation',
      },
    ],
  },
];

const find = tableFinder(SELINUX_TYPE_NEEDS);

/** The first workload the container is that needs the SELinux type `type`, or null. */
export function seLinuxTypeNeeded(
  facts: ContainerFacts,
  type: string,
): Found<SeLinuxTypeNeed> | null {
  return find(facts, (need) => need.types.includes(type));
}
