import { describe, expect, it } from "@jest/globals";
import { LINUX_CAPABILITIES } from "./capability-names.js";
import { CAPABILITY_CATALOGUE } from "./catalogue.js";
import { describeMatches, inferNeeds, inferNeedsOfAll } from "./infer.js";
import type { ContainerFacts } from "./types.js";

interface Case {
  readonly name: string;
  readonly facts: ContainerFacts;
  /** Ids of the entries that must match, in catalogue order. */
  readonly entries: readonly string[];
  readonly capabilities: readonly string[];
  readonly devices?: readonly string[];
}

const sh = (script: string) => ({ command: ["/bin/sh", "-c", script] });

const CASES: readonly Case[] = [
  {
    name: "tcpdump command",
    facts: { image: "alpine:3.20", command: ["tcpdump", "-i", "any"] },
    entries: ["tcpdump"],
    capabilities: ["NET_RAW", "NET_ADMIN"],
  },
  {
    name: "tcpdump image by name",
    facts: { image: "docker.io/corfr/tcpdump:latest" },
    entries: ["tcpdump"],
    capabilities: ["NET_RAW", "NET_ADMIN"],
  },
  {
    name: "tshark in a shell script",
    facts: { image: "debian", ...sh("apt-get install -y tshark && tshark -i eth0") },
    entries: ["wireshark-dumpcap"],
    capabilities: ["NET_RAW", "NET_ADMIN"],
  },
  {
    name: "ngrep",
    facts: { command: ["/usr/bin/ngrep", "-d", "any", "GET"] },
    entries: ["ngrep"],
    capabilities: ["NET_RAW", "NET_ADMIN"],
  },
  {
    name: "netshoot image",
    facts: { image: "nicolaka/netshoot:v0.13", command: ["sleep", "infinity"] },
    entries: ["netshoot"],
    capabilities: ["NET_RAW", "NET_ADMIN"],
  },
  {
    name: "iptables-restore after exec",
    facts: sh("exec iptables-restore < /rules/v4"),
    entries: ["iptables"],
    capabilities: ["NET_ADMIN", "NET_RAW"],
  },
  {
    name: "nft",
    facts: { command: ["nft", "-f", "/etc/nftables.conf"] },
    entries: ["nftables"],
    capabilities: ["NET_ADMIN"],
  },
  {
    name: "mailcow's netfilter image, without a command",
    facts: { image: "ghcr.io/mailcow/netfilter:1.61" },
    entries: ["host-firewall-banner"],
    capabilities: ["NET_ADMIN", "NET_RAW"],
  },
  {
    name: "fail2ban by image and by program",
    facts: { image: "crazymax/fail2ban:1.1.0", command: ["fail2ban-server", "-f"] },
    entries: ["host-firewall-banner"],
    capabilities: ["NET_ADMIN", "NET_RAW"],
  },
  {
    name: "ip route add",
    facts: sh("ip route add 10.0.0.0/8 via 10.1.0.1"),
    entries: ["iproute2"],
    capabilities: ["NET_ADMIN"],
  },
  {
    name: "tc qdisc",
    facts: sh("tc qdisc add dev eth0 root netem delay 100ms"),
    entries: ["tc"],
    capabilities: ["NET_ADMIN"],
  },
  {
    name: "ipvsadm",
    facts: { command: ["ipvsadm", "-Ln"] },
    entries: ["ipvsadm"],
    capabilities: ["NET_ADMIN"],
  },
  {
    name: "conntrack flush",
    facts: { command: ["conntrack", "-F"] },
    entries: ["conntrack"],
    capabilities: ["NET_ADMIN"],
  },
  {
    name: "ethtool offload",
    facts: sh("ethtool -K eth0 tx off"),
    entries: ["ethtool"],
    capabilities: ["NET_ADMIN"],
  },
  {
    name: "keepalived image",
    facts: { image: "osixia/keepalived:2.0.20" },
    entries: ["keepalived"],
    capabilities: ["NET_ADMIN", "NET_BROADCAST", "NET_RAW"],
  },
  {
    name: "kube-vip manager",
    facts: { image: "ghcr.io/kube-vip/kube-vip:v0.8.0", args: ["manager"] },
    entries: ["kube-vip"],
    capabilities: ["NET_ADMIN", "NET_RAW"],
  },
  {
    name: "MetalLB speaker",
    facts: { image: "quay.io/metallb/speaker:v0.14.8", args: ["--port=7472"] },
    entries: ["metallb-speaker"],
    capabilities: ["NET_RAW"],
  },
  {
    name: "FRR in MetalLB FRR mode",
    facts: {
      image: "quay.io/frrouting/frr:10.5.3",
      command: ["/bin/sh", "-c", "/sbin/tini -- /usr/lib/frr/docker-start &\nattempts=0"],
    },
    entries: ["frr"],
    capabilities: ["NET_ADMIN", "NET_RAW", "SYS_ADMIN", "NET_BIND_SERVICE"],
  },
  {
    name: "BIRD",
    facts: { command: ["bird", "-f", "-c", "/etc/bird.conf"] },
    entries: ["bird"],
    capabilities: ["NET_ADMIN", "NET_RAW", "NET_BIND_SERVICE"],
  },
  {
    name: "kube-proxy",
    facts: {
      image: "registry.k8s.io/kube-proxy:v1.31.0",
      command: ["/usr/local/bin/kube-proxy", "--config=/var/lib/kube-proxy/config.conf"],
    },
    entries: ["kube-proxy"],
    capabilities: ["NET_ADMIN", "NET_RAW"],
  },
  {
    name: "ip-masq-agent",
    facts: {
      image: "registry.k8s.io/networking/ip-masq-agent:v2.9.3",
      args: ["--masq-chain=IP-MASQ"],
    },
    entries: ["ip-masq-agent"],
    capabilities: ["NET_ADMIN", "NET_RAW"],
  },
  {
    name: "istio-init",
    facts: { image: "docker.io/istio/proxyv2:1.22.0", args: ["istio-iptables", "-p", "15001"] },
    entries: ["istio-init"],
    capabilities: ["NET_ADMIN", "NET_RAW"],
  },
  {
    name: "Istio's ztunnel, as its chart runs it (image from values, `proxy ztunnel`)",
    facts: { image: "_0_____/_1______:_2___", args: ["proxy", "ztunnel"] },
    entries: ["istio-ztunnel"],
    capabilities: ["NET_ADMIN", "SYS_ADMIN", "NET_RAW"],
  },
  {
    name: "Istio's CNI node agent",
    facts: {
      image: "docker.io/istio/install-cni:1.27.0",
      environment: ["REPAIR_NODE_NAME", "REPAIR_SIDECAR_ANNOTATION", "ALLOW_SWITCH_TO_HOST_NS"],
    },
    entries: ["istio-cni-node-agent"],
    capabilities: ["NET_ADMIN", "NET_RAW", "SYS_PTRACE", "SYS_ADMIN", "DAC_OVERRIDE"],
  },
  {
    name: "Cilium's agent: what its chart adds, its init containers' nsenter included",
    facts: { image: "quay.io/cilium/cilium:v1.18.0", command: ["cilium-agent"] },
    entries: ["cilium-agent"],
    capabilities: [
      "CHOWN",
      "KILL",
      "NET_ADMIN",
      "NET_RAW",
      "IPC_LOCK",
      "SYS_MODULE",
      "SYS_ADMIN",
      "SYS_RESOURCE",
      "PERFMON",
      "BPF",
      "DAC_OVERRIDE",
      "FOWNER",
      "SETGID",
      "SETUID",
      "SYS_CHROOT",
      "SYS_PTRACE",
    ],
  },
  {
    name: "Cilium's Envoy",
    facts: { image: "quay.io/cilium/cilium-envoy:v1.34.4", command: ["cilium-envoy-starter"] },
    entries: ["cilium-envoy"],
    capabilities: ["NET_ADMIN", "SYS_ADMIN", "PERFMON", "BPF"],
  },
  {
    name: "linkerd proxy-init",
    facts: { image: "cr.l5d.io/linkerd/proxy-init:v2.4.0" },
    entries: ["linkerd-init"],
    capabilities: ["NET_ADMIN", "NET_RAW"],
  },
  {
    name: "Linkerd's proxy-init as its chart runs it, from the proxy's image",
    facts: {
      image: "cr.l5d.io/linkerd/proxy:edge-25.1.1",
      command: ["/usr/lib/linkerd/linkerd2-proxy-init"],
      args: ["--incoming-proxy-port", "4143"],
    },
    entries: ["linkerd-init"],
    capabilities: ["NET_ADMIN", "NET_RAW"],
  },
  {
    name: "dnsmasq with a DNS port",
    facts: { image: "jpillora/dnsmasq", ports: ["53/UDP"] },
    entries: ["dnsmasq-dhcp", "low-port"],
    capabilities: ["NET_ADMIN", "NET_RAW", "NET_BIND_SERVICE"],
  },
  {
    name: "Kube-OVN's pinger",
    facts: { image: "docker.io/kubeovn/kube-ovn:v1.15.0", command: ["/kube-ovn/kube-ovn-pinger"] },
    entries: ["kube-ovn-pinger"],
    capabilities: ["NET_RAW"],
  },
  {
    name: "Inspektor Gadget, as its manifest runs it",
    facts: {
      image: "ghcr.io/inspektor-gadget/inspektor-gadget:v0.40.0",
      command: ["/bin/gadgettracermanager", "-serve"],
    },
    entries: ["inspektor-gadget"],
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
  },
  {
    name: "Kubescape's node agent, as its chart renders it",
    facts: { image: "quay.io/kubescape/node-agent:v0.3.30" },
    entries: ["kubescape-node-agent"],
    capabilities: [
      "SYS_ADMIN",
      "SYS_PTRACE",
      "NET_ADMIN",
      "SYSLOG",
      "SYS_RESOURCE",
      "IPC_LOCK",
      "NET_RAW",
    ],
  },
  {
    name: "Kubescape's ClamAV scanner",
    facts: { image: "quay.io/kubescape/klamav:1.4.3" },
    entries: ["kubescape-clamav"],
    capabilities: ["SYS_PTRACE"],
  },
  {
    name: "Tracee, as its manifests run it",
    facts: { image: "docker.io/aquasec/tracee:0.24.1", command: ["/tracee/tracee"] },
    entries: ["tracee"],
    capabilities: [
      "BPF",
      "PERFMON",
      "SYS_RESOURCE",
      "SYS_PTRACE",
      "NET_ADMIN",
      "SYSLOG",
      "IPC_LOCK",
    ],
  },
  {
    name: "OpenTelemetry eBPF Instrumentation, as its chart renders it",
    facts: {
      image: "ghcr.io/open-telemetry/opentelemetry-ebpf-instrumentation/ebpf-instrument:v0.11.0",
      environment: ["OTEL_EBPF_CONFIG_PATH", "HOST_IP"],
    },
    entries: ["ebpf-auto-instrumentation"],
    capabilities: [
      "BPF",
      "PERFMON",
      "SYS_PTRACE",
      "NET_RAW",
      "CHECKPOINT_RESTORE",
      "DAC_READ_SEARCH",
      "NET_ADMIN",
    ],
  },
  {
    name: "wg-quick",
    facts: sh("wg-quick up wg0 && sleep infinity"),
    entries: ["wireguard"],
    capabilities: ["NET_ADMIN"],
  },
  {
    name: "wg-easy, by its image and by its configuration folder",
    facts: { image: "ghcr.io/wg-easy/wg-easy:15", mountPaths: ["/etc/wireguard", "/lib/modules"] },
    entries: ["wireguard"],
    capabilities: ["NET_ADMIN"],
  },
  {
    name: "boringtun",
    facts: { command: ["boringtun-cli", "wg0", "--foreground"] },
    entries: ["wireguard-userspace"],
    capabilities: ["NET_ADMIN"],
    devices: ["/dev/net/tun"],
  },
  {
    name: "OpenVPN",
    facts: { image: "kylemanna/openvpn", command: ["ovpn_run"] },
    entries: ["openvpn"],
    capabilities: ["NET_ADMIN"],
    devices: ["/dev/net/tun"],
  },
  {
    name: "Gluetun, from GitHub's registry",
    facts: { image: "ghcr.io/qdm12/gluetun:v3.39" },
    entries: ["gluetun"],
    capabilities: ["NET_ADMIN"],
    devices: ["/dev/net/tun"],
  },
  {
    name: "Tailscale",
    facts: { image: "tailscale/tailscale:stable" },
    entries: ["tailscale"],
    capabilities: ["NET_ADMIN"],
    devices: ["/dev/net/tun"],
  },
  {
    name: "ZeroTier",
    facts: { image: "zerotier/zerotier:1.14" },
    entries: ["zerotier"],
    capabilities: ["NET_ADMIN", "SYS_ADMIN"],
    devices: ["/dev/net/tun"],
  },
  {
    name: "Datadog's system-probe, as its chart runs it",
    facts: {
      image: "gcr.io/datadoghq/agent:7.60.0",
      command: ["system-probe", "--config=/etc/datadog-agent/system-probe.yaml"],
    },
    entries: ["datadog-system-probe"],
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
  },
  {
    name: "Datadog's host profiler",
    facts: { image: "datadog/ddot-ebpf-dev:nightly-latest", command: ["host-profiler"] },
    entries: ["datadog-host-profiler"],
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
  },
  {
    name: "the Datadog agent's other containers need none of that",
    facts: { image: "gcr.io/datadoghq/agent:7.60.0", command: ["trace-agent", "-config=x"] },
    entries: [],
    capabilities: [],
  },
  {
    name: "dcgm-exporter as NVIDIA's GPU Operator runs it (the image filled in later, its variables)",
    facts: { image: "FILLED BY THE OPERATOR", environment: ["DCGM_EXPORTER_LISTEN", "NODE_NAME"] },
    entries: ["dcgm"],
    capabilities: ["SYS_ADMIN"],
  },
  {
    name: "DCGM's host engine",
    facts: {
      image: "nvcr.io/nvidia/cloud-native/dcgm:4.2.3-1-ubuntu22.04",
      command: ["nv-hostengine", "-n"],
    },
    entries: ["dcgm"],
    capabilities: ["SYS_ADMIN"],
  },
  {
    name: "Netdata, from GitHub's registry",
    facts: { image: "ghcr.io/netdata/netdata:edge" },
    entries: ["netdata"],
    capabilities: ["SYS_PTRACE", "SYS_ADMIN"],
  },
  {
    name: "kured rebooting its node by signal",
    facts: { command: ["/usr/bin/kured", "--reboot-method=signal"] },
    entries: ["kured-signal-reboot"],
    capabilities: ["KILL"],
  },
  {
    name: "Suricata",
    facts: { image: "jasonish/suricata:7.0", args: ["-i", "eth0"] },
    entries: ["suricata"],
    capabilities: ["NET_ADMIN", "NET_RAW", "SYS_NICE"],
  },
  {
    name: "ping in an exec probe",
    facts: { image: "busybox", probes: [["ping", "-c", "1", "10.0.0.1"]] },
    entries: ["ping"],
    capabilities: ["NET_RAW"],
  },
  {
    name: "arping",
    facts: sh("arping -c 1 -I eth0 10.0.0.1"),
    entries: ["arping"],
    capabilities: ["NET_RAW"],
  },
  {
    name: "mtr",
    facts: { command: ["mtr", "--report", "example.com"] },
    entries: ["traceroute"],
    capabilities: ["NET_RAW"],
  },
  {
    name: "fping",
    facts: { command: ["fping", "-g", "10.0.0.0/24"] },
    entries: ["fping"],
    capabilities: ["NET_RAW"],
  },
  {
    name: "nmap",
    facts: { command: ["nmap", "-sS", "10.0.0.0/24"] },
    entries: ["nmap"],
    capabilities: ["NET_RAW", "NET_ADMIN"],
  },
  {
    name: "hping3",
    facts: { command: ["hping3", "-S", "10.0.0.1"] },
    entries: ["hping3"],
    capabilities: ["NET_RAW"],
  },
  {
    name: "a web server on port 80",
    facts: { image: "nginx:1.27", ports: ["80"] },
    entries: ["low-port"],
    capabilities: ["NET_BIND_SERVICE"],
  },
  {
    name: "strace of a pid",
    facts: { command: ["strace", "-f", "-p", "1"] },
    entries: ["strace"],
    capabilities: ["SYS_PTRACE"],
  },
  {
    name: "ltrace",
    facts: { command: ["ltrace", "-p", "1"] },
    entries: ["ltrace"],
    capabilities: ["SYS_PTRACE"],
  },
  {
    name: "gdbserver",
    facts: { command: ["gdbserver", "--attach", ":2345", "1"] },
    entries: ["gdb"],
    capabilities: ["SYS_PTRACE"],
  },
  {
    name: "delve headless",
    facts: { command: ["/go/bin/dlv", "exec", "/app", "--headless"] },
    entries: ["delve"],
    capabilities: ["SYS_PTRACE"],
  },
  {
    name: "py-spy record",
    facts: { command: ["py-spy", "record", "--pid", "1"] },
    entries: ["py-spy"],
    capabilities: ["SYS_PTRACE"],
  },
  {
    name: "rbspy",
    facts: { command: ["rbspy", "record", "--pid", "1"] },
    entries: ["rbspy"],
    capabilities: ["SYS_PTRACE"],
  },
  {
    name: "perf record",
    facts: { command: ["perf", "record", "-a", "-g"] },
    entries: ["perf"],
    capabilities: ["PERFMON"],
  },
  {
    name: "cAdvisor with perf events (its perf example overlay)",
    facts: { args: ["--perf_events_config=/etc/config/perf-non-hardware.json"] },
    entries: ["cadvisor-perf-events"],
    capabilities: ["PERFMON"],
  },
  {
    name: "cAdvisor with perf events, the flag's value as the next word",
    facts: { command: ["/usr/bin/cadvisor", "-perf_events_config", "perf.json"] },
    entries: ["cadvisor-perf-events"],
    capabilities: ["PERFMON"],
  },
  {
    name: "bpftrace one-liner",
    facts: {
      command: ["bpftrace", "-e", "tracepoint:syscalls:sys_enter_open { @[comm] = count(); }"],
    },
    entries: ["bpftrace"],
    capabilities: ["BPF", "PERFMON"],
  },
  {
    name: "BCC execsnoop",
    facts: { command: ["/usr/share/bcc/tools/execsnoop"] },
    entries: ["bcc-tools"],
    capabilities: ["BPF", "PERFMON"],
  },
  {
    name: "Falco",
    facts: {
      image: "falcosecurity/falco-no-driver:0.38.0",
      args: ["/usr/bin/falco", "-o", "engine.kind=modern_ebpf"],
    },
    entries: ["falco-modern-ebpf"],
    capabilities: ["BPF", "PERFMON", "SYS_RESOURCE", "SYS_PTRACE"],
  },
  {
    name: "chronyd",
    facts: { command: ["chronyd", "-d"] },
    entries: ["chrony"],
    capabilities: ["SYS_TIME"],
  },
  {
    name: "ntpd with a port",
    facts: { image: "cturra/ntp", command: ["ntpd", "-g", "-n"], ports: ["123/UDP"] },
    entries: ["low-port", "ntpd"],
    capabilities: ["NET_BIND_SERVICE", "SYS_TIME"],
  },
  {
    name: "hwclock",
    facts: sh("hwclock --systohc"),
    entries: ["hwclock"],
    capabilities: ["SYS_TIME"],
    devices: ["/dev/rtc0"],
  },
  {
    name: "s3fs",
    facts: sh("s3fs mybucket /mnt/s3 -o iam_role=auto && sleep infinity"),
    entries: ["s3fs"],
    capabilities: ["SYS_ADMIN"],
    devices: ["/dev/fuse"],
  },
  {
    name: "sshfs",
    facts: { command: ["sshfs", "user@host:/data", "/mnt"] },
    entries: ["sshfs"],
    capabilities: ["SYS_ADMIN"],
    devices: ["/dev/fuse"],
  },
  {
    name: "rclone mount",
    facts: {
      image: "rclone/rclone:1.67",
      args: ["mount", "remote:bucket", "/data"],
      command: ["rclone"],
    },
    entries: ["rclone-mount"],
    capabilities: ["SYS_ADMIN"],
    devices: ["/dev/fuse"],
  },
  {
    name: "gcsfuse",
    facts: { command: ["gcsfuse", "--foreground", "bucket", "/mnt"] },
    entries: ["gcsfuse"],
    capabilities: ["SYS_ADMIN"],
    devices: ["/dev/fuse"],
  },
  {
    name: "goofys",
    facts: { command: ["goofys", "-f", "bucket", "/mnt"] },
    entries: ["goofys"],
    capabilities: ["SYS_ADMIN"],
    devices: ["/dev/fuse"],
  },
  {
    name: "mount-s3",
    facts: { command: ["mount-s3", "bucket", "/mnt"] },
    entries: ["mountpoint-s3"],
    capabilities: ["SYS_ADMIN"],
    devices: ["/dev/fuse"],
  },
  {
    name: "NFS mount in a script",
    facts: sh("mount -t nfs 10.0.0.5:/export /data && exec app"),
    entries: ["mount"],
    capabilities: ["SYS_ADMIN"],
  },
  {
    name: "modprobe through gosu",
    facts: { command: ["gosu", "root", "modprobe", "wireguard"] },
    entries: ["modprobe"],
    capabilities: ["SYS_MODULE"],
  },
  {
    name: "Auditbeat",
    facts: { image: "docker.elastic.co/beats/auditbeat:8.14.0" },
    entries: ["audit"],
    capabilities: ["AUDIT_CONTROL", "AUDIT_READ"],
  },
  { name: "dmesg", facts: sh("dmesg -w"), entries: ["dmesg"], capabilities: ["SYSLOG"] },
  {
    name: "chrt",
    facts: { command: ["chrt", "-f", "50", "/app"] },
    entries: ["chrt"],
    capabilities: ["SYS_NICE"],
  },
  {
    name: "Vault server",
    facts: { image: "hashicorp/vault:1.17", args: ["server"] },
    entries: ["vault-mlock"],
    capabilities: ["IPC_LOCK"],
  },
  {
    name: "CRIU",
    facts: { command: ["criu", "dump", "-t", "1"] },
    entries: ["criu"],
    capabilities: ["CHECKPOINT_RESTORE", "SYS_PTRACE"],
  },
  {
    name: "buildah bud",
    facts: { image: "quay.io/buildah/stable:v1.36", command: ["buildah", "bud", "-t", "app", "."] },
    entries: ["buildah"],
    capabilities: ["SETUID", "SETGID"],
    devices: ["/dev/fuse"],
  },
  {
    name: "podman in a container",
    facts: { image: "quay.io/podman/stable", args: ["podman", "build", "."] },
    entries: ["podman"],
    capabilities: ["SETUID", "SETGID"],
    devices: ["/dev/fuse"],
  },
  {
    name: "kaniko needs nothing",
    facts: { image: "gcr.io/kaniko-project/executor:v1.23.0", args: ["--dockerfile=Dockerfile"] },
    entries: ["kaniko"],
    capabilities: [],
  },
  {
    name: "rootless BuildKit needs nothing",
    facts: { image: "moby/buildkit:v0.15.0-rootless", args: ["--oci-worker-no-process-sandbox"] },
    entries: ["buildkit-rootless"],
    capabilities: [],
  },
  {
    name: "ping and tcpdump together: the union",
    facts: sh("ping -c1 gw; tcpdump -c 10"),
    entries: ["tcpdump", "ping"],
    capabilities: ["NET_RAW", "NET_ADMIN"],
  },
  // Near misses: words that only look like tools.
  {
    name: "nothing known",
    facts: { image: "nginx:1.27", command: ["nginx", "-g", "daemon off;"] },
    entries: [],
    capabilities: [],
  },
  {
    name: "a flag named like a tool is not a program",
    facts: { command: ["app", "--tcpdump", "--ping"] },
    entries: [],
    capabilities: [],
  },
  {
    name: "reading addresses with ip is not writing",
    facts: { command: ["ip", "--brief", "addr"] },
    entries: [],
    capabilities: [],
  },
  {
    name: "echo of a tool name",
    facts: sh("echo run tcpdump later"),
    entries: [],
    capabilities: [],
  },
  {
    name: "a high port needs nothing",
    facts: { ports: ["8080/TCP"] },
    entries: [],
    capabilities: [],
  },
  {
    name: "a Docker Hub library image is not a namespaced one",
    facts: { image: "speaker:1" },
    entries: [],
    capabilities: [],
  },
];

