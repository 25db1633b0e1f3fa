import {
  BEYLA_SECURITY,
  EBPF_INSTRUMENTATION_MATCH,
  INSPEKTOR_GADGET_DEPLOY,
  OBI_CHART,
  TRACEE_MATCH,
} from "./entries/debugging.js";
import {
  BITNAMI_CILIUM_VALUES,
  CILIUM_ENVOY_MATCH,
  CILIUM_MATCH,
  CILIUM_VALUES,
  FIREWALL_BANNER_EVIDENCE,
  FIREWALL_BANNER_MATCH,
  ISTIO_CNI_DS,
  ISTIO_CNI_MATCH,
} from "./entries/network.js";
import type { Evidence, KeepsDefaults, Match } from "./types.js";

/**
 * A kind of workload that genuinely needs privilege: a fix must not take away what it needs, and
 * the advice is a justified, isolated exception (and a safer alternative where one exists).
 */
export interface PrivilegedWorkload {
  readonly id: string;
  /** As a reader knows it ("CSI node plugin"). */
  readonly title: string;
  /**
   * Any one signal is enough, as in the capability catalogue, with two more: `propagation`, a
   * mount propagation mode of one of its mounts (`Bidirectional`), and `hostNamespaces`, host
   * namespaces the workload must share as well (`network`, `pid`), all of them.
   */
  readonly match: Match & {
    readonly propagation?: readonly string[];
    readonly hostNamespaces?: readonly ("network" | "pid" | "ipc")[];
  };
  /**
   * Host namespaces it needs where it shares them, beyond those `match` requires to recognise it:
   * Netdata reads the node's network stack on the host network, and runs without it too.
   */
  readonly hostNamespacesNeeded?: readonly ("network" | "pid" | "ipc")[];
  /** What it needs privilege for, completing "it needs privileged mode to ...". */
  readonly needs: string;
  /**
   * Host paths (globs) it needs mounted, as its own manifests mount them: a hostPath finding on
   * one of them explains the isolated exception instead of suggesting another volume type.
   */
  readonly hostPaths?: readonly string[];
  /**
   * False for a workload that needs only the host namespaces of its `match`, not privileged mode:
   * a privileged container of it still gets the capability catalogue's fix. True by default.
   */
  readonly privileged?: boolean;
  /** A safer way to the same end, where one exists. */
  readonly alternative?: string;
  /**
   * Why it runs as root (UID 0), so that `runAsNonRoot: true` would stop it: the kubelet refuses
   * to start a container whose image runs as root under it. Absent when it can run as another user.
   */
  readonly root?: { readonly why: string; readonly evidence: readonly Evidence[] };
  /**
   * Why `capabilities.drop: [ALL]` would stop it: as root it uses capabilities of the container
   * runtime's default set, and its own manifests keep them. Absent when its project runs it with
   * all capabilities dropped.
   */
  readonly keepsDefaults?: KeepsDefaults;
  /**
   * The confinement it must run without: a fix that set the runtime's default AppArmor or seccomp
   * profile where it runs unconfined would stop it, so none is offered.
   */
  readonly unconfined?: {
    readonly appArmor?: UnconfinedNeed;
    readonly seccomp?: UnconfinedNeed;
  };
  readonly evidence: readonly Evidence[];
}

/** Why a workload runs without a confinement (AppArmor, seccomp), and the evidence. */
export interface UnconfinedNeed {
  /** Completes "it needs an unconfined AppArmor profile to ...". */
  readonly why: string;
  readonly evidence: readonly Evidence[];
}

/** The confinements a workload may need to run without. */
export type Confinement = "appArmor" | "seccomp";

/** How a reader names each confinement. */
export const CONFINEMENT_NAME: Readonly<Record<Confinement, string>> = {
  appArmor: "AppArmor",
  seccomp: "seccomp",
};

/** kured's DaemonSet for its command reboot method, and for its signal method. */
const KURED_DS: Evidence = {
  url: "https://github.com/kubereboot/kured/blob/main/kured-ds.yaml",
  says: "hostPID: true # Facilitate entering the host mount namespace via init; privileged: true # Give permission to nsenter /proc/1/ns/mnt",
};
const KURED_SIGNAL_DS: Evidence = {
  url: "https://github.com/kubereboot/kured/blob/main/kured-ds-signal.yaml",
  says: "with --reboot-method=signal: privileged: false, capabilities add [CAP_KILL], hostPID: true",
};
/** Why kured runs as root, whichever its reboot method. */
const KURED_ROOT = {
  why: "it signals or enters the node's init process, PID 1, which belongs to root",
  evidence: [KURED_DS],
};

const TETRAGON_VALUES: Evidence = {
  url: "https://github.com/cilium/tetragon/blob/main/install/kubernetes/tetragon/values.yaml",
  says: "hostNetwork: true (IMPORTANT: Tetragon must be on the host network for the process visibility to function properly); tetragon.securityContext: privileged: true",
};
const KUBESCAPE_NODE_AGENT: Evidence = {
  url: "https://github.com/kubescape/helm-charts/blob/main/charts/kubescape-operator/templates/node-agent/_node-agent.tpl",
  says: "node-agent.podSpec: securityContext appArmorProfile type Unconfined, hostPID: true; node-agent.container: runAsUser: 0, capabilities add SYS_ADMIN, SYS_PTRACE, NET_ADMIN, SYSLOG, SYS_RESOURCE, IPC_LOCK, NET_RAW",
};
const MOUNT_NEEDS_SYS_ADMIN: Evidence = {
  url: "https://man7.org/linux/man-pages/man2/mount.2.html",
  says: "EPERM: the caller does not have the required privileges (CAP_SYS_ADMIN)",
};
const BIDIRECTIONAL_NEEDS_PRIVILEGED: Evidence = {
  url: "https://kubernetes.io/docs/concepts/storage/volumes/#mount-propagation",
  says: "Bidirectional mount propagation is allowed only in privileged containers",
};

const FLANNEL_DOCKERFILE: Evidence = {
  url: "https://github.com/flannel-io/flannel/blob/master/images/Dockerfile",
  says: "the flannel image sets no USER: flanneld runs as root",
};

/** CNI agents: flannel, Calico, Cilium and the like. */
const CNI_AGENT: PrivilegedWorkload = {
  id: "cni-agent",
  title: "CNI agent",
  match: {
    hostNamespaces: ["network"],
    mountPaths: [
      "/etc/cni/net.d",
      "/etc/cni/net.d/**",
      "/host/etc/cni/net.d",
      "/host/etc/cni/net.d/**",
      "/opt/cni/bin",
      "/opt/cni/bin/**",
      "/host/opt/cni/bin",
      "/host/opt/cni/bin/**",
    ],
    images: [
      "calico/node",
      "calico/cni",
      "flannel",
      "flannel-io/flannel",
      "flannelcni/flannel",
      "cilium/cilium",
      "weave-kube",
      // Multus (the meta-plugin) and Whereabouts (IPAM) install themselves on each node.
      "multus-cni",
      "whereabouts",
      "kube-ovn",
      "antrea-agent*",
      "*/canal*",
      "networking/kube-network-policies",
    ],
    programs: ["flanneld", "netpol"],
  },
  needs:
    "program the node's network: interfaces, routes and firewall rules in the host network namespace, and install the CNI configuration and binaries under /etc/cni/net.d and /opt/cni/bin",
  root: {
    why: "its images name no other user, and it writes the CNI binaries and configuration into the node's root-owned /opt/cni/bin and /etc/cni/net.d",
    evidence: [
      FLANNEL_DOCKERFILE,
      {
        url: "https://github.com/projectcalico/calico/blob/master/manifests/calico.yaml",
        says: "install-cni and calico-node run privileged as root, writing /host/opt/cni/bin and /host/etc/cni/net.d",
      },
    ],
  },
  keepsDefaults: {
    why: "runs as root with the runtime's default capabilities besides the ones it adds: flannel stopped working on CRI-O, whose default set lacks NET_RAW, until its manifest added NET_RAW, and its manifests drop none of them",
    evidence: [
      {
        url: "https://github.com/flannel-io/flannel/commit/221a83cab893a4a724aaff0bb53fbfd14a7724e4",
        says: "Add NET_RAW capability to support cri-o (flannel-io/flannel#1300)",
      },
      {
        url: "https://github.com/flannel-io/flannel/blob/master/Documentation/kube-flannel.yml",
        says: "kube-flannel: privileged false, capabilities add [NET_ADMIN, NET_RAW], nothing dropped; its init containers set no security context",
      },
    ],
  },
  hostPaths: [
    "/etc/cni/net.d",
    "/opt/cni/bin",
    "/var/lib/cni/**",
    "/run/xtables.lock",
    "/lib/modules",
    "/run/flannel",
    "/var/run/calico",
    "/var/lib/calico",
    "/var/log/calico/**",
    "/var/run/nodeagent",
    "/sys/fs",
    "/sys/fs/bpf",
  ],
  evidence: [
    {
      url: "https://kubernetes.io/docs/concepts/extend-kubernetes/compute-storage-net/network-plugins/",
      says: "the container runtime calls the CNI plugin found in /opt/cni/bin with the configuration in /etc/cni/net.d",
    },
    {
      url: "https://www.cni.dev/docs/spec/",
      says: "a plugin configures interfaces and routes in the network namespaces of the node and its pods",
    },
    {
      url: "https://github.com/projectcalico/calico/blob/master/manifests/calico.yaml",
      says: "calico-node mounts /lib/modules, /run/xtables.lock, /var/run/calico, /var/lib/calico, /sys/fs, /sys/fs/bpf, /var/log/calico/cni, /var/run/nodeagent, /etc/cni/net.d, /opt/cni/bin and /var/lib/cni/networks from the host",
    },
    {
      url: "https://github.com/flannel-io/flannel/blob/master/Documentation/kube-flannel.yml",
      says: "kube-flannel mounts /run/flannel, /opt/cni/bin, /etc/cni/net.d and /run/xtables.lock from the host",
    },
    {
      url: "https://github.com/flannel-io/flannel/blob/master/chart/kube-flannel/templates/daemonset.yaml",
      says: "on the host network, kube-flannel runs /opt/bin/flanneld with NET_ADMIN and NET_RAW; with netpol.enabled, kube-network-policies runs /bin/netpol privileged with NET_ADMIN beside it",
    },
  ],
};

