import { capabilitiesMan } from "./entries/man-pages.js";
import type { Evidence } from "./types.js";

/** Something narrower than an added capability, for one use of it. */
export interface Alternative {
  readonly capability: string;
  /** What the capability is used for here. */
  readonly use: string;
  /** Capabilities that suffice for that use instead; empty when a setting or a node-side component replaces it. */
  readonly instead: readonly string[];
  /** The other way, in one sentence. */
  readonly how: string;
  readonly evidence: Evidence;
}

/** Narrower alternatives to broad capabilities, by use. */
export const ALTERNATIVES: readonly Alternative[] = [
  {
    capability: "SYS_ADMIN",
    use: "performance monitoring (perf, profilers)",
    instead: ["PERFMON"],
    how: "grant PERFMON (Linux 5.8 and later) instead",
    evidence: capabilitiesMan(
      "CAP_PERFMON",
      "employ various performance-monitoring mechanisms (since Linux 5.8)",
    ),
  },
  {
    capability: "SYS_ADMIN",
    use: "loading eBPF programs",
    instead: ["BPF", "PERFMON"],
    how: "grant BPF and PERFMON (Linux 5.8 and later) instead",
    evidence: capabilitiesMan("CAP_BPF", "employ privileged BPF operations (since Linux 5.8)"),
  },
  {
    capability: "SYS_ADMIN",
    use: "checkpoint and restore",
    instead: ["CHECKPOINT_RESTORE"],
    how: "grant CHECKPOINT_RESTORE (Linux 5.9 and later) instead",
    evidence: capabilitiesMan(
      "CAP_CHECKPOINT_RESTORE",
      "checkpoint/restore operations (since Linux 5.9)",
    ),
  },
  {
    capability: "SYS_ADMIN",
    use: "reading the kernel log",
    instead: ["SYSLOG"],
    how: "grant SYSLOG instead",
    evidence: capabilitiesMan(
      "CAP_SYSLOG",
      "perform privileged syslog(2) operations (since Linux 2.6.37)",
    ),
  },
  {
    capability: "SYS_ADMIN",
    use: "mounting FUSE, NFS or cloud storage",
    instead: [],
    how: "mount it with a Kubernetes volume or a CSI driver, which mounts on the node, and drop the capability",
    evidence: {
      url: "https://kubernetes.io/docs/concepts/storage/volumes/#csi",
      says: "CSI volumes are mounted by the node plugin for the pod",
    },
  },
  {
    capability: "NET_RAW",
    use: "ping",
    instead: [],
    how: "set the pod's safe sysctl `net.ipv4.ping_group_range` so that ping uses ICMP datagram sockets, and drop the capability",
    evidence: {
      url: "https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/#safe-and-unsafe-sysctls",
      says: "net.ipv4.ping_group_range is a safe sysctl (since Kubernetes 1.18)",
    },
  },
  {
    capability: "SYS_PTRACE",
    use: "debugging another container of the pod",
    instead: [],
    how: "attach an ephemeral debug container (`kubectl debug --target`) when needed instead of shipping the capability",
    evidence: {
      url: "https://kubernetes.io/docs/tasks/debug/debug-application/debug-running-pod/#ephemeral-container",
      says: "kubectl debug adds an ephemeral container that can target another container's process namespace",
    },
  },
  {
    capability: "SYS_MODULE",
    use: "loading kernel modules",
    instead: [],
    how: "load the modules through the node's configuration (modules-load.d) and drop the capability",
    evidence: capabilitiesMan("CAP_SYS_MODULE", "load and unload kernel modules"),
  },
  {
    capability: "SYS_TIME",
    use: "setting the clock",
    instead: [],
    how: "keep time synchronisation on the node; the clock is the node's, not the container's",
    evidence: capabilitiesMan("CAP_SYS_TIME", "set system clock"),
  },
];

/** The narrower alternatives to one capability, in table order. */
export function alternativesTo(capability: string): Alternative[] {
  return ALTERNATIVES.filter((a) => a.capability === capability);
}
