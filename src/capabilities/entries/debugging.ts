import type { CatalogueEntry, Evidence, Match } from "../types.js";
import { capabilitiesMan } from "./man-pages.js";

const PTRACE = {
  url: "https://man7.org/linux/man-pages/man2/ptrace.2.html",
  says: "ptrace access mode checks: a process without CAP_SYS_PTRACE may trace only its own user's dumpable processes",
};
const PERF_SECURITY = {
  url: "https://www.kernel.org/doc/html/latest/admin-guide/perf-security.html",
  says: "CAP_PERFMON (Linux 5.8) for performance monitoring; CAP_SYS_ADMIN before",
};
const BPF = capabilitiesMan(
  "CAP_BPF",
  "privileged BPF operations (since Linux 5.8); CAP_SYS_ADMIN before",
);
const OLDER_THAN_5_8 = { before: "5.8", capabilities: ["SYS_ADMIN"] } as const;

/** OpenTelemetry eBPF Instrumentation (OBI), and Grafana Beyla, from which it was donated. */
export const EBPF_INSTRUMENTATION_MATCH: Match = {
  images: ["ebpf-instrument", "grafana/beyla", "beyla"],
  environment: ["OTEL_EBPF_*", "BEYLA_*"],
};
/** Inspektor Gadget's own DaemonSet, whose comments give the reason for each capability. */
export const INSPEKTOR_GADGET_DEPLOY: Evidence = {
  url: "https://github.com/inspektor-gadget/inspektor-gadget/blob/main/pkg/resources/manifests/deploy.yaml",
  says: "the gadget container: capabilities drop ALL, add SYS_ADMIN (bpf, perf_event_open, fanotify, mount, setns), SYSLOG (/proc/kallsyms), SYS_PTRACE (/proc/$pid/ns), SYS_RESOURCE, IPC_LOCK, NET_RAW, NET_ADMIN, DAC_READ_SEARCH; AppArmor unconfined to write /sys/fs/bpf and /sys/kernel/debug/tracing; seLinuxOptions type spc_t",
};

/** Tracee, by its image or its program. */
export const TRACEE_MATCH: Match = {
  images: ["aquasec/tracee", "aquasecurity/tracee"],
  programs: ["tracee"],
};
export const BEYLA_SECURITY: Evidence = {
  url: "https://grafana.com/docs/beyla/latest/requirements-and-security/security/",
  says: "application observability: CAP_BPF, CAP_CHECKPOINT_RESTORE, CAP_DAC_READ_SEARCH, CAP_NET_RAW, CAP_PERFMON, CAP_SYS_PTRACE; trace context propagation and the tc network source also CAP_NET_ADMIN",
};
export const OBI_CHART: Evidence = {
  url: "https://github.com/open-telemetry/opentelemetry-helm-charts/blob/main/charts/opentelemetry-ebpf-instrumentation/templates/daemonset.yaml",
  says: "with privileged false: runAsUser 0, capabilities add BPF, SYS_PTRACE, NET_RAW, NET_ADMIN (network or context propagation), CHECKPOINT_RESTORE, DAC_READ_SEARCH, PERFMON, drop ALL; hostPID for the application preset, hostNetwork for network metrics or context propagation",
};

