/**
 * Tools whose needs are known, so that `privileged: true` can become the few capabilities the
 * workload actually uses. Matched as whole words in the image name and the command line.
 */
const HINTS: readonly {
  readonly tools: readonly string[];
  readonly capabilities: readonly string[];
}[] = [
  {
    tools: ["tcpdump", "tshark", "wireshark", "termshark", "netshoot", "ngrep", "dumpcap"],
    capabilities: ["NET_RAW", "NET_ADMIN"],
  },
  {
    tools: ["iptables", "ip6tables", "nft", "nftables", "wireguard", "wg-quick", "ipvsadm", "tc"],
    capabilities: ["NET_ADMIN"],
  },
  { tools: ["ping", "arping", "traceroute", "mtr", "fping", "nmap"], capabilities: ["NET_RAW"] },
  {
    tools: ["strace", "ltrace", "gdb", "dlv", "delve", "py-spy", "rbspy"],
    capabilities: ["SYS_PTRACE"],
  },
  { tools: ["chronyd", "chrony", "ntpd"], capabilities: ["SYS_TIME"] },
];

export interface CapabilityHint {
  /** The tool recognised. */
  readonly tool: string;
  readonly capabilities: readonly string[];
}

/** The capabilities the first recognised tool needs, from the image and command words. */
export function inferCapabilities(words: readonly string[]): CapabilityHint | null {
  const tokens = new Set(
    words.flatMap((w) =>
      w
        .toLowerCase()
        .split(/[^a-z0-9_.-]+/)
        .flatMap((t) => [t, t.split(".")[0] ?? t])
        .filter(Boolean),
    ),
  );
  for (const hint of HINTS) {
    const tool = hint.tools.find((t) => tokens.has(t));
    if (tool) return { tool, capabilities: hint.capabilities };
  }
  return null;
}

/** The image repository's last path part, without tag or digest (`nicolaka/netshoot:v1` → `netshoot`). */
export function imageBaseName(image: string): string {
  const noDigest = image.split("@")[0] ?? image;
  const last = noDigest.split("/").pop() ?? noDigest;
  return last.split(":")[0] ?? last;
}
