import type { CatalogueEntry, Evidence, Match } from "../types.js";
import { capabilitiesMan } from "./man-pages.js";

const RAW = capabilitiesMan("CAP_NET_RAW", "use RAW and PACKET sockets");
const ADMIN = capabilitiesMan(
  "CAP_NET_ADMIN",
  "interface configuration, firewall, routing tables, promiscuous mode",
);
const TUN = "/dev/net/tun";

/** Istio's CNI node agent: its image, and variables only it reads (the image is often from values). */
export const ISTIO_CNI_MATCH: Match = {
  images: ["istio/install-cni", "install-cni"],
  environment: ["REPAIR_SIDECAR_ANNOTATION", "ALLOW_SWITCH_TO_HOST_NS"],
};
/** Istio's CNI node agent DaemonSet, which says what each capability it adds is for. */
export const ISTIO_CNI_DS: Evidence = {
  url: "https://github.com/istio/istio/blob/master/manifests/charts/istio-cni/templates/daemonset.yaml",
  says: "install-cni: privileged false, runAsUser 0, capabilities drop [ALL], add NET_ADMIN (ipset and route table access), NET_RAW (iptables mutation of the nat table), SYS_PTRACE and SYS_ADMIN (ambient and repair mode: open and enter pod network namespaces in /proc), DAC_OVERRIDE (write the hostPath mounts as root without its other capabilities)",
};

/** Cilium's agent and the init containers its chart runs from the same image. */
export const CILIUM_MATCH: Match = {
  images: ["cilium/cilium", "cilium/cilium-ci", "bitnami/cilium"],
  programs: ["cilium-agent"],
};
/** Intrusion banners that write the host's firewall: fail2ban's images, mailcow's netfilter. */
export const FIREWALL_BANNER_MATCH: Match = {
  images: [
    "crazymax/fail2ban",
    "linuxserver/fail2ban",
    "*/linuxserver/fail2ban",
    "mailcow/netfilter",
  ],
  programs: ["fail2ban-server", "fail2ban-client"],
};
/** How their projects run them: the host's network, NET_ADMIN and NET_RAW. */
export const FIREWALL_BANNER_EVIDENCE: readonly Evidence[] = [
  {
    url: "https://github.com/crazy-max/docker-fail2ban#usage",
    says: "the fail2ban container runs with network_mode: host and cap_add: NET_ADMIN, NET_RAW",
  },
  {
    url: "https://docs.linuxserver.io/images/docker-fail2ban/",
    says: "cap_add: NET_ADMIN, NET_RAW; network_mode: host",
  },
  {
    url: "https://github.com/mailcow/mailcow-dockerized/blob/master/docker-compose.yml",
    says: "netfilter-mailcow: network_mode: host; its image (data/Dockerfiles/netfilter) installs iptables, nftables and python-iptables and bans through them",
  },
];
/** Cilium's Envoy proxy, in a DaemonSet of its own. */
export const CILIUM_ENVOY_MATCH: Match = {
  images: ["cilium/cilium-envoy", "bitnami/cilium-proxy"],
  programs: ["cilium-envoy-starter"],
};
/** Cilium's chart, which says what each capability it adds is for. */
export const CILIUM_VALUES: Evidence = {
  url: "https://github.com/cilium/cilium/blob/main/install/kubernetes/cilium/values.yaml",
  says: "privileged false; securityContext.capabilities.ciliumAgent: CHOWN (socket permission), KILL (envoy child process), NET_ADMIN (routing tables), NET_RAW (raw sockets), IPC_LOCK (cilium monitor's mmap), SYS_MODULE (iptables), SYS_ADMIN (switch network namespaces), SYS_RESOURCE, PERFMON and BPF (kernel 5.8), DAC_OVERRIDE, FOWNER, SETGID, SETUID; mountCgroup and applySysctlOverwrites: SYS_ADMIN, SYS_CHROOT, SYS_PTRACE (nsenter); cleanCiliumState: NET_ADMIN, SYS_MODULE, SYS_ADMIN, SYS_RESOURCE; envoy: NET_ADMIN (IP_TRANSPARENT), SYS_ADMIN",
};
/** Bitnami's Cilium chart, which adds the same ones with PERFMON and BPF. */
export const BITNAMI_CILIUM_VALUES: Evidence = {
  url: "https://github.com/bitnami/charts/blob/main/bitnami/cilium/values.yaml",
  says: "agent.containerSecurityContext: privileged false, runAsUser 0, drop ALL, add BPF, CHOWN, DAC_OVERRIDE, FOWNER, KILL, NET_ADMIN, NET_RAW, IPC_LOCK, PERFMON, SETGID, SETUID, SYS_ADMIN, SYS_MODULE, SYS_RESOURCE; the install-cni-plugin init container NET_ADMIN, SYS_ADMIN, SYS_CHROOT, SYS_MODULE, SYS_PTRACE, SYS_RESOURCE; envoy BPF, NET_ADMIN, PERFMON, SYS_ADMIN",
};

