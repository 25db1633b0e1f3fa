import type { Evidence, Match } from "./types.js";

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
  readonly evidence: readonly Evidence[];
}

export const PRIVILEGED_WORKLOADS: readonly PrivilegedWorkload[] = [
  {
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
        "kube-ovn",
        "antrea-agent*",
        "*/canal*",
      ],
    },
    needs:
      "program the node's network: interfaces, routes and firewall rules in the host network namespace, and install the CNI configuration and binaries under /etc/cni/net.d and /opt/cni/bin",
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
    ],
  },
  {
    id: "csi-node-plugin",
    title: "CSI node plugin",
    match: {
      propagation: ["Bidirectional"],
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
      {
        url: "https://kubernetes.io/docs/concepts/storage/volumes/#mount-propagation",
        says: "Bidirectional mount propagation is allowed only in privileged containers",
      },
    ],
  },
  {
    id: "device-plugin",
    title: "Device plugin",
    match: {
      mountPaths: ["/var/lib/kubelet/device-plugins", "/var/lib/kubelet/device-plugins/**"],
      images: ["*device-plugin*"],
    },
    needs:
      "register with the kubelet through /var/lib/kubelet/device-plugins and see the node's devices to hand them to pods",
    hostPaths: ["/var/lib/kubelet/device-plugins", "/dev"],
    evidence: [
      {
        url: "https://kubernetes.io/docs/concepts/extend-kubernetes/compute-storage-net/device-plugins/",
        says: "a device plugin registers through the kubelet's socket in /var/lib/kubelet/device-plugins and usually runs as a privileged DaemonSet",
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
    id: "lb-announcer",
    title: "Load-balancer address announcer",
    match: {
      hostNamespaces: ["network"],
      images: ["metallb/speaker", "*metallb-speaker*", "kube-vip/kube-vip", "plndr/kube-vip"],
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
    ],
  },
  {
    id: "docker-in-docker",
    title: "Docker-in-Docker daemon",
    match: {
      images: ["docker:*dind*", "*/dind*", "*docker-dind*", "*/docker:*dind*"],
      programs: ["dockerd", "dockerd-entrypoint.sh"],
    },
    needs:
      "run its own container runtime: mount file systems, create namespaces and cgroups, and manage iptables",
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
      "write kernel parameters of the whole node under /proc/sys, which is read-only in an unprivileged container",
    alternative:
      "For the namespaced sysctls on Kubernetes' safe list (net.ipv4.ip_local_port_range, net.ipv4.tcp_syncookies, net.ipv4.ping_group_range, net.ipv4.ip_unprivileged_port_start, kernel.shm_rmid_forced, ...), set them in the pod's `securityContext.sysctls` and drop the privileged container; tune node-wide ones (vm.max_map_count, fs.inotify.*) on the nodes themselves (node configuration, a tuning operator).",
    evidence: [
      {
        url: "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/",
        says: "safe sysctls are set through the pod's securityContext.sysctls; node-level sysctls must be set on the node",
      },
    ],
  },
];