/** Debuggers, tracers and profilers. */
export const DEBUGGING_ENTRIES: readonly CatalogueEntry[] = [
  {
    id: "strace",
    title: "strace",
    match: { programs: ["strace"], images: ["*strace*"] },
    capabilities: ["SYS_PTRACE"],
    note: "To trace another container, share the pod's process namespace (`shareProcessNamespace: true`) or attach an ephemeral debug container instead.",
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man1/strace.1.html",
        says: "traces system calls through ptrace(2)",
      },
      PTRACE,
    ],
  },
  {
    id: "ltrace",
    title: "ltrace",
    match: { programs: ["ltrace"] },
    capabilities: ["SYS_PTRACE"],
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man1/ltrace.1.html",
        says: "library call tracer, built on ptrace",
      },
      PTRACE,
    ],
  },
  {
    id: "gdb",
    title: "gdb / gdbserver",
    match: { programs: ["gdb", "gdbserver"] },
    capabilities: ["SYS_PTRACE"],
    evidence: [
      {
        url: "https://sourceware.org/gdb/current/onlinedocs/gdb.html/Attach.html",
        says: "attach to a running process (ptrace)",
      },
      PTRACE,
    ],
  },
  {
    id: "delve",
    title: "Delve (Go debugger)",
    match: { programs: ["dlv"], images: ["*delve*"] },
    capabilities: ["SYS_PTRACE"],
    evidence: [
      {
        url: "https://github.com/go-delve/delve/blob/master/Documentation/faq.md",
        says: "in a container, delve needs --cap-add=SYS_PTRACE",
      },
      PTRACE,
    ],
  },
  {
    id: "py-spy",
    title: "py-spy",
    match: { programs: ["py-spy"], images: ["*py-spy*"] },
    capabilities: ["SYS_PTRACE"],
    evidence: [
      {
        url: "https://github.com/benfred/py-spy",
        says: "in Docker or Kubernetes, add the SYS_PTRACE capability",
      },
    ],
  },
  {
    id: "rbspy",
    title: "rbspy",
    match: { programs: ["rbspy"] },
    capabilities: ["SYS_PTRACE"],
    evidence: [
      {
        url: "https://rbspy.github.io/",
        says: "reads another process's memory (process_vm_readv, ptrace access mode)",
      },
      PTRACE,
    ],
  },
  {
    id: "perf",
    title: "perf",
    match: { programs: ["perf record", "perf top", "perf stat", "perf trace", "perf sched"] },
    capabilities: ["PERFMON"],
    olderKernels: OLDER_THAN_5_8,
    note: "What perf may see without the capability also depends on the node's kernel.perf_event_paranoid.",
    evidence: [PERF_SECURITY],
  },
  {
    id: "cadvisor-perf-events",
    title: "cAdvisor collecting perf events",
    // Go's flag syntax: one or two dashes, the value after `=` (a path) or as the next word.
    match: {
      arguments: [
        "-perf_events_config",
        "--perf_events_config",
        "-perf_events_config=*{,/**}",
        "--perf_events_config=*{,/**}",
      ],
    },
    capabilities: ["PERFMON"],
    olderKernels: OLDER_THAN_5_8,
    note: "cAdvisor documents another way without privileged mode: the node's kernel.perf_event_paranoid set to -1 and perf_event_open allowed by the seccomp profile.",
    evidence: [
      {
        url: "https://github.com/google/cadvisor/blob/master/docs/running.md",
        says: "to run cAdvisor with perf support without --privileged: set perf_event_paranoid, allow the perf_event_open syscall in the seccomp profile",
      },
      PERF_SECURITY,
    ],
  },
  {
    id: "bpftrace",
    title: "bpftrace",
    match: { programs: ["bpftrace"], images: ["*bpftrace*"] },
    capabilities: ["BPF", "PERFMON"],
    olderKernels: OLDER_THAN_5_8,
    note: "bpftrace reads kernel headers and tracepoints from the host (/sys/kernel/debug, /lib/modules).",
    evidence: [
      {
        url: "https://github.com/bpftrace/bpftrace/blob/master/man/adoc/bpftrace.adoc",
        says: "bpftrace needs root-level privileges to load BPF programs",
      },
      BPF,
      PERF_SECURITY,
    ],
  },
  {
    id: "bcc-tools",
    title: "BCC tools (execsnoop, opensnoop, biolatency, ...)",
    match: {
      programs: [
        "execsnoop*",
        "opensnoop*",
        "biolatency*",
        "tcpconnect*",
        "tcplife*",
        "profile-bpfcc",
        "funccount*",
        "trace-bpfcc",
        "bpftool",
      ],
      images: ["*bcc*"],
    },
    capabilities: ["BPF", "PERFMON"],
    olderKernels: { before: "5.8", capabilities: ["SYS_ADMIN", "SYS_RESOURCE"] },
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man2/bpf.2.html",
        says: "loading BPF programs is a privileged operation",
      },
      BPF,
      PERF_SECURITY,
    ],
  },
  {
    id: "ebpf-auto-instrumentation",
    title: "OpenTelemetry eBPF Instrumentation (Grafana Beyla)",
    match: EBPF_INSTRUMENTATION_MATCH,
    capabilities: [
      "BPF",
      "PERFMON",
      "SYS_PTRACE",
      "NET_RAW",
      "CHECKPOINT_RESTORE",
      "DAC_READ_SEARCH",
      "NET_ADMIN",
    ],
    note: "NET_ADMIN serves only trace context propagation and the tc network source; Go library-level context propagation and log injection also need SYS_ADMIN.",
    evidence: [BEYLA_SECURITY, OBI_CHART],
  },
  {
    id: "tracee",
    title: "Tracee (eBPF runtime security and forensics)",
    match: TRACEE_MATCH,
    capabilities: [
      "BPF",
      "PERFMON",
      "SYS_RESOURCE",
      "SYS_PTRACE",
      "NET_ADMIN",
      "SYSLOG",
      "IPC_LOCK",
    ],
    olderKernels: {
      before: "5.8",
      capabilities: ["SYS_ADMIN", "SYS_RESOURCE", "SYS_PTRACE", "NET_ADMIN", "SYSLOG", "IPC_LOCK"],
    },
    note: "Tracee also needs SYS_ADMIN where perf_event_paranoid is above 2, and on cgroup v1 to mount the cpuset controller; NET_ADMIN serves its network packet capture.",
    evidence: [
      {
        url: "https://github.com/aquasecurity/tracee/blob/main/docs/docs/install/prerequisites.md",
        says: "least privileges: CAP_SYS_RESOURCE; CAP_BPF+CAP_PERFMON (>= 5.8, perf_event_paranoid <= 2) or CAP_SYS_ADMIN; CAP_SYS_PTRACE; CAP_NET_ADMIN (cgroup_skb programs); CAP_SYSLOG (/proc/kallsyms); CAP_IPC_LOCK on some environments",
      },
    ],
  },
  {
    id: "inspektor-gadget",
    title: "Inspektor Gadget (eBPF gadgets for inspecting the node's containers)",
    match: {
      images: ["inspektor-gadget/inspektor-gadget", "inspektor-gadget/ig"],
      programs: ["gadgettracermanager"],
    },
    capabilities: [
      "SYS_ADMIN",
      "SYSLOG",
      "SYS_PTRACE",
      "SYS_RESOURCE",
      "IPC_LOCK",
      "NET_RAW",
      "NET_ADMIN",
      "DAC_READ_SEARCH",
    ],
    note: "Its own manifest runs it without privileged mode, all capabilities dropped and these added, each with its reason (SYS_ADMIN for bpf(), perf_event_open(), fanotify, mount() and setns()).",
    evidence: [INSPEKTOR_GADGET_DEPLOY],
  },
  {
    id: "kubescape-node-agent",
    title: "Kubescape node agent (eBPF runtime threat detection)",
    match: { images: ["kubescape/node-agent"] },
    capabilities: [
      "SYS_ADMIN",
      "SYS_PTRACE",
      "NET_ADMIN",
      "SYSLOG",
      "SYS_RESOURCE",
      "IPC_LOCK",
      "NET_RAW",
    ],
    note: "Kubescape's chart runs it without privileged mode (`nodeAgent.privileged: false`), with exactly these capabilities added.",
    evidence: [
      {
        url: "https://github.com/kubescape/helm-charts/blob/main/charts/kubescape-operator/templates/node-agent/_node-agent.tpl",
        says: "node-agent container: privileged: {{ .Values.nodeAgent.privileged }}, capabilities add SYS_ADMIN, SYS_PTRACE, NET_ADMIN, SYSLOG, SYS_RESOURCE, IPC_LOCK, NET_RAW",
      },
      {
        url: "https://github.com/kubescape/helm-charts/blob/main/gke-allowlist/armo-kubescape-node-agent-1.40-v2.yaml",
        says: "Node Agent needs SYS_ADMIN/SYS_PTRACE/NET_ADMIN/SYSLOG/SYS_RESOURCE/IPC_LOCK/NET_RAW for eBPF",
      },
    ],
  },
  {
    id: "kubescape-clamav",
    title: "Kubescape's ClamAV scanner of the node's containers",
    match: { images: ["kubescape/klamav"] },
    capabilities: ["SYS_PTRACE"],
    note: "It reads other containers' files through /proc/<pid>/root in the host PID namespace, which the kernel allows only past a ptrace access check.",
    evidence: [
      {
        url: "https://github.com/kubescape/helm-charts/blob/main/gke-allowlist/armo-kubescape-node-agent-1.40-v2.yaml",
        says: "matchingCriteria: hostPID: true; container clamav, image quay.io/kubescape/klamav, capabilities add SYS_PTRACE",
      },
      {
        url: "https://man7.org/linux/man-pages/man5/proc_pid_root.5.html",
        says: "permission to dereference or read this symbolic link is governed by a ptrace access mode PTRACE_MODE_READ_FSCREDS check",
      },
    ],
  },
  {
    id: "falco-modern-ebpf",
    title: "Falco with the modern eBPF probe",
    match: { images: ["falcosecurity/falco*"], programs: ["falco"] },
    capabilities: ["BPF", "PERFMON", "SYS_RESOURCE", "SYS_PTRACE"],
    olderKernels: { before: "5.8", capabilities: ["SYS_ADMIN", "SYS_RESOURCE", "SYS_PTRACE"] },
    note: "The kernel-module driver needs privileged mode; the modern eBPF driver does not.",
    evidence: [
      {
        url: "https://falco.org/docs/setup/container/",
        says: "least privileged: --cap-add bpf --cap-add perfmon --cap-add sys_resource --cap-add sys_ptrace (sys_admin before 5.8)",
      },
    ],
  },
  {
    id: "datadog-system-probe",
    title: "Datadog system-probe (eBPF network, service and security monitoring)",
    match: { programs: ["system-probe"] },
    capabilities: [
      "SYS_ADMIN",
      "SYS_RESOURCE",
      "SYS_PTRACE",
      "NET_ADMIN",
      "NET_BROADCAST",
      "NET_RAW",
      "IPC_LOCK",
      "CHOWN",
      "DAC_READ_SEARCH",
    ],
    note: "The Datadog chart runs it without privileged mode, with exactly these capabilities added.",
    evidence: [
      {
        url: "https://github.com/DataDog/helm-charts/blob/main/charts/datadog/values.yaml",
        says: 'agents.containers.systemProbe.securityContext: capabilities add ["SYS_ADMIN", "SYS_RESOURCE", "SYS_PTRACE", "NET_ADMIN", "NET_BROADCAST", "NET_RAW", "IPC_LOCK", "CHOWN", "DAC_READ_SEARCH"]',
      },
      {
        url: "https://github.com/DataDog/helm-charts/blob/main/charts/datadog/templates/_container-system-probe.yaml",
        says: 'command: ["system-probe", "--config=/etc/datadog-agent/system-probe.yaml"]',
      },
    ],
  },
  {
    id: "datadog-host-profiler",
    title: "Datadog host profiler (eBPF CPU profiling of the node's processes)",
    match: { programs: ["host-profiler"], images: ["datadog/ddot-ebpf*"] },
    capabilities: [
      "BPF",
      "PERFMON",
      "SYS_PTRACE",
      "SYS_RESOURCE",
      "DAC_READ_SEARCH",
      "SYSLOG",
      "CHECKPOINT_RESTORE",
      "IPC_LOCK",
    ],
    evidence: [
      {
        url: "https://github.com/DataDog/helm-charts/blob/main/charts/datadog/values.yaml",
        says: "agents.containers.hostProfiler.securityContext: capabilities drop ALL, add BPF, PERFMON, SYS_PTRACE, SYS_RESOURCE, DAC_READ_SEARCH, SYSLOG, CHECKPOINT_RESTORE, IPC_LOCK",
      },
      {
        url: "https://github.com/DataDog/helm-charts/blob/main/charts/datadog/templates/_container-host-profiler.yaml",
        says: 'command: ["host-profiler", "--core-config=..."], image datadog/ddot-ebpf by default',
      },
    ],
  },
];