/** Packet capture, firewalls, routing, load-balancer and mesh agents, tunnels and VPNs. */
export const NETWORK_ENTRIES: readonly CatalogueEntry[] = [
  {
    id: "tcpdump",
    title: "tcpdump",
    match: { programs: ["tcpdump"], images: ["*tcpdump*"] },
    capabilities: ["NET_RAW", "NET_ADMIN"],
    note: "NET_ADMIN only puts the interface into promiscuous mode; with `-p` NET_RAW alone is enough.",
    evidence: [
      {
        url: "https://www.tcpdump.org/manpages/tcpdump.1.html",
        says: "reading packets from a network interface may require special privileges; -p: don't put the interface into promiscuous mode",
      },
      RAW,
      ADMIN,
    ],
  },
  {
    id: "wireshark-dumpcap",
    title: "tshark / dumpcap (Wireshark)",
    match: {
      programs: ["tshark", "dumpcap", "termshark"],
      images: ["*tshark*", "*wireshark*", "*termshark*"],
    },
    capabilities: ["NET_RAW", "NET_ADMIN"],
    evidence: [
      {
        url: "https://wiki.wireshark.org/CaptureSetup/CapturePrivileges",
        says: "dumpcap needs CAP_NET_RAW and CAP_NET_ADMIN to capture",
      },
    ],
  },
  {
    id: "ngrep",
    title: "ngrep",
    match: { programs: ["ngrep"], images: ["*ngrep*"] },
    capabilities: ["NET_RAW", "NET_ADMIN"],
    evidence: [
      { url: "https://github.com/jpr5/ngrep", says: "captures with libpcap, as tcpdump does" },
      RAW,
      ADMIN,
    ],
  },
  {
    id: "netshoot",
    title: "netshoot",
    match: { images: ["nicolaka/netshoot", "netshoot"] },
    capabilities: ["NET_RAW", "NET_ADMIN"],
    note: "netshoot bundles tcpdump, iptables, ip and nmap; grant only what the commands you run need.",
    evidence: [
      {
        url: "https://github.com/nicolaka/netshoot",
        says: "tcpdump, iptables, iproute2, nmap, termshark in one image",
      },
      RAW,
      ADMIN,
    ],
  },
  {
    id: "iptables",
    title: "iptables / ip6tables rule loader",
    match: {
      programs: [
        "iptables",
        "ip6tables",
        "iptables-restore",
        "ip6tables-restore",
        "iptables-legacy",
        "iptables-nft",
        "iptables-save",
        "ebtables",
        "ipset",
      ],
    },
    capabilities: ["NET_ADMIN", "NET_RAW"],
    note: "iptables-legacy opens a raw socket to read and write its tables, hence NET_RAW; the kernel modules it uses must already be loaded on the node.",
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man8/iptables.8.html",
        says: "administration tool for IPv4/IPv6 packet filtering and NAT",
      },
      ADMIN,
      RAW,
    ],
  },
  {
    id: "nftables",
    title: "nftables (nft)",
    match: { programs: ["nft"] },
    capabilities: ["NET_ADMIN"],
    evidence: [
      {
        url: "https://www.netfilter.org/projects/nftables/manpage.html",
        says: "nft: administration tool of the nftables framework",
      },
      ADMIN,
    ],
  },
  {
    id: "host-firewall-banner",
    title: "fail2ban or mailcow's netfilter",
    match: FIREWALL_BANNER_MATCH,
    capabilities: ["NET_ADMIN", "NET_RAW"],
    note: "It bans addresses in the firewall of the network namespace it runs in: to protect the host it must share the host's network (Compose `network_mode: host`).",
    evidence: [...FIREWALL_BANNER_EVIDENCE, ADMIN, RAW],
  },
  {
    id: "iproute2",
    title: "iproute2's ip",
    match: {
      programs: [
        "ip add del delete set replace change flush append",
        "route add del",
        "ifconfig up down",
        "brctl addbr addif",
        "vconfig add",
      ],
    },
    capabilities: ["NET_ADMIN"],
    note: "Reading (`ip addr show`) needs nothing; changing addresses, links and routes needs NET_ADMIN.",
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man8/ip.8.html",
        says: "show / manipulate routing, network devices, interfaces and tunnels",
      },
      ADMIN,
    ],
  },
  {
    id: "tc",
    title: "tc (traffic control)",
    match: { programs: ["tc qdisc", "tc class", "tc filter", "tc -*"] },
    capabilities: ["NET_ADMIN"],
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man8/tc.8.html",
        says: "show / manipulate traffic control settings",
      },
      ADMIN,
    ],
  },
  {
    id: "ipvsadm",
    title: "ipvsadm (IPVS virtual servers)",
    match: { programs: ["ipvsadm"] },
    capabilities: ["NET_ADMIN"],
    evidence: [
      {
        url: "https://linux.die.net/man/8/ipvsadm",
        says: "set up, maintain or inspect the virtual server table in the Linux kernel",
      },
      ADMIN,
    ],
  },
  {
    id: "conntrack",
    title: "conntrack (connection tracking table)",
    match: { programs: ["conntrack"] },
    capabilities: ["NET_ADMIN"],
    evidence: [
      {
        url: "https://conntrack-tools.netfilter.org/manual.html",
        says: "conntrack: interact with the in-kernel connection tracking system",
      },
      ADMIN,
    ],
  },
  {
    id: "ethtool",
    title: "ethtool (NIC settings)",
    match: { programs: ["ethtool -*"] },
    capabilities: ["NET_ADMIN"],
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man8/ethtool.8.html",
        says: "query or control network driver and hardware settings",
      },
      ADMIN,
    ],
  },
  {
    id: "keepalived",
    title: "keepalived (VRRP virtual IPs)",
    match: { programs: ["keepalived"], images: ["*keepalived*"] },
    capabilities: ["NET_ADMIN", "NET_BROADCAST", "NET_RAW"],
    evidence: [
      {
        url: "https://github.com/osixia/docker-keepalived",
        says: "docker run --cap-add=NET_ADMIN --cap-add=NET_BROADCAST --cap-add=NET_RAW --net=host",
      },
      {
        url: "https://www.keepalived.org/manpage.html",
        says: "VRRP adverts over raw sockets, virtual addresses added to interfaces",
      },
    ],
  },
  {
    id: "kube-vip",
    title: "kube-vip",
    match: {
      images: ["kube-vip/kube-vip*", "plndr/kube-vip*", "kube-vip"],
      programs: ["kube-vip"],
    },
    capabilities: ["NET_ADMIN", "NET_RAW"],
    evidence: [
      {
        url: "https://kube-vip.io/docs/installation/daemonset/",
        says: "generated manifest: securityContext.capabilities.add [NET_ADMIN, NET_RAW]",
      },
    ],
  },
  {
    id: "metallb-speaker",
    title: "MetalLB speaker",
    match: { images: ["metallb/speaker", "metallb-speaker"] },
    capabilities: ["NET_RAW"],
    note: "NET_ADMIN and SYS_ADMIN, which older manifests and the Bitnami chart add, are not needed: MetalLB removed them from the speaker.",
    evidence: [
      {
        url: "https://github.com/metallb/metallb/blob/main/config/manifests/metallb-native.yaml",
        says: "speaker: capabilities add [NET_RAW], drop [ALL]",
      },
      {
        url: "https://github.com/metallb/metallb/commit/e0687ef4bc92a38597eab168eaac8e1ca30fc00a",
        says: "Remove NET_ADMIN and SYS_ADMIN capabilities: those capabilities are not needed and allow to break out of the container (metallb/metallb#762)",
      },
      {
        url: "https://github.com/metallb/metallb/blob/main/charts/metallb/templates/speaker.yaml",
        says: "speaker container: capabilities drop [ALL], add [NET_RAW]; the frr container beside it adds NET_ADMIN, NET_RAW, SYS_ADMIN and NET_BIND_SERVICE",
      },
    ],
  },
  {
    id: "frr",
    title: "FRRouting (BGP, as in MetalLB's FRR mode)",
    match: {
      images: ["frrouting/frr", "frr", "*/frr-k8s"],
      programs: ["bgpd", "zebra", "watchfrr", "docker-start"],
    },
    capabilities: ["NET_ADMIN", "NET_RAW", "SYS_ADMIN", "NET_BIND_SERVICE"],
    note: "SYS_ADMIN is for FRR's network namespace handling; the BGP port 179 needs NET_BIND_SERVICE.",
    keepsDefaults: {
      why: "starts its daemons as root, which then switch to the `frr` user and group (setreuid and setregid need SETUID and SETGID) and share sockets and files owned by `frr` under /var/run/frr and /etc/frr with the other containers of the pod",
      evidence: [
        {
          url: "https://github.com/FRRouting/frr/blob/master/lib/privs.c",
          says: "zprivs_init: setgroups and setregid to the configured group, then setreuid to the `frr` user, exiting when they fail",
        },
        {
          url: "https://github.com/metallb/metallb/blob/main/config/frr/speaker-patch.yaml",
          says: "frr container: capabilities add [NET_ADMIN, NET_RAW, SYS_ADMIN, NET_BIND_SERVICE] and no drop; cp-frr-files copies the configuration as runAsUser 100, runAsGroup 101 (frr)",
        },
      ],
    },
    evidence: [
      {
        url: "https://github.com/metallb/metallb/blob/main/config/manifests/metallb-frr.yaml",
        says: "frr container: capabilities add [NET_ADMIN, NET_RAW, SYS_ADMIN, NET_BIND_SERVICE]",
      },
    ],
  },
  {
    id: "bird",
    title: "BIRD routing daemon",
    match: { programs: ["bird", "bird6"], images: ["*bird*"] },
    capabilities: ["NET_ADMIN", "NET_RAW", "NET_BIND_SERVICE"],
    evidence: [
      {
        url: "https://bird.network.cz/?get_doc&v=20&f=bird-1.html",
        says: "BIRD changes the kernel routing tables",
      },
      ADMIN,
      RAW,
    ],
  },
  {
    id: "kube-proxy",
    title: "kube-proxy",
    match: { images: ["kube-proxy*"], programs: ["kube-proxy"] },
    capabilities: ["NET_ADMIN", "NET_RAW"],
    note: "kube-proxy also writes conntrack sysctls on the node at start; set `--conntrack-max-per-core=0` and tune them on the node, or keep it privileged as a node component.",
    evidence: [
      {
        url: "https://kubernetes.io/docs/reference/command-line-tools-reference/kube-proxy/",
        says: "programs iptables, IPVS or nftables rules; --conntrack-max-per-core 0 leaves the limit as is",
      },
      ADMIN,
    ],
  },
  {
    id: "ip-masq-agent",
    title: "ip-masq-agent",
    match: { images: ["ip-masq-agent*"], programs: ["ip-masq-agent"] },
    capabilities: ["NET_ADMIN", "NET_RAW"],
    evidence: [
      {
        url: "https://github.com/kubernetes-sigs/ip-masq-agent",
        says: "DaemonSet: privileged: false, capabilities add [NET_ADMIN, NET_RAW]",
      },
    ],
  },
  {
    id: "istio-init",
    title: "Istio init container (istio-iptables)",
    match: { programs: ["istio-iptables"], arguments: ["istio-iptables"] },
    capabilities: ["NET_ADMIN", "NET_RAW"],
    note: "The Istio CNI plugin removes the need for this init container altogether.",
    evidence: [
      {
        url: "https://istio.io/latest/docs/ops/deployment/application-requirements/",
        says: "istio-init requires NET_ADMIN and NET_RAW, unless the Istio CNI plugin is used",
      },
    ],
  },
  {
    id: "istio-ztunnel",
    title: "Istio ztunnel (ambient mode's node proxy)",
    match: { images: ["istio/ztunnel", "ztunnel"], arguments: ["ztunnel"] },
    capabilities: ["NET_ADMIN", "SYS_ADMIN", "NET_RAW"],
    note: "ztunnel enters each meshed pod's network namespace (setns, hence SYS_ADMIN) to set up the redirection there; it runs as root so that these capabilities stay effective.",
    evidence: [
      {
        url: "https://github.com/istio/istio/blob/master/manifests/charts/ztunnel/templates/daemonset.yaml",
        says: "capabilities drop [ALL], add NET_ADMIN (Required for TPROXY and setsockopt), SYS_ADMIN (Required for `setns` - doing things in other netns), NET_RAW (Required for RAW/PACKET sockets, TPROXY); runAsUser: 0",
      },
      {
        url: "https://istio.io/latest/docs/ambient/architecture/traffic-redirection/",
        says: "the ztunnel proxy performs data path capture inside the Linux network namespace of the workload pod",
      },
    ],
  },
  {
    id: "istio-cni-node-agent",
    title: "Istio CNI node agent (install-cni)",
    match: ISTIO_CNI_MATCH,
    capabilities: ["NET_ADMIN", "NET_RAW", "SYS_PTRACE", "SYS_ADMIN", "DAC_OVERRIDE"],
    note: "Without ambient mode and pod repair, the agent only installs the CNI plugin and its configuration; SYS_PTRACE and SYS_ADMIN serve those two features.",
    evidence: [ISTIO_CNI_DS],
  },
  {
    id: "cilium-agent",
    title: "Cilium agent",
    match: CILIUM_MATCH,
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
    note: "The init containers its chart runs from the same image use fewer: mounting the cgroup file system and writing sysctls enter the node's mount namespace with `nsenter` (SYS_ADMIN, SYS_CHROOT, SYS_PTRACE); cleaning the BPF state needs NET_ADMIN, SYS_MODULE, SYS_ADMIN and SYS_RESOURCE.",
    evidence: [CILIUM_VALUES, BITNAMI_CILIUM_VALUES],
  },
  {
    id: "cilium-envoy",
    title: "Cilium Envoy proxy",
    match: CILIUM_ENVOY_MATCH,
    capabilities: ["NET_ADMIN", "SYS_ADMIN", "PERFMON", "BPF"],
    note: "Its starter drops every capability after it forks Envoy; NET_BIND_SERVICE is passed on only when Envoy must bind a low port.",
    evidence: [CILIUM_VALUES, BITNAMI_CILIUM_VALUES],
  },
  {
    id: "linkerd-init",
    title: "Linkerd proxy-init",
    match: {
      images: ["*linkerd*proxy-init*", "*proxy-init"],
      programs: ["proxy-init", "linkerd2-proxy-init"],
    },
    capabilities: ["NET_ADMIN", "NET_RAW"],
    note: "The Linkerd CNI plugin removes the need for this init container altogether.",
    evidence: [
      {
        url: "https://github.com/linkerd/linkerd2-proxy-init",
        says: "sets up iptables to redirect traffic through the proxy; runs with NET_ADMIN and NET_RAW",
      },
      {
        url: "https://github.com/linkerd/linkerd2/blob/main/charts/partials/templates/_proxy-init.tpl",
        says: "linkerd-init runs /usr/lib/linkerd/linkerd2-proxy-init from the proxy's image, capabilities add [NET_ADMIN, NET_RAW]",
      },
    ],
  },
  {
    id: "dnsmasq-dhcp",
    title: "dnsmasq (DNS and DHCP server)",
    match: { programs: ["dnsmasq"], images: ["*dnsmasq*"] },
    capabilities: ["NET_ADMIN", "NET_RAW", "NET_BIND_SERVICE"],
    note: "As a DNS cache only, NET_BIND_SERVICE for port 53 is enough; DHCP needs NET_ADMIN and NET_RAW.",
    evidence: [
      {
        url: "https://thekelleys.org.uk/dnsmasq/docs/dnsmasq-man.html",
        says: "retains CAP_NET_ADMIN for the DHCP ARP cache; binds port 53 and 67",
      },
      ADMIN,
    ],
  },
  {
    id: "wireguard",
    title: "WireGuard (kernel module, wg / wg-quick)",
    match: {
      programs: ["wg", "wg-quick"],
      images: ["*wireguard*", "wg-easy/wg-easy"],
      mountPaths: ["/etc/wireguard"],
    },
    capabilities: ["NET_ADMIN"],
    note: "The wireguard module must already be loaded on the node (otherwise SYS_MODULE and /lib/modules).",
    onlyFor: {
      capabilities: ["SYS_MODULE"],
      purpose: "load the `wireguard` kernel module when the host has not loaded it",
      instead:
        "Load it on the host first (`modprobe wireguard`, and `wireguard` in /etc/modules-load.d so it loads at boot; built in since Linux 5.6 on most distributions), then the /lib/modules mount can go too.",
    },
    evidence: [
      {
        url: "https://www.wireguard.com/quickstart/",
        says: "ip link add dev wg0 type wireguard; wg setconf",
      },
      {
        url: "https://docs.linuxserver.io/images/docker-wireguard/",
        says: "cap_add NET_ADMIN (SYS_MODULE only to load the module)",
      },
      {
        url: "https://github.com/wg-easy/wg-easy/blob/master/docker-compose.yml",
        says: "wg-easy (a WireGuard server with a web UI, its configuration in /etc/wireguard): cap_add NET_ADMIN and SYS_MODULE, /lib/modules mounted read-only",
      },
    ],
  },
  {
    id: "wireguard-userspace",
    title: "WireGuard in user space (wireguard-go, boringtun)",
    match: { programs: ["wireguard-go", "boringtun", "boringtun-cli"], images: ["*boringtun*"] },
    capabilities: ["NET_ADMIN"],
    devices: [TUN],
    evidence: [
      {
        url: "https://github.com/cloudflare/boringtun",
        says: "docker run --cap-add NET_ADMIN --device /dev/net/tun",
      },
      { url: "https://github.com/WireGuard/wireguard-go", says: "creates a TUN interface" },
    ],
  },
  {
    id: "openvpn",
    title: "OpenVPN",
    match: { programs: ["openvpn", "ovpn_run"], images: ["*openvpn*"] },
    capabilities: ["NET_ADMIN"],
    devices: [TUN],
    evidence: [
      {
        url: "https://github.com/kylemanna/docker-openvpn",
        says: "docker run --cap-add=NET_ADMIN",
      },
      {
        url: "https://openvpn.net/community-resources/reference-manual-for-openvpn-2-6/",
        says: "--dev tun: a TUN device",
      },
    ],
  },
  {
    id: "gluetun",
    title: "Gluetun (VPN client container for other containers)",
    match: { images: ["qmcgaw/gluetun", "qdm12/gluetun", "*gluetun*"] },
    capabilities: ["NET_ADMIN"],
    devices: [TUN],
    note: "It routes the containers that share its network (`network_mode: service:gluetun`) through the VPN tunnel and blocks their traffic when the tunnel is down, with its own iptables firewall.",
    evidence: [
      {
        url: "https://github.com/qdm12/gluetun-wiki/blob/main/setup/providers/expressvpn.md",
        says: "docker run --cap-add=NET_ADMIN --device /dev/net/tun ... qmcgaw/gluetun; the Compose example adds NET_ADMIN and /dev/net/tun",
      },
      {
        url: "https://github.com/qdm12/gluetun",
        says: "VPN client in a thin Docker container for multiple VPN providers, with a built-in firewall kill switch (iptables)",
      },
    ],
  },
  {
    id: "tailscale",
    title: "Tailscale",
    match: {
      programs: ["tailscaled", "containerboot"],
      images: ["tailscale/tailscale", "*tailscale*"],
    },
    capabilities: ["NET_ADMIN"],
    devices: [TUN],
    note: "In userspace networking mode (`TS_USERSPACE=true`) Tailscale needs neither the capability nor the device.",
    evidence: [
      {
        url: "https://tailscale.com/kb/1282/docker",
        says: "cap_add net_admin, devices /dev/net/tun; TS_USERSPACE for userspace networking",
      },
      {
        url: "https://tailscale.com/kb/1185/kubernetes",
        says: "sidecar: securityContext.capabilities.add [NET_ADMIN]",
      },
    ],
  },
  {
    id: "zerotier",
    title: "ZeroTier",
    match: { programs: ["zerotier-one"], images: ["zerotier/zerotier*", "*zerotier*"] },
    capabilities: ["NET_ADMIN", "SYS_ADMIN"],
    devices: [TUN],
    evidence: [
      {
        url: "https://docs.zerotier.com/docker/",
        says: "--cap-add=NET_ADMIN --cap-add=SYS_ADMIN --device=/dev/net/tun",
      },
    ],
  },
  {
    id: "suricata",
    title: "Suricata IDS",
    match: { programs: ["suricata"], images: ["*suricata*"] },
    capabilities: ["NET_ADMIN", "NET_RAW", "SYS_NICE"],
    evidence: [
      {
        url: "https://github.com/jasonish/docker-suricata",
        says: "--cap-add=net_admin --cap-add=net_raw --cap-add=sys_nice",
      },
    ],
  },
  {
    id: "kube-ovn-pinger",
    title: "Kube-OVN pinger (network reachability checks)",
    match: { programs: ["kube-ovn-pinger"] },
    capabilities: ["NET_RAW"],
    note: "It pings the pods, nodes and external addresses of the cluster over raw ICMP sockets.",
    evidence: [
      {
        url: "https://github.com/kubeovn/kube-ovn/blob/master/charts/kube-ovn/templates/pinger-ds.yaml",
        says: "the pinger container runs /kube-ovn/kube-ovn-pinger with capabilities add NET_BIND_SERVICE and NET_RAW",
      },
      capabilitiesMan("CAP_NET_RAW", "use RAW and PACKET sockets"),
    ],
  },
  {
    id: "ping",
    title: "ping",
    match: { programs: ["ping", "ping6"] },
    capabilities: ["NET_RAW"],
    note: "Without NET_RAW, ping works through ICMP datagram sockets when the pod sets the safe sysctl `net.ipv4.ping_group_range`.",
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man8/ping.8.html",
        says: "uses a raw socket, or an ICMP datagram socket where allowed",
      },
      {
        url: "https://man7.org/linux/man-pages/man7/icmp.7.html",
        says: "ping_group_range: groups allowed to create ICMP Echo sockets",
      },
      RAW,
    ],
  },
  {
    id: "arping",
    title: "arping",
    match: { programs: ["arping"] },
    capabilities: ["NET_RAW"],
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man8/arping.8.html",
        says: "sends ARP REQUEST over a packet socket",
      },
      RAW,
    ],
  },
  {
    id: "traceroute",
    title: "traceroute / mtr",
    match: { programs: ["traceroute", "traceroute6", "tcptraceroute", "mtr"] },
    capabilities: ["NET_RAW"],
    evidence: [
      {
        url: "https://man7.org/linux/man-pages/man8/traceroute.8.html",
        says: "ICMP and TCP methods need raw sockets",
      },
      { url: "https://github.com/traviscross/mtr", says: "mtr-packet needs CAP_NET_RAW" },
      RAW,
    ],
  },
  {
    id: "fping",
    title: "fping",
    match: { programs: ["fping", "fping6"] },
    capabilities: ["NET_RAW"],
    evidence: [
      { url: "https://fping.org/fping.8.html", says: "sends ICMP echo probes over a raw socket" },
      RAW,
    ],
  },
  {
    id: "nmap",
    title: "nmap",
    match: { programs: ["nmap"], images: ["*nmap*"] },
    capabilities: ["NET_RAW", "NET_ADMIN"],
    note: "A TCP connect scan (`-sT`) needs no capability.",
    evidence: [
      {
        url: "https://nmap.org/book/man-misc-options.html",
        says: "--privileged: assume sufficient privileges for raw socket sends and packet sniffing",
      },
      RAW,
      ADMIN,
    ],
  },
  {
    id: "hping3",
    title: "hping3",
    match: { programs: ["hping3", "hping"] },
    capabilities: ["NET_RAW"],
    evidence: [
      {
        url: "https://linux.die.net/man/8/hping3",
        says: "sends custom TCP/IP packets over raw sockets",
      },
      RAW,
    ],
  },
  {
    id: "low-port",
    title: "a listener on a port below 1024",
    match: { ports: ["1-1023"] },
    capabilities: ["NET_BIND_SERVICE"],
    note: "A non-root image can listen on a port of 1024 or above instead; restricted allows NET_BIND_SERVICE.",
    evidence: [
      capabilitiesMan(
        "CAP_NET_BIND_SERVICE",
        "bind a socket to Internet domain privileged ports (port numbers less than 1024)",
      ),
    ],
  },
];