const CSI_NODE_PLUGIN: PrivilegedWorkload = {
  id: "csi-node-plugin",
  title: "CSI node plugin",
  match: {
    mountPaths: [
      "/var/lib/kubelet/plugins",
      "/var/lib/kubelet/plugins/**",
      "/var/lib/kubelet/plugins_registry",
      "/var/lib/kubelet/plugins_registry/**",
      "/csi",
      "/csi/**",
    ],
    images: ["*csi*node*", "*csi-driver*", "*-csi-*"],
  },
  needs:
    "mount and format volumes on the node for the kubelet, with Bidirectional mount propagation back to the host",
  root: {
    why: "it mounts file systems on the node, which mount(2) allows only with CAP_SYS_ADMIN, and the kernel gives a non-root process no capability",
    evidence: [
      {
        url: "https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/deploy/kubernetes/base/node.yaml",
        says: "the node plugin's pod sets runAsNonRoot: false and runAsUser: 0",
      },
      MOUNT_NEEDS_SYS_ADMIN,
    ],
  },
  hostPaths: ["/var/lib/kubelet", "/var/lib/kubelet/**", "/dev", "/run/udev"],
  evidence: [
    {
      url: "https://kubernetes-csi.github.io/docs/deploying.html",
      says: "the node plugin runs privileged, with Bidirectional mount propagation of the kubelet's directories",
    },
    {
      url: "https://github.com/kubernetes-sigs/aws-ebs-csi-driver/blob/master/deploy/kubernetes/base/node.yaml",
      says: "the node plugin mounts /var/lib/kubelet, its plugin folder under /var/lib/kubelet/plugins, /var/lib/kubelet/plugins_registry and /dev from the host",
    },
    BIDIRECTIONAL_NEEDS_PRIVILEGED,
  ],
};

/** Why Cilium's chart runs its agent and Envoy without AppArmor. */
const CILIUM_APPARMOR: UnconfinedNeed = {
  why: "use the capabilities it adds instead of privileged mode (mounting the BPF and cgroup file systems, entering network namespaces), which the container runtime's default AppArmor profile blocks",
  evidence: [
    {
      url: "https://github.com/cilium/cilium/blob/main/install/kubernetes/cilium/values.yaml",
      says: "podSecurityContext.appArmorProfile type Unconfined (AppArmorProfile options for the cilium-agent and init containers); envoy.podSecurityContext.appArmorProfile type Unconfined",
    },
    {
      url: "https://github.com/bitnami/charts/blob/main/bitnami/cilium/templates/agent/daemonset.yaml",
      says: 'container.apparmor.security.beta.kubernetes.io/cilium-agent: "unconfined", and the same for clean-state, host-mount-cgroup2 and cilium-envoy',
    },
  ],
};

