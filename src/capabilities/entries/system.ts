import type { CatalogueEntry } from "../types.js";
import { capabilitiesMan } from "./man-pages.js";

const SYS_TIME = capabilitiesMan(
  "CAP_SYS_TIME",
  "set system clock (settimeofday(2), stime(2), adjtimex(2)); set real-time (hardware) clock",
);
const FUSE = {
  url: "https://www.kernel.org/doc/html/latest/filesystems/fuse.html",
  says: "a FUSE file system talks to the kernel through /dev/fuse; mounting needs CAP_SYS_ADMIN",
};
const FUSE_DEVICE = "/dev/fuse";
const FUSE_NOTE =
  "A CSI driver for the storage (a FUSE CSI driver, or the provider's) mounts it on the node instead, and the container needs nothing.";

/** Clocks, FUSE and kernel mounts, modules, audit and other node-facing tools. */
export const SYSTEM_ENTRIES: readonly CatalogueEntry[] = [
  {
    id: "chrony",
    title: "chrony (chronyd)",
    match: { programs: ["chronyd"], images: ["*chrony*"] },
    capabilities: ["SYS_TIME"],
    note: "The clock is the node's, not the container's: keep time sync on the node; `chronyd -x` serves time without setting the clock and needs no SYS_TIME.",
    evidence: [
      {
        url: "https://chrony-project.org/doc/4.5/chronyd.html",
        says: "-x: do not try to control the system clock (no CAP_SYS_TIME needed)",
      },
      SYS_TIME,
    ],
  },
  {
    id: "ntpd",
    title: "ntpd / openntpd",
    match: { programs: ["ntpd", "ntpdate", "sntp"], images: ["*ntpd*", "*/ntp"] },
    capabilities: ["SYS_TIME"],
    note: "The clock is the node's, not the container's: keep time sync on the node.",
    evidence: [
      {
        url: "https://www.ntp.org/documentation/4.2.8-series/ntpd/",
        says: "ntpd disciplines the system clock",
      },
      SYS_TIME,
    ],
  },
  {
    id: "hwclock",
    title: "hwclock",
    match: { programs: ["hwclock"] },
    capabilities: ["SYS_TIME"],
    devices: ["/dev/rtc0"],
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man8/hwclock.8.html",
        says: "reads and sets the hardware clock through /dev/rtc",
      },
      SYS_TIME,
    ],
  },
  {
    id: "s3fs",
    title: "s3fs (S3 over FUSE)",
    match: { programs: ["s3fs"], images: ["*s3fs*"] },
    capabilities: ["SYS_ADMIN"],
    devices: [FUSE_DEVICE],
    note: FUSE_NOTE,
    evidence: [
      {
        url: "https://github.com/s3fs-fuse/s3fs-fuse",
        says: "FUSE-based file system backed by Amazon S3",
      },
      FUSE,
    ],
  },
  {
    id: "sshfs",
    title: "sshfs",
    match: { programs: ["sshfs"] },
    capabilities: ["SYS_ADMIN"],
    devices: [FUSE_DEVICE],
    note: FUSE_NOTE,
    evidence: [
      { url: "https://github.com/libfuse/sshfs", says: "a FUSE file system over SFTP" },
      FUSE,
    ],
  },
  {
    id: "rclone-mount",
    title: "rclone mount",
    match: { programs: ["rclone mount", "rclone nfsmount"] },
    capabilities: ["SYS_ADMIN"],
    devices: [FUSE_DEVICE],
    note: FUSE_NOTE,
    evidence: [
      {
        url: "https://rclone.org/install/#docker",
        says: "to mount: --cap-add SYS_ADMIN --device /dev/fuse",
      },
      {
        url: "https://rclone.org/commands/rclone_mount/",
        says: "mount the remote as a file system on a mountpoint (FUSE)",
      },
    ],
  },
  {
    id: "gcsfuse",
    title: "gcsfuse",
    match: { programs: ["gcsfuse"], images: ["*gcsfuse*"] },
    capabilities: ["SYS_ADMIN"],
    devices: [FUSE_DEVICE],
    note: "The Cloud Storage FUSE CSI driver mounts the bucket on the node instead.",
    evidence: [
      {
        url: "https://github.com/GoogleCloudPlatform/gcsfuse",
        says: "a FUSE adapter for Cloud Storage buckets",
      },
      FUSE,
    ],
  },
  {
    id: "goofys",
    title: "goofys",
    match: { programs: ["goofys"], images: ["*goofys*"] },
    capabilities: ["SYS_ADMIN"],
    devices: [FUSE_DEVICE],
    note: FUSE_NOTE,
    evidence: [
      {
        url: "https://github.com/kahing/goofys",
        says: "a high-performance, POSIX-ish Amazon S3 file system (FUSE)",
      },
      FUSE,
    ],
  },
  {
    id: "mountpoint-s3",
    title: "Mountpoint for Amazon S3",
    match: { programs: ["mount-s3"] },
    capabilities: ["SYS_ADMIN"],
    devices: [FUSE_DEVICE],
    note: "The Mountpoint for Amazon S3 CSI driver mounts the bucket on the node instead.",
    evidence: [
      {
        url: "https://github.com/awslabs/mountpoint-s3",
        says: "mount-s3: a FUSE file client for S3",
      },
      FUSE,
    ],
  },
  {
    id: "mount",
    title: "mount (NFS, CIFS, bind mounts inside the container)",
    match: {
      programs: ["mount -t", "mount -o*", "mount --bind", "mount.nfs", "mount.cifs", "umount"],
    },
    capabilities: ["SYS_ADMIN"],
    note: "A Kubernetes volume (nfs, a CSI driver) mounts on the node instead, and the container needs nothing.",
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man2/mount.2.html",
        says: "EPERM: the caller does not have the required privileges (CAP_SYS_ADMIN)",
      },
    ],
  },
  {
    id: "kured-signal-reboot",
    title: "kured rebooting its node by signal",
    match: { arguments: ["--reboot-method=signal"] },
    capabilities: ["KILL"],
    note: "It signals the node's systemd (PID 1), so it needs the host PID namespace too.",
    evidence: [
      {
        url: "https://github.com/kubereboot/kured/blob/main/kured-ds-signal.yaml",
        says: "with --reboot-method=signal: privileged: false, capabilities add [CAP_KILL], hostPID: true",
      },
      {
        url: "https://man7.org/linux/man-pages/man2/kill.2.html",
        says: "a process needs CAP_KILL to send a signal to a process of another user",
      },
    ],
  },
  {
    id: "modprobe",
    title: "modprobe / insmod (kernel modules)",
    match: { programs: ["modprobe", "insmod", "rmmod"] },
    capabilities: ["SYS_MODULE"],
    note: "Loading kernel modules changes the node for everyone: load them through the node's configuration (modules-load.d) instead.",
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man2/init_module.2.html",
        says: "EPERM: the caller was not privileged (did not have CAP_SYS_MODULE)",
      },
      capabilitiesMan("CAP_SYS_MODULE", "load and unload kernel modules"),
    ],
  },
  {
    id: "audit",
    title: "auditd / Auditbeat (kernel audit)",
    match: { programs: ["auditd", "auditbeat", "auditctl"], images: ["*auditbeat*"] },
    capabilities: ["AUDIT_CONTROL", "AUDIT_READ"],
    note: "Auditbeat also runs with host PID to see the node's processes.",
    evidence: [
      {
        url: "https://www.elastic.co/guide/en/beats/auditbeat/current/running-on-docker.html",
        says: "--cap-add=AUDIT_CONTROL --cap-add=AUDIT_READ --pid=host",
      },
      capabilitiesMan(
        "CAP_AUDIT_CONTROL",
        "enable and disable kernel auditing; change auditing filter rules",
      ),
    ],
  },
  {
    id: "dmesg",
    title: "dmesg (kernel log)",
    match: { programs: ["dmesg"] },
    capabilities: ["SYSLOG"],
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man1/dmesg.1.html",
        says: "examine or control the kernel ring buffer",
      },
      capabilitiesMan("CAP_SYSLOG", "perform privileged syslog(2) operations"),
    ],
  },
  {
    id: "chrt",
    title: "chrt (real-time scheduling)",
    match: { programs: ["chrt"] },
    capabilities: ["SYS_NICE"],
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man1/chrt.1.html",
        says: "set or retrieve real-time scheduling attributes",
      },
      capabilitiesMan("CAP_SYS_NICE", "set real-time scheduling policies"),
    ],
  },
  {
    id: "vault-mlock",
    title: "HashiCorp Vault (mlock)",
    match: { images: ["hashicorp/vault*", "vault"], programs: ["vault server"] },
    capabilities: ["IPC_LOCK"],
    note: "With `disable_mlock = true` (integrated storage on an encrypted swapless node) Vault needs no IPC_LOCK.",
    evidence: [
      {
        url: "https://developer.hashicorp.com/vault/docs/configuration#disable_mlock",
        says: "mlock needs the IPC_LOCK capability in containers",
      },
      capabilitiesMan("CAP_IPC_LOCK", "lock memory (mlock(2), mlockall(2))"),
    ],
  },
  {
    id: "criu",
    title: "CRIU checkpoint / restore",
    match: { programs: ["criu"] },
    capabilities: ["CHECKPOINT_RESTORE", "SYS_PTRACE"],
    olderKernels: { before: "5.9", capabilities: ["SYS_ADMIN", "SYS_PTRACE"] },
    evidence: [
      {
        url: "https://criu.org/Security",
        says: "non-root CRIU needs CAP_CHECKPOINT_RESTORE (Linux 5.9)",
      },
      capabilitiesMan("CAP_CHECKPOINT_RESTORE", "checkpoint/restore operations (since Linux 5.9)"),
    ],
  },
  {
    id: "dcgm",
    title: "NVIDIA DCGM (dcgm-exporter, nv-hostengine)",
    match: {
      images: ["nvidia/k8s/dcgm-exporter", "dcgm-exporter", "nvidia/cloud-native/dcgm"],
      programs: ["dcgm-exporter", "nv-hostengine"],
      environment: ["DCGM_EXPORTER_*"],
    },
    capabilities: ["SYS_ADMIN"],
    note: "SYS_ADMIN serves only the profiling metrics (DCGM_FI_PROF_*); without them it runs as a non-root user with no capability. It reaches the GPUs through the NVIDIA container runtime (runtimeClassName `nvidia`, or the GPU Operator's default runtime), not through privileged mode.",
    evidence: [
      {
        url: "https://github.com/NVIDIA/dcgm-exporter/blob/main/deployment/examples/dcgm-exporter.yaml",
        says: 'runAsUser: 0, capabilities add ["SYS_ADMIN"] (Required for profiling metrics (DCGM_FI_PROF_*)), drop ["ALL"], allowPrivilegeEscalation: false; for non-root without profiling metrics, remove SYS_ADMIN',
      },
    ],
  },
  {
    id: "netdata",
    title: "Netdata monitoring agent",
    match: { images: ["netdata/netdata"] },
    capabilities: ["SYS_PTRACE", "SYS_ADMIN"],
    note: "SYS_PTRACE for the per-process metrics and the services listening on the node (apps.plugin, local-listeners); SYS_ADMIN for the containers' network interfaces and the network map (cgroups.plugin, network-viewer.plugin).",
    evidence: [
      {
        url: "https://learn.netdata.cloud/docs/netdata-agent/installation/docker",
        says: "cgroups.plugin: host PID mode, SYS_ADMIN; local-listeners: host network mode, SYS_PTRACE; network-viewer.plugin: host network mode, SYS_ADMIN; docker run --cap-add SYS_PTRACE --cap-add SYS_ADMIN",
      },
    ],
  },
];