describe("capability catalogue", () => {
  it("has at least 40 entries with unique ids, evidence and valid capability names", () => {
    expect(CAPABILITY_CATALOGUE.length).toBeGreaterThanOrEqual(40);
    const ids = CAPABILITY_CATALOGUE.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of CAPABILITY_CATALOGUE) {
      expect(entry.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(entry.evidence.length).toBeGreaterThan(0);
      for (const e of [...entry.evidence, ...(entry.keepsDefaults?.evidence ?? [])]) {
        expect(e.url).toMatch(/^https:\/\/[a-z0-9.-]+\//);
        expect(e.says.length).toBeGreaterThan(5);
      }
      for (const c of [...entry.capabilities, ...(entry.olderKernels?.capabilities ?? [])])
        expect(LINUX_CAPABILITIES.has(c) ? c : `${entry.id}: ${c}`).toBe(c);
      for (const d of entry.devices ?? []) expect(d).toMatch(/^\/dev\//);
      expect(Object.values(entry.match).flat().length).toBeGreaterThan(0);
    }
  });

  it("has a case in the table for every entry", () => {
    const covered = new Set(CASES.flatMap((c) => c.entries));
    expect(CAPABILITY_CATALOGUE.map((e) => e.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const inference = inferNeeds(c.facts);
      expect(inference.matches.map((m) => m.entry.id)).toEqual(c.entries);
      expect(inference.capabilities).toEqual(c.capabilities);
      expect(inference.devices).toEqual(c.devices ?? []);
      for (const m of inference.matches)
        expect(m.signal).toMatch(
          /^(program|image|script|argument|mount|device|port|environment variable) /,
        );
    });
  }

  it("has titles that read inside a sentence ('which a listener on a port below 1024 needs')", () => {
    const capitalArticle = CAPABILITY_CATALOGUE.filter((e) => /^(?:A|An|The) /.test(e.title));
    expect(capitalArticle.map((e) => e.title)).toEqual([]);
    const inference = inferNeeds({ image: "nginx:1.27", ports: ["80"] });
    expect(describeMatches(inference)).toBe("a listener on a port below 1024");
  });

  it("names the older kernels' capabilities in its notes", () => {
    const { notes } = inferNeeds({ command: ["perf", "top"] });
    expect(notes).toContain("On kernels before Linux 5.8, SYS_ADMIN instead of PERFMON.");
    // Where several entries match, each note names its own.
    const both = inferNeeds({ command: ["sh", "-c", "perf top; tcpdump -i any"] });
    expect(both.notes).toContain(
      "perf: on kernels before Linux 5.8, SYS_ADMIN instead of PERFMON.",
    );
  });
});

describe("what a setting shared by several containers needs", () => {
  it("is every entry one of them shows, in catalogue order, each with the first signal found", () => {
    const shared = inferNeedsOfAll([
      { image: "docker.io/bitnami/metallb-speaker:0.15.2" },
      { command: ["/bin/bash", "-c", "/usr/lib/frr/watchfrr zebra bgpd"] },
      { image: "quay.io/metallb/speaker:v0.14.8" },
    ]);
    expect(shared.matches.map((m) => [m.entry.id, m.signal])).toEqual([
      ["metallb-speaker", "image `bitnami/metallb-speaker`"],
      ["frr", "program `watchfrr`"],
    ]);
    expect(shared.capabilities).toEqual(["NET_RAW", "NET_ADMIN", "SYS_ADMIN", "NET_BIND_SERVICE"]);
    expect(inferNeedsOfAll([])).toEqual({ matches: [], capabilities: [], devices: [], notes: [] });
  });
});