export const PRIVILEGED_WORKLOADS: readonly PrivilegedWorkload[] = [
  {
    // Before the CNI agents in general, which it is too: its charts add capabilities rather than
    // run it privileged (each of them kept, as privileged mode would be), without AppArmor.
    id: "cilium-agent",
    title: "Cilium agent",
    match: CILIUM_MATCH,
    hostNamespacesNeeded: ["network"],
    needs:
      "program the node's network with eBPF from the host network namespace: load programs and maps under /sys/fs/bpf, set routes, interfaces and firewall rules, and install its CNI plugin and configuration on the node",
    hostPaths: [
      ...(CNI_AGENT.hostPaths ?? []),
      "/var/run/cilium",
      "/var/run/cilium/**",
      "/run/cilium/**",
      "/proc",
      "/proc/sys/net",
      "/proc/sys/kernel",
      "/sys/fs/cgroup",
      "/var/run/netns",
      "/run/netns",
    ],
    root: {
      why: "its charts run it as UID 0 with every capability dropped but the ones it adds, which a non-root process would lose, and it writes the node's CNI folders",
      evidence: [CILIUM_VALUES, BITNAMI_CILIUM_VALUES],
    },
    unconfined: { appArmor: CILIUM_APPARMOR },
    evidence: [
      CILIUM_VALUES,
      BITNAMI_CILIUM_VALUES,
      {
        url: "https://github.com/cilium/cilium/blob/main/install/kubernetes/cilium/templates/cilium-agent/daemonset.yaml",
        says: "hostNetwork: true; host paths /sys/fs/bpf, /run/cilium/cgroupv2, /proc, /opt/cni/bin, /etc/cni/net.d, /lib/modules, /run/xtables.lock, /var/run/cilium",
      },
    ],
  },
  {
    id: "cilium-envoy",
    title: "Cilium Envoy proxy",
    match: CILIUM_ENVOY_MATCH,
    hostNamespacesNeeded: ["network"],
    needs:
      "proxy the node's Layer 7 traffic that the Cilium agent redirects to it, from the host network namespace, through the BPF maps the agent shares under /sys/fs/bpf",
    hostPaths: ["/sys/fs/bpf", "/var/run/cilium", "/var/run/cilium/**", "/run/cilium/**"],
    root: {
      why: "its charts run it as UID 0 with every capability dropped but the ones it adds",
      evidence: [BITNAMI_CILIUM_VALUES],
    },
    unconfined: { appArmor: CILIUM_APPARMOR },
    evidence: [
      CILIUM_VALUES,
      {
        url: "https://github.com/cilium/cilium/blob/main/install/kubernetes/cilium/templates/cilium-envoy/daemonset.yaml",
        says: "hostNetwork: true; the cilium-envoy container mounts the BPF file system and /var/run/cilium/envoy/sockets",
      },
    ],
  },
  {
    // Before the CNI agents in general, whose signals (the CNI folders, the host network) it shows
    // too: it adds capabilities rather than running privileged, and runs without AppArmor.
    id: "istio-cni-node-agent",
    title: "Istio CNI node agent",
    match: ISTIO_CNI_MATCH,
    // With ambient.shareHostNetworkNamespace it runs in the node's network namespace.
    hostNamespacesNeeded: ["network"],
    needs:
      "install Istio's CNI plugin and its configuration on the node, and in ambient and repair mode enter each pod's network namespace (found through the node's /proc) to set up its traffic redirection",
    privileged: false,
    hostPaths: [
      "/opt/cni/bin",
      "/etc/cni/net.d",
      "/proc",
      "/var/run/istio-cni",
      "/var/run/ztunnel",
      "/var/run/netns",
      "/run/netns",
    ],
    root: {
      why: "its chart runs it as UID 0 with every capability dropped but the five it adds, which a non-root process would lose, and it writes the node's CNI folders",
      evidence: [ISTIO_CNI_DS],
    },
    unconfined: {
      appArmor: {
        why: "use the capabilities it adds on other pods' network namespaces, which the container runtime's default AppArmor profile blocks",
        evidence: [
          {
            url: "https://github.com/istio/istio/blob/master/manifests/charts/istio-cni/templates/daemonset.yaml",
            says: "appArmorProfile type Unconfined (or the annotation before Kubernetes 1.30): required to avoid conflicts with AppArmor profiles which block certain privileged pod capabilities",
          },
        ],
      },
    },
    evidence: [
      ISTIO_CNI_DS,
      {
        url: "https://istio.io/latest/docs/ambient/architecture/traffic-redirection/",
        says: "the istio-cni node agent responds to CNI events and sets up the traffic redirection inside each ambient pod's network namespace",
      },
    ],
  },
  {
    // Before the CNI agents in general, which it is too: its manifests also share the host's PID
    // and IPC namespaces, which its DSR mode needs.
    ...CNI_AGENT,
    id: "kube-router",
    title: "kube-router agent",
    match: {
      hostNamespaces: ["network"],
      images: ["cloudnativelabs/kube-router", "kube-router"],
      programs: ["kube-router"],
    },
    hostNamespacesNeeded: ["pid", "ipc"],
    needs: `${CNI_AGENT.needs}, and for its direct server return (DSR) mode enter the pods' network namespaces through the container runtime, which needs the host's PID and IPC namespaces`,
    hostPaths: [
      ...(CNI_AGENT.hostPaths ?? []),
      "/etc/iproute2/rt_tables",
      "/usr/lib/iproute2/rt_tables",
      "/usr/share/iproute2/rt_tables",
      "/var/run/containerd",
      "/run/containerd",
      "/opt",
    ],
    evidence: [
      {
        url: "https://github.com/cloudnativelabs/kube-router/blob/master/docs/dsr.md",
        says: "if kube-router is deployed as a Kubernetes pod: hostIPC: true and hostPID: true must be set for the pod; the container runtime socket directory and /etc/iproute2/rt_tables must be mounted",
      },
      {
        url: "https://github.com/cloudnativelabs/kube-router/blob/master/daemonset/kubeadm-kuberouter-all-features-dsr.yaml",
        says: "kube-router runs privileged on the host network with hostIPC and hostPID; its install-cni init container writes /etc/cni/net.d",
      },
    ],
  },
  {
    // Before the CNI agents in general, which it is too: it opens the pods' network namespaces
    // through /proc/<pid>/ns/net, which only the host's PID namespace shows it.
    ...CNI_AGENT,
    id: "kube-ovn-cni-server",
    title: "Kube-OVN CNI server",
    match: {
      hostNamespaces: ["network", "pid"],
      scripts: ["start-cniserver.sh"],
      programs: ["kube-ovn-daemon"],
    },
    hostNamespacesNeeded: ["pid"],
    needs: `${CNI_AGENT.needs}, and enter each pod's network namespace through /proc/<pid>/ns/net, which it sees only in the host's PID namespace`,
    evidence: [
      {
        url: "https://github.com/kubeovn/kube-ovn/pull/6087",
        says: "cni-server: partially revert #5973 to enable hostPID: hostPID must be enabled to access /proc/<PID>/ns/net",
      },
      {
        url: "https://github.com/kubeovn/kube-ovn/blob/master/charts/kube-ovn-v2/templates/agent/agent-daemonset.yaml",
        says: "the kube-ovn-cni DaemonSet: hostNetwork: true, hostPID: true; cni-server runs bash /kube-ovn/start-cniserver.sh; its install-cni init container writes the CNI configuration",
      },
    ],
  },
  CNI_AGENT,
  {
    id: "gpu-driver-container",
    title: "GPU driver container",
    match: {
      hostNamespaces: ["pid"],
      images: ["nvidia/driver"],
      programs: [
        "nvidia-driver",
        "nvidia-installer",
        "nvidia-gds-driver",
        "nvidia-gdrcopy-driver",
        "ocp_dtk_entrypoint",
      ],
    },
    needs:
      "build, load and unload the GPU's kernel modules on the node, create its device nodes, and share the driver's files with the node through /run/nvidia with Bidirectional mount propagation",
    root: {
      why: "it loads kernel modules, which init_module(2) allows only with CAP_SYS_MODULE, and the kernel gives a non-root process no capability",
      evidence: [
        {
          url: "https://man7.org/linux/man-pages/man2/init_module.2.html",
          says: "EPERM: the caller was not privileged (did not have the CAP_SYS_MODULE capability)",
        },
      ],
    },
    hostPaths: [
      "/run/nvidia",
      "/run/nvidia/**",
      "/run/nvidia-fabricmanager",
      "/run/nvidia-topologyd",
      "/run/mellanox/drivers",
      "/run/mellanox/drivers/**",
      "/var/log",
      "/dev/log",
      "/etc/os-release",
      "/sys/module/firmware_class/parameters/path",
      "/sys/devices/system",
    ],
    alternative:
      "Where the nodes' image can carry the driver (a node image with the NVIDIA driver installed), install it there and run no driver container: the GPU Operator's `driver.enabled: false` leaves the device plugin and the container toolkit.",
    evidence: [
      {
        url: "https://github.com/NVIDIA/gpu-driver-container",
        says: "the driver container provisions the NVIDIA driver on the host: docker run --privileged --pid=host -v /run/nvidia:/run/nvidia:shared nvcr.io/nvidia/driver",
      },
      {
        url: "https://github.com/NVIDIA/gpu-operator/blob/main/assets/state-driver/0500_daemonset.yaml",
        says: "hostPID: true; nvidia-driver-ctr, nvidia-peermem-ctr, nvidia-fs-ctr, nvidia-gdrcopy-ctr privileged (\"mandatory as 'nvidia-installer' loads (and unloads) the kernel module\"), /run/nvidia mounted Bidirectional",
      },
      {
        url: "https://github.com/NVIDIA/gpu-operator/blob/main/deployments/gpu-operator/values.yaml",
        says: "driver.enabled: deploy the NVIDIA driver as a container on the node (false where the driver is installed on the host)",
      },
    ],
  },
  {
    id: "sriov-device-plugin",
    title: "device plugin for SR-IOV network devices",
    match: {
      images: ["*sriov-network-device-plugin*", "*sriov-device-plugin*"],
      programs: ["sriovdp"],
    },
    needs:
      "find the node's SR-IOV network devices (physical functions and their virtual functions) and hand them to pods through the kubelet: it reads their network interfaces, which a process sees only in the node's network namespace, and their PCI devices",
    hostNamespacesNeeded: ["network"],
    hostPaths: [
      "/var/lib/kubelet/device-plugins",
      "/var/lib/kubelet/plugins_registry",
      "/var/run/k8s.cni.cncf.io/devinfo/dp",
      "/var/run/cdi",
    ],
    root: {
      why: "it creates its socket in /var/lib/kubelet/device-plugins, which the kubelet creates as root with mode 0750",
      evidence: [
        {
          url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/cm/devicemanager/plugin/v1beta1/server.go",
          says: "Start: os.MkdirAll(s.socketDir, 0750) for the device plugin socket directory",
        },
      ],
    },
    evidence: [
      {
        url: "https://github.com/k8snetworkplumbingwg/sriov-network-device-plugin/blob/master/deployments/sriovdp-daemonset.yaml",
        says: "hostNetwork: true; the kube-sriovdp container privileged, with /var/lib/kubelet/device-plugins, /var/lib/kubelet/plugins_registry and /var/run/k8s.cni.cncf.io/devinfo/dp from the host",
      },
      {
        url: "https://man7.org/linux/man-pages/man5/sysfs.5.html",
        says: "/sys/class/net: the real or virtual networking devices that are visible in the network namespace of the process that is accessing the directory",
      },
    ],
  },
  {
    // Before the CSI node plugins in general, which it is too: on the host network, which its
    // mounts need.
    ...CSI_NODE_PLUGIN,
    id: "csi-network-filesystem",
    title: "CSI driver for network storage (NFS, SMB, Amazon EFS, Ceph)",
    match: {
      hostNamespaces: ["network"],
      images: [
        "sig-storage/nfsplugin",
        "sig-storage/smbplugin",
        "nfsplugin",
        "smbplugin",
        // The SMB and NFS drivers' images before they moved to registry.k8s.io (v1.2 and earlier).
        "k8s/csi/smb-csi",
        "k8s/csi/nfs-csi",
        "aws-efs-csi-driver",
        "cephcsi/cephcsi",
      ],
      programs: ["nfsplugin", "smbplugin", "aws-efs-csi-driver"],
    },
    needs:
      "mount network storage on the node for the kubelet (NFS and SMB controllers mount it too, to create each volume's folder), from the node's network namespace: a kernel mount keeps the connection of the network namespace it was made in, which ends with the pod when it runs on its own network, and the volumes hang",
    evidence: [
      {
        url: "https://github.com/kubernetes-csi/csi-driver-nfs/blob/master/deploy/csi-nfs-node.yaml",
        says: "hostNetwork: true # original nfs connection would be broken without hostNetwork setting; the nfs container runs privileged with /var/lib/kubelet/pods mounted Bidirectional",
      },
      {
        url: "https://github.com/kubernetes-csi/csi-driver-nfs/blob/master/deploy/csi-nfs-controller.yaml",
        says: "hostNetwork: true # controller also needs to mount nfs to create dir",
      },
      {
        url: "https://github.com/kubernetes-csi/csi-driver-smb/blob/master/deploy/csi-smb-node.yaml",
        says: "the csi-smb-node DaemonSet runs with hostNetwork: true and its smb container privileged",
      },
      {
        url: "https://github.com/kubernetes-sigs/aws-efs-csi-driver/pull/1288",
        says: "Setting hostNetwork=False on the Node Daemonset will cause mounts to hang at upgrade time (issue #1270)",
      },
      {
        url: "https://github.com/ceph/ceph-csi/issues/2855",
        says: "Both rbd and cephfs volumes will be blocked when daemonset pods are restarted when they are on pod network",
      },
      ...CSI_NODE_PLUGIN.evidence,
    ],
  },
  CSI_NODE_PLUGIN,
  {
    id: "device-plugin",
    title: "Device plugin",
    match: {
      mountPaths: ["/var/lib/kubelet/device-plugins", "/var/lib/kubelet/device-plugins/**"],
      images: ["*device-plugin*"],
    },
    needs:
      "register with the kubelet through /var/lib/kubelet/device-plugins and see the node's devices to hand them to pods",
    root: {
      why: "it creates its socket in /var/lib/kubelet/device-plugins, which the kubelet creates as root with mode 0750",
      evidence: [
        {
          url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/kubelet/cm/devicemanager/plugin/v1beta1/server.go",
          says: "Start: os.MkdirAll(s.socketDir, 0750) for the device plugin socket directory",
        },
        {
          url: "https://github.com/NVIDIA/k8s-device-plugin/blob/main/deployments/static/nvidia-device-plugin.yml",
          says: "the unprivileged plugin sets allowPrivilegeEscalation: false and drops ALL capabilities, with no runAsUser",
        },
      ],
    },
    hostPaths: ["/var/lib/kubelet/device-plugins", "/dev"],
    evidence: [
      {
        url: "https://kubernetes.io/docs/concepts/extend-kubernetes/compute-storage-net/device-plugins/",
        says: "a device plugin registers through the kubelet's socket in /var/lib/kubelet/device-plugins and usually runs as a privileged DaemonSet",
      },
    ],
  },
  {
    id: "netdata",
    title: "Netdata monitoring agent",
    match: { images: ["netdata/netdata"] },
    needs:
      "monitor the whole node: every process's resources (apps.plugin, which reads other processes' /proc entries), the containers' network interfaces (cgroups.plugin, in the host PID namespace), the node's network stack and the services listening on it (on the host network)",
    privileged: false,
    hostNamespacesNeeded: ["pid", "network"],
    hostPaths: ["/proc", "/sys", "/etc/os-release", "/etc/passwd", "/etc/group", "/var/log"],
    unconfined: {
      appArmor: {
        why: "read other processes' /proc entries for per-process metrics (apps.plugin's ptrace read access), which the container runtime's default AppArmor profile denies",
        evidence: [
          {
            url: "https://learn.netdata.cloud/docs/netdata-agent/installation/docker",
            says: "docker run ... --cap-add SYS_PTRACE --cap-add SYS_ADMIN --security-opt apparmor=unconfined netdata/netdata; the Compose service sets security_opt apparmor:unconfined",
          },
          {
            url: "https://github.com/titpetric/netdata/issues/55",
            says: 'apparmor="DENIED" operation="ptrace" profile="docker-default" comm="apps.plugin" requested_mask="trace", fixed with apparmor:unconfined',
          },
        ],
      },
    },
    evidence: [
      {
        url: "https://learn.netdata.cloud/docs/netdata-agent/installation/docker",
        says: "the container requires specific privileges: cgroups.plugin host PID mode and SYS_ADMIN, proc.plugin and go.d.plugin host network mode, local-listeners host network mode and SYS_PTRACE; mounts /proc, /sys, /etc/os-release, /etc/passwd, /etc/group read-only",
      },
      {
        url: "https://github.com/netdata/helmchart/blob/master/charts/netdata/templates/child/daemonset.yaml",
        says: "the child DaemonSet runs with hostPID and hostNetwork, SYS_PTRACE and SYS_ADMIN added, AppArmor unconfined, the node's /proc and /sys mounted read-only",
      },
    ],
  },
  {
    id: "falco",
    title: "Falco runtime security sensor",
    match: {
      images: [
        "falcosecurity/falco",
        "falcosecurity/falco-no-driver",
        "falcosecurity/falco-distroless",
        "falcosecurity/falcoctl",
        "falcosecurity/falco-driver-loader*",
      ],
      programs: ["falco", "falco-driver-loader", "falcoctl driver"],
      environment: ["FALCO_K8S_NODE_NAME", "FALCO_HOSTNAME", "FALCOCTL_DRIVER_*"],
    },
    needs:
      "load its kernel driver (a kernel module or an eBPF probe) and read the system calls of every process on the node",
    hostPaths: [
      "/boot",
      "/lib/modules",
      "/usr",
      "/etc",
      "/dev",
      "/sys/module",
      "/sys/kernel",
      "/sys/kernel/**",
      "/proc",
    ],
    root: {
      why: "it loads its driver and reads every process's /proc entries as root",
      evidence: [
        {
          url: "https://falco.org/docs/setup/container/",
          says: "Falco runs as root in a privileged container, or with --cap-add for the least-privileged modern eBPF mode",
        },
      ],
    },
    unconfined: {
      appArmor: {
        why: "read the /proc entries of the node's other processes (ptrace read access), which the container runtime's default AppArmor profile denies, leaving Falco's container fields empty",
        evidence: [
          {
            url: "https://github.com/falcosecurity/charts/commit/1310e60b75b9de0debe9f3a9441aa35bbec797eb",
            says: 'with leastPrivileged the chart sets the AppArmor profile unconfined: the default profile denies Falco\'s ptrace reads (apparmor="DENIED" operation="ptrace" profile="cri-containerd.apparmor.d" comm="falco" requested_mask="read")',
          },
          {
            url: "https://github.com/falcosecurity/charts/blob/master/charts/falco/CHANGELOG.md",
            says: "Set apparmor to `unconfined` (disabled) when `leastPrivileged: true` and (`kind: modern_ebpf` or `kind: ebpf`)",
          },
          {
            url: "https://github.com/moby/profiles/pull/9",
            says: "the default AppArmor profile allowed tracing but blocked ptrace reads (/proc/* of other processes) until `ptrace (read, trace) peer=...` rules were added",
          },
        ],
      },
    },
    alternative:
      "With the modern eBPF driver (chart values driver.kind: modern_ebpf and driver.modernEbpf.leastPrivileged: true, Linux 5.8 or later) Falco needs no privileged mode and no driver-loader init container, only the capabilities BPF, PERFMON, SYS_RESOURCE and SYS_PTRACE; the chart then also runs it without AppArmor confinement, which denies the ptrace reads it makes.",
    evidence: [
      {
        url: "https://github.com/falcosecurity/charts/blob/master/charts/falco/templates/pod-template.tpl",
        says: "the falco container and its falco-driver-loader init container are privileged for the kmod and auto drivers; with modern_ebpf and leastPrivileged, capabilities add [BPF, SYS_RESOURCE, PERFMON, SYS_PTRACE] and AppArmor unconfined; host paths /boot, /lib/modules, /usr, /etc, /dev, /sys/module, /sys/kernel and /proc",
      },
      {
        url: "https://github.com/falcosecurity/charts/blob/master/charts/falco/values.yaml",
        says: "driver.modernEbpf.leastPrivileged: constrain Falco with capabilities instead of running a privileged container (CAP_SYS_RESOURCE, CAP_BPF, CAP_PERFMON, CAP_SYS_PTRACE)",
      },
      {
        url: "https://github.com/falcosecurity/charts/commit/1310e60b75b9de0debe9f3a9441aa35bbec797eb",
        says: 'with leastPrivileged the default AppArmor profile denies Falco\'s ptrace reads (apparmor="DENIED" operation="ptrace"), so the chart sets it unconfined',
      },
    ],
  },
  {
    id: "sysdig-agent",
    title: "Sysdig agent and its kernel driver loader",
    match: {
      images: [
        "sysdig/agent",
        "sysdig/agent-slim",
        "sysdig/agent-kmodule",
        "sysdig/host-shield",
        "sysdig/host-shield-kmodule",
      ],
      environment: ["SYSDIG_BPF_PROBE", "SYSDIG_AGENT_DRIVER"],
    },
    hostNamespacesNeeded: ["pid", "network"],
    needs:
      "build and load its kernel driver (a kernel module, or its legacy eBPF probe) into the node's kernel and read the system calls of every process on the node through it",
    hostPaths: [
      "/boot",
      "/lib/modules",
      "/usr",
      "/etc",
      "/etc/modprobe.d",
      "/etc/os-release",
      "/dev",
      "/proc",
      "/sys/fs",
      "/sys/kernel/debug",
    ],
    alternative:
      "With the universal eBPF driver (the agent chart's `ebpf.enabled: true` with `ebpf.kind: universal_ebpf`, the shield chart's host driver `universal_ebpf`) no driver is built or loaded and no kmodule init container runs; the shield chart then runs its host shield with `host.privileged: false` and the capabilities its templates list instead (DAC_READ_SEARCH, KILL, SETGID, SETUID, SYS_ADMIN, SYS_CHROOT, SYS_PTRACE, SYS_RESOURCE).",
    evidence: [
      {
        url: "https://github.com/sysdiglabs/charts/blob/master/charts/agent/templates/daemonset.yaml",
        says: "the pod runs with hostNetwork: true and hostPID: true, whatever the values; the sysdig-agent-kmodule init container (image sysdig/agent-kmodule, which contains the toolchain that builds the kernel module) runs with privileged: true and mounts /etc/modprobe.d, /boot, /etc, /lib/modules and /usr from the host; it is skipped when the universal eBPF driver is enforced",
      },
      {
        url: "https://github.com/sysdiglabs/charts/blob/master/charts/agent/README.md",
        says: "privileged: Run the Sysdig Agent container as privileged. When set to false, eBPF must be enabled and the agent version must be >= 13.3.0",
      },
      {
        url: "https://github.com/sysdiglabs/charts/blob/master/charts/shield/README.md",
        says: "host.privileged: Sets the host shield to run in privileged mode. Disabling requires the use of the Universal eBPF driver. When disabled, the required Linux capabilities are granted automatically.",
      },
    ],
  },
  {
    id: "linstor-satellite",
    title: "LINSTOR satellite and DRBD loader (Piraeus)",
    match: {
      images: [
        "piraeusdatastore/piraeus-server",
        "piraeusdatastore/drbd9-*",
        "piraeusdatastore/drbd-shutdown-guard",
        "piraeusdatastore/piraeus-ha-controller",
        "linbit/drbd9-*",
        "drbd-module-loader",
        "drbd-shutdown-guard",
        "linstor-satellite",
      ],
      programs: ["startSatellite"],
      environment: ["LB_DRBD_MIN_LOADED_VERSION", "LB_FORCE_NODE_NAME"],
    },
    hostNamespacesNeeded: ["network"],
    needs:
      "manage the node's replicated block storage: load the DRBD kernel module, create LVM and ZFS volumes and DRBD devices under the host's /dev, and hold the node's shutdown until DRBD devices are closed (through systemd's bus)",
    hostPaths: [
      "/dev",
      "/lib/modules",
      "/usr/src",
      "/etc/lvm/**",
      "/var/lib/drbd",
      "/var/lib/linstor.d",
      "/run/systemd/system",
      "/run/drbd-shutdown-guard",
      "/run/dbus/system_bus_socket",
      "/run/lock/lvm",
      "/run/udev",
    ],
    evidence: [
      {
        url: "https://github.com/piraeusdatastore/piraeus-operator/blob/v2/pkg/resources/satellite/satellite/daemonset.yaml",
        says: "drbd-module-loader: capabilities drop ALL, add SYS_MODULE, seLinuxOptions type spc_t, /lib/modules and /usr/src mounted; drbd-shutdown-guard: privileged, /run/systemd/system and the system bus socket mounted; linstor-satellite (args startSatellite): privileged, NET_ADMIN and SYS_ADMIN added, the host's /dev, /var/lib/drbd, /var/lib/linstor.d and /etc/lvm mounted",
      },
      {
        url: "https://github.com/piraeusdatastore/piraeus-operator/blob/v2/docs/explanation/components.md",
        says: "The LINSTOR Satellite service runs on each node. It acts as the local configuration agent for LINSTOR managed storage. Satellites interact with the host operating system directly and are deployed as privileged containers. Any DRBD device will inherit the network namespace of the Satellite Pods: unless the Satellites are using host networking, DRBD will not be able to replicate data without a running Satellite Pod",
      },
    ],
  },
  {
    id: "topolvm",
    title: "TopoLVM's lvmd and node plugin",
    match: {
      images: ["topolvm/topolvm", "topolvm/topolvm-with-sidecar"],
      programs: ["lvmd", "topolvm-node"],
    },
    hostNamespacesNeeded: ["pid"],
    needs:
      "run the node's LVM commands (lvcreate, lvextend, lvremove) as host processes, entering the namespaces of the node's PID 1 with nsenter, so that the volume groups, device nodes and LVM metadata it changes are the node's",
    hostPaths: ["/run/topolvm", "/run/lvmd", "/dev", "/var/lib/kubelet/**"],
    alternative:
      "Run lvmd as a systemd service on each node instead (TopoLVM's advanced setup), so that only the node plugin runs in a pod.",
    evidence: [
      {
        url: "https://github.com/topolvm/topolvm/blob/main/docs/advanced-setup.md",
        says: "Since these modes uses `nsenter` to run `lvm` related commands as a host process, it is necessary to enable `hostPID` and privileged mode for the Pods. … In this case, you can choose to run as a systemd service.",
      },
      {
        url: "https://github.com/topolvm/topolvm/blob/main/charts/topolvm/values.yaml",
        says: "lvmd.securityContext: privileged: true; node.securityContext: privileged: true; the lvmd and node DaemonSets set hostPID: true",
      },
    ],
  },
  {
    id: "ebpf-auto-instrumentation",
    title: "eBPF auto-instrumentation agent",
    match: EBPF_INSTRUMENTATION_MATCH,
    hostNamespacesNeeded: ["pid", "network"],
    needs:
      "instrument the node's applications from outside them: it finds their processes in the node's PID namespace and attaches eBPF probes to them, and on the host network it reads the node's network flows and propagates trace context",
    privileged: false,
    hostPaths: ["/sys/fs/cgroup", "/sys/kernel/tracing", "/sys/kernel/debug", "/sys/fs/bpf"],
    evidence: [
      OBI_CHART,
      BEYLA_SECURITY,
      {
        url: "https://grafana.com/docs/beyla/latest/setup/kubernetes/",
        says: "as a DaemonSet Beyla instruments the node's processes: hostPID: true",
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
    needs:
      "inspect every container of the node with the eBPF programs it loads, through the host's /proc, /run, /var and cgroup, BPF and debug file systems",
    privileged: false,
    hostPaths: [
      "/bin",
      "/etc",
      "/opt",
      "/usr",
      "/proc",
      "/run",
      "/var",
      "/sys/fs/cgroup",
      "/sys/fs/bpf",
      "/sys/kernel/debug",
    ],
    unconfined: {
      appArmor: {
        why: "write /sys/fs/bpf and /sys/kernel/debug/tracing, which the container runtime's default AppArmor profile denies (mkdir /sys/fs/bpf/gadget: permission denied)",
        evidence: [INSPEKTOR_GADGET_DEPLOY],
      },
    },
    evidence: [INSPEKTOR_GADGET_DEPLOY],
  },
  {
    id: "kubescape-node-agent",
    title: "Kubescape node agent",
    match: { images: ["kubescape/node-agent"] },
    hostNamespacesNeeded: ["pid"],
    needs:
      "detect threats at run time in every container of the node with the eBPF programs it loads, and tell their processes apart in the node's PID namespace",
    privileged: false,
    hostPaths: [
      "/",
      "/var/lib/kubelet",
      "/run",
      "/var",
      "/sys/fs/cgroup",
      "/lib/modules",
      "/sys/fs/bpf",
    ],
    root: {
      why: "it loads eBPF programs with the capabilities it adds, which a non-root process would lose",
      evidence: [KUBESCAPE_NODE_AGENT],
    },
    unconfined: {
      appArmor: {
        why: "load eBPF programs and write under /sys/fs/bpf, which the container runtime's default AppArmor profile denies",
        evidence: [
          KUBESCAPE_NODE_AGENT,
          {
            url: "https://github.com/kubernetes/minikube/blob/master/deploy/addons/inspektor-gadget/ig-daemonset.yaml.tmpl",
            says: "an eBPF agent set unconfined so it is able to write /sys/fs/bpf as well as /sys/kernel/debug/tracing (mkdir /sys/fs/bpf/gadget: permission denied otherwise)",
          },
        ],
      },
    },
    evidence: [
      KUBESCAPE_NODE_AGENT,
      {
        url: "https://github.com/kubescape/helm-charts/blob/main/charts/kubescape-operator/values.yaml",
        says: "nodeAgent: privileged: false; volumes: hostPath /, /var/lib/kubelet, /run, /var, /sys/fs/cgroup, /lib/modules, /sys/fs/bpf",
      },
      {
        url: "https://github.com/kubescape/helm-charts/blob/main/gke-allowlist/armo-kubescape-node-agent-1.40-v2.yaml",
        says: "Node Agent monitors all processes/containers on the node, so it needs the host PID namespace",
      },
    ],
  },
  {
    id: "tracee",
    title: "Tracee runtime security agent",
    match: TRACEE_MATCH,
    hostNamespacesNeeded: ["pid"],
    needs:
      "trace the system calls and kernel events of every process on the node with the eBPF programs it loads, and tell its processes apart",
    privileged: false,
    hostPaths: ["/etc/os-release", "/boot", "/sys/fs/bpf", "/sys/kernel/btf", "/proc"],
    root: {
      why: "it loads eBPF programs with the capabilities it adds, which a non-root process would lose",
      evidence: [
        {
          url: "https://github.com/aquasecurity/tracee/blob/main/docs/docs/install/prerequisites.md",
          says: "the easiest way is to run Tracee as privileged or root; least privileges: the capabilities listed",
        },
      ],
    },
    evidence: [
      {
        url: "https://github.com/aquasecurity/tracee/blob/main/deploy/helm/tracee/values.yaml",
        says: "hostPID configures Tracee pods to use the host's pid namespace: hostPID: true; securityContext privileged: true",
      },
    ],
  },
  {
    id: "tetragon",
    title: "Tetragon runtime security agent",
    match: { images: ["cilium/tetragon"], programs: ["tetragon"] },
    hostNamespacesNeeded: ["network"],
    needs:
      "observe and enforce on every process, file access and network connection of the node with the eBPF programs it loads into the kernel; its chart runs it privileged, on the host network, which its process visibility needs",
    hostPaths: [
      "/var/run/cilium",
      "/var/run/tetragon",
      "/var/log/tetragon",
      "/sys/fs/bpf",
      "/proc",
    ],
    root: {
      why: "it loads eBPF programs and reads every process's /proc entries as root",
      evidence: [TETRAGON_VALUES],
    },
    evidence: [
      TETRAGON_VALUES,
      {
        url: "https://github.com/cilium/tetragon/blob/main/install/kubernetes/tetragon/templates/daemonset.yaml",
        says: "host paths /var/run/cilium, /var/run/tetragon, the export directory /var/log/tetragon, /sys/fs/bpf and the host's /proc",
      },
    ],
  },
  {
    id: "datadog-system-probe",
    title: "Datadog system-probe",
    match: { programs: ["system-probe"] },
    needs:
      "observe the node's network connections, services and system calls with eBPF programs it loads: it writes under /sys/fs/bpf and /sys/kernel/debug/tracing and reads other processes' /proc entries",
    privileged: false,
    unconfined: {
      appArmor: {
        why: "write under /sys/fs/bpf and /sys/kernel/debug/tracing and read other processes' /proc entries, which the container runtime's default AppArmor profile denies",
        evidence: [
          {
            url: "https://github.com/DataDog/helm-charts/blob/main/charts/datadog/values.yaml",
            says: "datadog.systemProbe.apparmor: unconfined; agents.podSecurity.defaultApparmor: Default AppArmor profile for all containers but system-probe",
          },
          {
            url: "https://github.com/DataDog/helm-charts/issues/35",
            says: "the unconfined apparmor profile used by default by the system probe container",
          },
          {
            url: "https://github.com/kubernetes/minikube/blob/master/deploy/addons/inspektor-gadget/ig-daemonset.yaml.tmpl",
            says: "an eBPF agent set unconfined so it is able to write /sys/fs/bpf as well as /sys/kernel/debug/tracing (mkdir /sys/fs/bpf/gadget: permission denied otherwise)",
          },
        ],
      },
    },
    evidence: [
      {
        url: "https://github.com/DataDog/helm-charts/blob/main/charts/datadog/templates/_container-system-probe.yaml",
        says: "the system-probe container: capabilities from agents.containers.systemProbe.securityContext, the AppArmor profile datadog.systemProbe.apparmor (unconfined), no privileged mode",
      },
    ],
  },
  {
    id: "node-startup-script",
    title: "script run on the node through its init process",
    match: {
      images: ["cilium/startup-script"],
      environment: ["STARTUP_SCRIPT"],
      // `nsenter` into the namespaces of PID 1: the node's, with the host PID namespace (or the
      // node's /proc mounted), as Longhorn's prerequisite installers run their scripts.
      programs: [
        "nsenter --mount=/proc/1/ns/mnt --mount=*/proc/1/ns/mnt -m/proc/1/ns/mnt -m*/proc/1/ns/mnt --target=1 -t1 --target -t",
      ],
    },
    hostNamespacesNeeded: ["pid", "network"],
    needs:
      "run a script on the node itself, in the node's mount and network namespaces entered through its init process (`nsenter --target=1 --mount`, `nsenter --mount=/proc/1/ns/mnt`), to prepare the node: install packages, load kernel modules, change the kubelet's and the network's settings (Cilium's node-init, before the network plugin starts)",
    hostPaths: ["/", "/proc", "/sys", "/etc", "/var/lib/kubelet/**"],
    unconfined: {
      appArmor: {
        why: "run the node's own tools in the node's namespaces, as Cilium's chart runs it, without AppArmor confinement",
        evidence: [
          {
            url: "https://github.com/cilium/cilium/blob/main/install/kubernetes/cilium/values.yaml",
            says: "nodeinit.podSecurityContext.appArmorProfile type Unconfined (AppArmorProfile options for the node-init and init containers)",
          },
        ],
      },
    },
    evidence: [
      {
        url: "https://github.com/cilium/cilium/blob/main/install/kubernetes/cilium/templates/cilium-nodeinit/daemonset.yaml",
        says: "STARTUP_SCRIPT is the script run on node bootstrap ... invoked using nsenter, so it runs in the host's network and mount namespace using the host's userland tools; hostPID: true, hostNetwork: true",
      },
      {
        url: "https://github.com/cilium/cilium/blob/main/install/kubernetes/cilium/values.yaml",
        says: "nodeinit.securityContext: privileged false, seLinuxOptions type spc_t, capabilities add SYS_MODULE, NET_ADMIN, SYS_ADMIN, SYS_CHROOT, SYS_PTRACE",
      },
      {
        url: "https://github.com/longhorn/longhorn/blob/master/deploy/prerequisite/longhorn-cifs-installation.yaml",
        says: "hostNetwork: true, hostPID: true; an init container runs `nsenter --mount=/proc/1/ns/mnt -- bash -c` the node's package manager to install cifs-utils, with privileged: true (likewise longhorn-iscsi-selinux-workaround.yaml and the GKE COS node agent)",
      },
      {
        url: "https://man7.org/linux/man-pages/man2/setns.2.html",
        says: "joining a mount namespace requires CAP_SYS_CHROOT and CAP_SYS_ADMIN; joining another namespace requires CAP_SYS_ADMIN in the namespace it belongs to",
      },
    ],
  },
  {
    id: "cni-operator",
    title: "network plugin's operator or set-up job",
    match: {
      images: [
        "cilium/operator",
        "cilium/operator-*",
        "cilium/certgen",
        "bitnami/cilium-operator",
        "tigera/operator",
        "calico/typha",
      ],
      // Calico's one image runs each component by its arguments (`component typha`); Typha reads
      // its settings from TYPHA_ variables. Canal's set-up Job writes flannel's network to etcd.
      programs: [
        "cilium-operator",
        "cilium-operator-*",
        "component typha",
        "etcdctl /coreos.com/network/config",
      ],
      environment: ["TYPHA_*"],
    },
    hostNamespacesNeeded: ["network"],
    needs:
      "run before the pod network exists: it installs or configures the network plugin that gives pods their network (or the certificates it starts with), so on the pod network it could not start until it had run",
    privileged: false,
    evidence: [
      {
        url: "https://github.com/tigera/operator/issues/1419",
        says: "Operator is the one installing Calico, and until that happens there is no pod-network, i.e. operator has to run host-networked to avoid a chicken-and-egg scenario",
      },
      {
        url: "https://github.com/cilium/cilium/pull/8421",
        says: "as the operator can be running in hostNetwork, its schedule is not dependent in the initialization of a cluster DNS nor Cilium to be up and ready (after operator: Run operator in host networking mode)",
      },
      {
        url: "https://github.com/bitnami/charts/blob/main/bitnami/cilium/values.yaml",
        says: "operator.hostNetwork: true, true by default as upstream does",
      },
      {
        url: "https://github.com/cilium/cilium/pull/17238",
        says: "a chicken and egg problem: because the Nodes are in NotReady state waiting on the CNI, cert-manager Pods are in Pending state; Cilium's own certgen jobs run with hostNetwork: true",
      },
      {
        url: "https://github.com/projectcalico/calico/blob/master/manifests/calico-typha.yaml",
        says: "calico-typha (args [component, typha]) runs with hostNetwork: true: calico-node, itself on the host network, takes the datastore's contents from Typha to set up the pod network",
      },
      {
        url: "https://github.com/projectcalico/calico/blob/master/charts/calico/templates/configure-canal.yaml",
        says: "Canal's configure-canal Job runs `etcdctl set /coreos.com/network/config` (flannel's network, before flannel can start) with hostNetwork: true",
      },
    ],
  },
  {
    id: "calico-kube-controllers-etcd",
    title: "Calico's kube-controllers on the etcd datastore",
    match: {
      hostNamespaces: ["network"],
      images: ["calico/kube-controllers"],
      programs: ["component kube-controllers"],
      environment: ["ENABLED_CONTROLLERS"],
    },
    needs:
      "reach Calico's etcd datastore outside the network policy Calico itself enforces, which it keeps in step with Kubernetes: policy that cut it off would stop the policy updates that could let it through",
    privileged: false,
    evidence: [
      {
        url: "https://github.com/projectcalico/calico/blob/master/manifests/calico-etcd.yaml",
        says: "calico-kube-controllers: The controllers must run in the host network namespace so that it isn't governed by policy that would prevent it from working. hostNetwork: true",
      },
      {
        url: "https://github.com/kubernetes-sigs/kubespray/pull/9572",
        says: "Calico in etcd mode requires hostNetwork: according to calico-etcd.yaml, hostNetwork is necessary for calico using etcd",
      },
    ],
  },
  {
    id: "cni-api-server",
    title: "network plugin's controller serving the Kubernetes API server",
    match: {
      images: ["antrea/antrea-controller-*", "antrea/antrea-mc-controller"],
      programs: ["antrea-controller", "antrea-mc-controller"],
    },
    hostNamespacesNeeded: ["network"],
    needs:
      "serve the API the Kubernetes API server aggregates and the admission webhooks it calls: a control plane outside the cluster's overlay network (EKS) cannot reach a pod in it, only a pod on its node's network",
    privileged: false,
    evidence: [
      {
        url: "https://github.com/antrea-io/antrea/blob/main/docs/eks-installation.md",
        says: "EKS control plane cannot initiate a connection to a Pod in Antrea overlay network ... Kubernetes API aggregation or admission controller will not work with encap mode on EKS ... A workaround is to run such Pods in hostNetwork",
      },
      {
        url: "https://github.com/antrea-io/antrea/pull/3965",
        says: "Use hostNetwork for Multi-cluster controller: we have webhooks on Antrea MC controller, and it will fail if it's not running with hostNetwork mode in EKS clusters",
      },
      {
        url: "https://github.com/antrea-io/antrea/blob/main/build/charts/antrea/templates/controller/apiservices.yaml",
        says: "APIService objects (controlplane.antrea.io and others) served by the antrea-controller Service, whose Deployment runs with hostNetwork: true",
      },
    ],
  },
  {
    id: "splunk-otel-collector-agent",
    title: "Splunk OpenTelemetry Collector agent",
    match: { hostNamespaces: ["network"], images: ["signalfx/splunk-otel-collector"] },
    hostNamespacesNeeded: ["network"],
    needs:
      "scrape the control plane components of its node (the controller manager, the scheduler, etcd's metrics port, kube-proxy), which listen on the node's own addresses: its chart runs it on the host network for them",
    privileged: false,
    evidence: [
      {
        url: "https://github.com/signalfx/splunk-otel-collector-chart/blob/main/helm-charts/splunk-otel-collector/values.yaml",
        says: "agent.hostNetwork: true: hostNetwork schedules the pod with the host's network namespace. Disabling this value will affect monitoring of some control plane components",
      },
      {
        url: "https://github.com/signalfx/splunk-otel-collector-chart/blob/main/helm-charts/splunk-otel-collector/values.yaml",
        says: "agent.controlPlaneMetrics.etcd: otherwise (default) plain HTTP to <pod-ip>:2381 (requires agent.hostNetwork: true)",
      },
    ],
  },
  {
    // Before node agents in general: it needs the host's network namespace as well, and no
    // privilege.
    id: "node-exporter",
    title: "Prometheus node exporter",
    match: {
      images: ["prometheus/node-exporter", "prom/node-exporter", "*node-exporter"],
      programs: ["node_exporter"],
    },
    hostNamespacesNeeded: ["network", "pid"],
    needs:
      "report the node's own metrics: its network interfaces and traffic, seen only from the host network namespace, its processes from the host PID namespace, and its file systems through the node's root mounted read-only",
    privileged: false,
    hostPaths: ["/", "/proc", "/sys", "/run/systemd/private", "/var/run/dbus/system_bus_socket"],
    evidence: [
      {
        url: "https://github.com/prometheus/node_exporter#docker",
        says: 'designed to monitor the host system; in a container: docker run -d --net="host" --pid="host" -v "/:/host:ro,rslave" quay.io/prometheus/node-exporter --path.rootfs=/host',
      },
      {
        url: "https://github.com/prometheus-community/helm-charts/blob/main/charts/prometheus-node-exporter/values.yaml",
        says: "hostNetwork: true (Expose the service to the host network); hostPID: true (Share the host process ID namespace); the node's root mounted at /host/root",
      },
    ],
  },
  {
    id: "node-agent",
    title: "Node agent reading the host's processes",
    match: {
      hostNamespaces: ["pid"],
      mountPaths: ["/proc", "/host/proc", "/host/proc/**", "/host", "/rootfs", "/"],
    },
    needs: "see every process of the node through the host's /proc in the host PID namespace",
    hostPaths: ["/proc", "/sys", "/"],
    alternative:
      "Many monitoring agents need only host PID and a read-only mount of /proc (node-exporter runs unprivileged that way); grant the agent's documented capabilities (for an eBPF agent BPF and PERFMON) instead of privileged mode where its vendor documents them.",
    evidence: [
      {
        url: "https://github.com/prometheus/node_exporter#docker",
        says: "--pid=host and the host's root mounted read-only (-v /:/host:ro,rslave), without --privileged",
      },
      {
        url: "https://man7.org/linux/man-pages/man5/proc.5.html",
        says: "/proc/[pid] of every process of the PID namespace the mount belongs to",
      },
    ],
  },
  {
    id: "node-compliance-scanner",
    title: "CIS benchmark node scanner",
    match: {
      hostNamespaces: ["pid"],
      images: ["kube-bench"],
      programs: ["kube-bench"],
    },
    needs:
      "check the node's Kubernetes components against the CIS Kubernetes Benchmark: read their running processes' command lines in the host PID namespace and their configuration and data files on the node, read-only",
    privileged: false,
    hostPaths: [
      "/etc",
      "/var",
      "/var/lib/cni",
      "/var/lib/etcd",
      "/var/lib/kubelet",
      "/var/lib/kube-scheduler",
      "/var/lib/kube-controller-manager",
      "/etc/systemd",
      "/lib/systemd",
      "/srv/kubernetes",
      "/etc/kubernetes",
      "/usr/bin",
      "/etc/cni/net.d",
      "/opt/cni/bin",
    ],
    alternative:
      "Run it as a Job when an audit is due rather than as a standing workload, with every host path mounted read-only, and where the provider manages the control plane run only the node checks (`kube-bench run --targets node`).",
    evidence: [
      {
        url: "https://github.com/aquasecurity/kube-bench/blob/main/docs/running.md",
        says: "You can run kube-bench inside a pod, but it will need access to the host's PID namespace in order to check the running processes, as well as access to some directories on the host where config files and other files are stored",
      },
      {
        url: "https://github.com/aquasecurity/kube-bench/blob/main/job.yaml",
        says: "hostPID: true; /var/lib/etcd, /var/lib/kubelet, /etc/systemd, /etc/kubernetes, /etc/cni/net.d, /opt/cni/bin and others mounted readOnly; no privileged mode",
      },
    ],
  },
  {
    id: "node-reboot-signal",
    title: "kured node reboot daemon using its signal reboot method",
    match: { arguments: ["--reboot-method=signal"] },
    needs:
      "reboot its node when the node asks for it, by sending the node's systemd (PID 1) the signal SIGRTMIN+5",
    privileged: false,
    hostNamespacesNeeded: ["pid"],
    root: KURED_ROOT,
    evidence: [
      KURED_SIGNAL_DS,
      {
        url: "https://github.com/kubereboot/kured/blob/main/pkg/reboot/signal.go",
        says: "signal of SIGRTMIN+5 to PID 1",
      },
    ],
  },
  {
    id: "node-reboot-daemon",
    title: "kured node reboot daemon",
    match: { images: ["kubereboot/kured", "weaveworks/kured", "kured"], programs: ["kured"] },
    needs:
      "reboot its node when the node asks for it (a sentinel file such as /var/run/reboot-required): it enters the node's mount namespace through PID 1 (nsenter -m/proc/1/ns/mnt) and runs the node's own reboot command",
    hostNamespacesNeeded: ["pid"],
    root: KURED_ROOT,
    alternative:
      "Its signal reboot method (`--reboot-method=signal`, as kured-ds-signal.yaml runs it) sends the node's systemd SIGRTMIN+5 instead: no privileged mode, only `KILL` added, with the host PID namespace.",
    evidence: [KURED_DS, KURED_SIGNAL_DS],
  },
  {
    id: "lb-announcer",
    title: "Load-balancer address announcer",
    match: {
      hostNamespaces: ["network"],
      images: [
        "metallb/speaker",
        "*metallb-speaker*",
        "frrouting/frr",
        "kube-vip/kube-vip",
        "plndr/kube-vip",
      ],
      environment: ["METALLB_NODE_NAME", "vip_arp"],
    },
    needs:
      "announce service addresses from the node itself: answer ARP and NDP requests for them on the node's interfaces (layer 2 mode) or hold BGP sessions from the node's address",
    privileged: false,
    evidence: [
      {
        url: "https://metallb.universe.tf/concepts/layer2/",
        says: "in layer 2 mode one node's speaker answers ARP (IPv4) and NDP (IPv6) requests for the service IPs on the node's network",
      },
      {
        url: "https://github.com/metallb/metallb/blob/main/config/manifests/metallb-native.yaml",
        says: "the speaker DaemonSet runs with hostNetwork: true and capabilities add [NET_RAW]; speaker reads METALLB_NODE_NAME for --node-name",
      },
      {
        url: "https://kube-vip.io/docs/installation/daemonset/",
        says: "the generated DaemonSet manifest runs kube-vip with hostNetwork: true, configured through variables such as vip_arp",
      },
      {
        url: "https://github.com/metallb/metallb/blob/main/config/manifests/metallb-frr-k8s.yaml",
        says: "the frr-k8s-daemon DaemonSet (FRR's containers, image quay.io/frrouting/frr, beside its controller) runs with hostNetwork: true: FRR holds the BGP sessions from the node and programs the node's routes",
      },
    ],
  },
  {
    id: "host-firewall-banner",
    title: "intrusion banner writing the host's firewall",
    match: { hostNamespaces: ["network"], ...FIREWALL_BANNER_MATCH },
    needs:
      "ban addresses in the host's own firewall: the rules it writes hold in the network namespace it runs in, so only in the host's do they protect the host",
    privileged: false,
    evidence: FIREWALL_BANNER_EVIDENCE,
  },
  {
    id: "local-cluster-client",
    title: "client of a local cluster given the host's kubeconfig",
    match: {
      hostNamespaces: ["network"],
      mountPaths: ["**/.kube", "**/.kube/config"],
      environment: ["KUBECONFIG"],
    },
    needs:
      "reach a local cluster's API server where kind, k3d and minikube publish it, on the host's loopback address (the kubeconfig they write names https://127.0.0.1:<port>), or a `kubectl proxy` listening there",
    privileged: false,
    alternative:
      "With kind, `kind get kubeconfig --internal` writes a kubeconfig that names the control plane's container instead, reached on the `kind` Docker network (`--network kind`) rather than the host's.",
    evidence: [
      {
        url: "https://kind.sigs.k8s.io/docs/user/configuration/#api-server",
        says: "by default the API server listens on 127.0.0.1 of the host at a random port; kind writes that address into the kubeconfig",
      },
      {
        url: "https://kind.sigs.k8s.io/docs/user/quick-start/#interacting-with-your-cluster",
        says: "kind get kubeconfig --internal: the kubeconfig for use from inside the cluster's Docker network",
      },
      {
        url: "https://github.com/kubernetes/ingress-nginx/blob/main/test/e2e/run-chart-test.sh",
        says: "docker run --volume $KUBECONFIG:/root/.kube/config:ro --network host … ct install: chart-testing against the kind cluster of the dev environment",
      },
    ],
  },
  {
    id: "docker-in-docker",
    title: "Docker-in-Docker daemon",
    match: {
      images: ["docker:*dind*", "*/dind*", "*docker-dind*", "*/docker:*dind*"],
      programs: ["dockerd", "dockerd-entrypoint.sh"],
      // The daemon's own flag where the image's entrypoint starts it (Tekton's dind sidecar
      // example, its image pinned by digest).
      arguments: ["--userland-proxy=*"],
    },
    needs:
      "run its own container runtime: mount file systems, create namespaces and cgroups, and manage iptables",
    root: {
      why: "dockerd runs as root unless it is the rootless variant",
      evidence: [
        {
          url: "https://docs.docker.com/engine/security/rootless/",
          says: "rootless mode is a separate setup (dockerd-rootless.sh); the regular daemon runs as root",
        },
      ],
    },
    alternative:
      "Build images without a daemon instead: rootless BuildKit (moby/buildkit:rootless) or kaniko need no privileged mode; rootless Docker-in-Docker (docker:dind-rootless) needs less.",
    evidence: [
      {
        url: "https://hub.docker.com/_/docker",
        says: "Docker in Docker requires --privileged to function",
      },
      {
        url: "https://github.com/moby/buildkit/blob/master/docs/rootless.md",
        says: "rootless BuildKit runs without privileged mode",
      },
      {
        url: "https://github.com/GoogleContainerTools/kaniko",
        says: "builds images without privileged mode",
      },
    ],
  },
  {
    id: "kubernetes-node-in-container",
    title: "Kubernetes node in a container",
    match: {
      images: ["kindest/node", "rancher/k3s", "k8s-minikube/kicbase"],
      // k3s in an image of the project's own build, by the variables k3s reads.
      environment: ["K3S_TOKEN", "K3S_URL", "K3S_CLUSTER_INIT"],
    },
    needs:
      "run a whole Kubernetes node inside it: its init, container runtime and kubelet mount file systems, create the pods' cgroups and namespaces and program iptables, with mounts Docker gives only privileged containers",
    root: {
      why: "its init, container runtime and kubelet run as root inside it, as on a node",
      evidence: [
        {
          url: "https://github.com/kubernetes-sigs/kind/blob/main/pkg/cluster/internal/providers/docker/provision.go",
          says: "kind creates each node container with --privileged, seccomp=unconfined and apparmor=unconfined; its node image runs systemd, containerd and the kubelet as root",
        },
      ],
    },
    alternative:
      "Test against the API alone where that is enough (controller-runtime's envtest runs kube-apiserver and etcd as ordinary processes), or run the nodes as virtual machines, or their containers under a runtime that gives them a user namespace instead (Sysbox).",
    evidence: [
      {
        url: "https://github.com/kubernetes-sigs/kind/blob/main/pkg/cluster/internal/providers/docker/provision.go",
        says: "running containers in a container requires privileged; we could try to replicate this with --cap-add, but this flag also changes some mounts that are necessary",
      },
      {
        url: "https://docs.k3s.io/advanced#running-k3s-in-docker",
        says: "docker run ... --privileged rancher/k3s:vX.Y.Z, and the project's docker-compose.yml runs server and agent with privileged: true",
      },
      {
        url: "https://docs.k3s.io/reference/env-variables",
        says: "K3S_TOKEN, K3S_URL and K3S_CLUSTER_INIT are read by the k3s server and agent (the token to join with, the server to join, starting an embedded etcd cluster)",
      },
      {
        url: "https://github.com/kubernetes/minikube/blob/master/pkg/drivers/kic/oci/oci.go",
        says: "minikube's docker driver creates its kicbase node container with --privileged: running containers in a container requires privileged",
      },
    ],
  },
  {
    id: "buildkit-rootless",
    title: "Rootless BuildKit daemon",
    match: {
      images: ["moby/buildkit:*rootless*"],
      programs: ["buildkitd-rootless*", "rootlesskit"],
    },
    needs:
      "build images as a non-root user, creating a user namespace and mounting file systems for each build step",
    privileged: false,
    unconfined: {
      seccomp: {
        why: "call unshare (used by runc) and mount (used by its snapshotters), which the runtime's default seccomp profile refuses to a process without CAP_SYS_ADMIN",
        evidence: [
          {
            url: "https://github.com/moby/buildkit/blob/master/docs/rootless.md",
            says: "`seccomp=unconfined`: for allowing several syscalls such as `unshare` (used by runc) and `mount` (used by snapshotters, etc)",
          },
          {
            url: "https://github.com/moby/buildkit/blob/master/examples/kubernetes/deployment%2Bservice.rootless.yaml",
            says: "the rootless buildkitd container sets seccompProfile type Unconfined and appArmorProfile type Unconfined, runAsUser 1000",
          },
        ],
      },
      appArmor: {
        why: "mount file systems for its build steps, which the runtime's default AppArmor profile denies",
        evidence: [
          {
            url: "https://github.com/moby/buildkit/blob/master/docs/rootless.md",
            says: "`apparmor=unconfined`: for allowing mounting filesystems, etc. Not needed when the host operating system does not use AppArmor",
          },
          {
            url: "https://github.com/moby/buildkit/blob/master/examples/kubernetes/deployment%2Bservice.rootless.yaml",
            says: "the rootless buildkitd container sets appArmorProfile type Unconfined (Kubernetes 1.30 and later)",
          },
        ],
      },
    },
    evidence: [
      {
        url: "https://github.com/moby/buildkit/blob/master/docs/rootless.md",
        says: "rootless BuildKit runs in a container without privileged mode, with seccomp, AppArmor and the /proc masks unconfined (or --oci-worker-no-process-sandbox for the last)",
      },
    ],
  },
  {
    id: "home-assistant-supervisor",
    title: "Home Assistant Supervisor",
    match: {
      images: ["home-assistant/*-hassio-supervisor"],
      environment: ["SUPERVISOR_NAME", "SUPERVISOR_SHARE"],
    },
    needs:
      "manage the host it runs Home Assistant on: its add-on containers through the Docker socket, the host's services through D-Bus, and the hardware (USB, serial, Bluetooth devices) it hands to add-ons",
    unconfined: {
      seccomp: {
        why: "manage the host's devices and mounts for its add-ons, as its own runs of it give it no seccomp filter",
        evidence: [
          {
            url: "https://github.com/home-assistant/supervisor/blob/main/.github/workflows/builder.yml",
            says: "docker create --name hassio_supervisor --privileged --security-opt seccomp=unconfined --security-opt apparmor=unconfined -v /run/docker.sock:/run/docker.sock:rw -v /run/dbus:/run/dbus:ro … -e SUPERVISOR_NAME=hassio_supervisor",
          },
        ],
      },
      appArmor: {
        why: "manage the host's devices and mounts for its add-ons, as its own runs of it give it no AppArmor profile",
        evidence: [
          {
            url: "https://github.com/home-assistant/supervisor/blob/main/.github/workflows/builder.yml",
            says: "docker create --name hassio_supervisor --privileged --security-opt seccomp=unconfined --security-opt apparmor=unconfined",
          },
        ],
      },
    },
    hostPaths: ["/run/docker.sock", "/run/dbus", "/etc/machine-id", "/run/supervisor"],
    evidence: [
      {
        url: "https://github.com/home-assistant/supervisor/blob/main/.github/workflows/builder.yml",
        says: "the Supervisor's own test run creates it with --privileged, seccomp and AppArmor unconfined, the Docker socket and the host's D-Bus mounted, SUPERVISOR_NAME and SUPERVISOR_SHARE set",
      },
    ],
  },
  {
    id: "buildkit-daemon",
    title: "BuildKit daemon",
    match: {
      // After the rootless entry: its images and programs are recognised there first.
      images: ["moby/buildkit"],
      programs: ["buildkitd"],
    },
    needs:
      "run each build step in a container of its own: create namespaces and cgroups and mount file systems for them with runc, as a container runtime does",
    alternative:
      "Rootless BuildKit (`moby/buildkit:rootless`, `buildkitd-rootless`) needs no privileged mode, only seccomp and AppArmor unconfined; kaniko needs neither.",
    evidence: [
      {
        url: "https://github.com/moby/buildkit/blob/master/README.md",
        says: "To run daemon in a container: docker run -d --name buildkitd --privileged moby/buildkit:latest",
      },
      {
        url: "https://github.com/moby/buildkit/blob/master/examples/kubernetes/pod.privileged.yaml",
        says: "the buildkitd container of moby/buildkit runs with privileged: true; pod.rootless.yaml runs moby/buildkit:master-rootless without it",
      },
    ],
  },
  {
    id: "device-provisioning-init",
    title: "Device provisioning init container (Intel QAT, DLB, DSA, IAA accelerators)",
    match: {
      images: ["intel/intel-*-initcontainer"],
    },
    needs:
      "configure the node's accelerators through sysfs before the device plugin starts (enable SR-IOV virtual functions, bind them to drivers, set up work queues): writes under the node's /sys, which an unprivileged container cannot make, the runtime mounting /sys read-only and its default AppArmor profile denying writes there",
    root: {
      why: "the sysfs files it writes (sriov_numvfs, driver bind and unbind) belong to root",
      evidence: [
        {
          url: "https://github.com/intel/intel-device-plugins-for-kubernetes/blob/main/demo/qat-init.sh",
          says: 'echo -n "$BSF" > /sys/bus/pci/drivers/vfio-pci/bind; the number of VFs written to the device\'s sriov_numvfs',
        },
      ],
    },
    hostPaths: ["/sys", "/sys/bus/pci/**", "/sys/devices", "/sys/devices/**"],
    alternative:
      "Provision the accelerators on the nodes themselves (a systemd unit or the node image writing the same sysfs settings at boot) and run the device plugin without the init container; the plugin then needs no privileged container.",
    evidence: [
      {
        url: "https://github.com/intel/intel-device-plugins-for-kubernetes/blob/main/deployments/qat_plugin/overlays/qat_initcontainer/qat_initcontainer.yaml",
        says: "intel-qat-initcontainer: privileged: true, the host's /sys mounted at /sys",
      },
      {
        url: "https://github.com/intel/intel-device-plugins-for-kubernetes/blob/main/cmd/qat_plugin/README.md",
        says: "the script running inside the initcontainer enables QAT SR-IOV VFs",
      },
      {
        url: "https://github.com/containerd/containerd/blob/main/contrib/apparmor/template.go",
        says: "the default profile: deny /sys/[^f]*/** wklx (no writes under /sys/bus, /sys/devices)",
      },
    ],
  },
  {
    id: "binfmt-registrar",
    title: "binfmt_misc registration of QEMU emulators",
    match: {
      images: ["binfmt", "qemu-user-static"],
      programs: ["update-binfmts", "qemu-binfmt-conf.sh"],
      mountPaths: ["/proc/sys/fs/binfmt_misc", "/proc/sys/fs/binfmt_misc/**"],
    },
    needs:
      "register emulators for other CPU architectures with the host kernel: mount the binfmt_misc file system under /proc/sys, which is read-only in an unprivileged container (a mount needs CAP_SYS_ADMIN, and the runtime's default AppArmor profile denies mounts), and write its register file, a setting of the whole host rather than of the container",
    root: {
      why: "mounting binfmt_misc and writing its register file are root's",
      evidence: [
        {
          url: "https://github.com/tonistiigi/binfmt/blob/master/cmd/binfmt/main.go",
          says: 'syscall.Mount("binfmt_misc", mount, "binfmt_misc", 0, ""), else "cannot mount binfmt_misc filesystem"; then writes each emulator to the register file',
        },
      ],
    },
    alternative:
      "Register the emulators on the host instead: the distribution's qemu-user-static package (Debian, Ubuntu) registers them at boot through systemd-binfmt, so no container needs privileged mode; on a CI runner that has them already (check /proc/sys/fs/binfmt_misc), drop the step.",
    evidence: [
      {
        url: "https://github.com/tonistiigi/binfmt",
        says: "docker run --privileged --rm tonistiigi/binfmt --install all",
      },
      {
        url: "https://github.com/multiarch/qemu-user-static",
        says: "docker run --rm --privileged multiarch/qemu-user-static --reset -p yes (its register script mounts binfmt_misc and runs qemu-binfmt-conf.sh)",
      },
      {
        url: "https://github.com/docker/setup-qemu-action/blob/master/src/main.ts",
        says: "Docker's own action installs the emulators with docker run --rm --privileged <image, tonistiigi/binfmt by default> --install <platforms>",
      },
      {
        url: "https://man7.org/linux/man-pages/man7/capabilities.7.html",
        says: "CAP_SYS_ADMIN: perform a range of system administration operations including mount(2)",
      },
    ],
  },
  {
    id: "kernel-log-reader",
    title: "kernel log reader",
    match: { mountPaths: ["/dev/kmsg"] },
    needs:
      "read the node's kernel log from /dev/kmsg, a host device that Kubernetes gives a container only in privileged mode: mounted as a hostPath, it is still refused by the runtime's device rules (`open /dev/kmsg: operation not permitted`)",
    hostPaths: ["/dev/kmsg"],
    alternative:
      "With Docker or Compose, give the device itself instead (`--device /dev/kmsg`, `devices: [/dev/kmsg]`) with `SYSLOG` where the node restricts the kernel log (kernel.dmesg_restrict), which needs no privileged mode; on Kubernetes, read the kernel log the node's journal keeps (a hostPath of /var/log/journal) where that is enough.",
    evidence: [
      {
        url: "https://github.com/kubernetes/node-problem-detector/blob/master/deployment/node-problem-detector.yaml",
        says: "the node-problem-detector container runs privileged: true with the node's /dev/kmsg mounted as a hostPath",
      },
      {
        url: "https://github.com/opencontainers/runc/blob/main/libcontainer/specconv/spec_linux.go",
        says: "AllowedDevices: the devices an unprivileged container may open (/dev/null, zero, full, tty, random, urandom, console, ptmx, pts and tun); /dev/kmsg (1:11) is not among them",
      },
      {
        url: "https://kubernetes.io/docs/concepts/security/linux-kernel-security-constraints/#privileged-containers",
        says: "a privileged container can access the host's devices",
      },
    ],
  },
  {
    id: "node-sysctl-writer",
    title: "Node-level sysctl writer",
    match: {
      programs: [
        "sysctl -w",
        "sysctl --write",
        "sysctl *=*",
        "sysctl -p*",
        "sysctl --system",
        "sysctl --load*",
      ],
      arguments: ["/proc/sys/**"],
    },
    needs:
      "write kernel parameters under /proc/sys, which is read-only in an unprivileged container (the whole node's, on the host network or for a parameter the kernel does not namespace)",
    root: {
      why: "the files under /proc/sys belong to root and only root may write them",
      evidence: [
        {
          url: "https://man7.org/linux/man-pages/man5/proc_sys.5.html",
          says: "/proc/sys: files that can be used to change kernel parameters, writable by root",
        },
      ],
    },
    alternative:
      "For the namespaced sysctls on Kubernetes' safe list (net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start, kernel.shm_rmid_forced, ...), set them in the pod's `securityContext.sysctls` and drop the privileged container; a namespaced one outside that list (net.ipv4.ip_forward for the pod's own network) can be allowed on the kubelet (`allowedUnsafeSysctls`) and set the same way, a far narrower exception than a privileged container though the baseline level still reports it; tune node-wide ones (vm.max_map_count, fs.inotify.*) on the nodes themselves (node configuration, a tuning operator).",
    evidence: [
      {
        url: "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/",
        says: "safe sysctls are set through the pod's securityContext.sysctls; namespaced unsafe ones once the kubelet allows them (--allowed-unsafe-sysctls); node-level sysctls must be set on the node",
      },
    ],
  },
  {
    // Last: a CSI node plugin, a GPU driver container or a storage agent that mounts this way is
    // recognised as what it is first; this names what any other one needs.
    id: "bidirectional-mounts",
    title: "workload sharing its mounts with the node",
    match: { propagation: ["Bidirectional"] },
    needs:
      "make the mounts it creates inside the container visible on the node and to other pods (`mountPropagation: Bidirectional`), which Kubernetes allows only in a privileged container",
    root: {
      why: "it mounts file systems, which mount(2) allows only with CAP_SYS_ADMIN, and the kernel gives a non-root process no capability",
      evidence: [MOUNT_NEEDS_SYS_ADMIN],
    },
    evidence: [
      BIDIRECTIONAL_NEEDS_PRIVILEGED,
      {
        url: "https://github.com/kubernetes/kubernetes/blob/master/pkg/apis/core/validation/validation.go",
        says: "validateMountPropagation: Bidirectional mount propagation is available only to privileged containers",
      },
    ],
  },
];
