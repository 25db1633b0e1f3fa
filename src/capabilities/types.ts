/**
 * The capability catalogue's plain data: what a container runs, described as strings, and what a
 * tool or workload type needs from the kernel. Nothing here knows Kubernetes, Compose or
 * `docker run`; each kind turns its own fields into {@link ContainerFacts}.
 */

/** What is known of one container, as written in its manifest. Every field is optional. */
export interface ContainerFacts {
  /** The image reference as written (`registry/path/name:tag@digest`). */
  readonly image?: string | null;
  /** The entrypoint as written (Kubernetes `command`, Compose `entrypoint`, `docker run --entrypoint`). */
  readonly command?: readonly string[];
  /** The arguments (Kubernetes `args`, Compose `command`, the words after the image in `docker run`). */
  readonly args?: readonly string[];
  /** Commands run by exec probes or health checks. */
  readonly probes?: readonly (readonly string[])[];
  /** Paths mounted inside the container. */
  readonly mountPaths?: readonly string[];
  /** Host paths mounted into the container (hostPath volumes, bind mounts). */
  readonly hostPaths?: readonly string[];
  /** Device paths given to the container (`/dev/net/tun`, `/dev/fuse`). */
  readonly devices?: readonly string[];
  /** Ports the container listens on: `80`, `179/TCP`, `53/udp`. */
  readonly ports?: readonly string[];
  /** Names of the environment variables set for it (`METALLB_NODE_NAME`). */
  readonly environment?: readonly string[];
}

/**
 * When an entry applies. Any one signal is enough. Globs use `*` and `?`.
 * - images: the image repository without registry and tag, matched as a whole path suffix
 *   (`metallb/speaker`) or, without a slash, as its last part (`*tcpdump*`); `name:tagglob`
 *   also requires the tag (`docker:*dind*`).
 * - programs: an executable name run by the entrypoint, the arguments, a `sh -c` script or an
 *   exec probe (`tcpdump`). Further words are argument globs of which that invocation must have
 *   one (`sysctl -w`, `rclone mount`).
 * - scripts: the file name of a script the container runs (`install-cni.sh`).
 * - arguments: a glob any single word of the command line matches (`--proxy-mode=ipvs`).
 * - mountPaths: a glob over mount paths inside the container and host paths mounted.
 * - devices: a device path glob.
 * - ports: `179`, `179/TCP`, `123/UDP`, or a range `1-1023` (TCP and UDP).
 * - environment: a glob over the names of the environment variables set for it, for a program
 *   that reads its settings from variables only it uses (`METALLB_NODE_NAME`).
 */
export interface Match {
  readonly images?: readonly string[];
  readonly programs?: readonly string[];
  readonly scripts?: readonly string[];
  readonly arguments?: readonly string[];
  readonly mountPaths?: readonly string[];
  readonly devices?: readonly string[];
  readonly ports?: readonly string[];
  readonly environment?: readonly string[];
}

/** Where the catalogue's claim comes from: the tool's documentation or a man page section. */
export interface Evidence {
  readonly url: string;
  /** What the source says, in a few words (the man page section, the documented flag). */
  readonly says: string;
}

/** One tool or workload type and what it needs. */
export interface CatalogueEntry {
  /** kebab-case, unique. */
  readonly id: string;
  /** The tool or workload, as a reader knows it ("tcpdump", "MetalLB speaker"). */
  readonly title: string;
  readonly match: Match;
  /** Capability names as Kubernetes and Compose write them: upper case, no `CAP_` prefix. */
  readonly capabilities: readonly string[];
  /** Device paths the tool opens, which privileged mode used to expose. */
  readonly devices?: readonly string[];
  /** What kernels before a version need instead (CAP_PERFMON and CAP_BPF came in Linux 5.8). */
  readonly olderKernels?: { readonly before: string; readonly capabilities: readonly string[] };
  /** What else to know: a setting that avoids the capability, a mode that needs less. */
  readonly note?: string;
  /**
   * Capabilities its manifests add that it uses only for one step the host can take instead
   * (WireGuard's SYS_MODULE loads its kernel module): a fix may remove one, and says first what
   * must hold for the tool to run without it.
   */
  readonly onlyFor?: OnlyFor;
  /**
   * Why `capabilities.drop: [ALL]` stops the tool even with its `capabilities` added back: it
   * also uses capabilities of the container runtime's default set (a daemon that starts as root
   * and switches to its own user needs SETUID and SETGID). No fix drops all capabilities from it.
   */
  readonly keepsDefaults?: KeepsDefaults;
  readonly evidence: readonly Evidence[];
}

/** Capabilities a tool uses for one step only, and what lets it run without them. */
export interface OnlyFor {
  readonly capabilities: readonly string[];
  /** Completes "<tool> uses <capability> only to ...". */
  readonly purpose: string;
  /** A sentence: what to do before removing them. */
  readonly instead: string;
}

/** What a tool or workload uses of the runtime's default capabilities, and the evidence. */
export interface KeepsDefaults {
  /** Completes "dropping all capabilities would stop it: it ...". */
  readonly why: string;
  readonly evidence: readonly Evidence[];
}

/** Why an entry applied: the entry and the signal that matched (`program tcpdump`). */
export interface CatalogueMatch {
  readonly entry: CatalogueEntry;
  readonly signal: string;
}

/** What a container needs, by the catalogue. */
export interface Inference {
  readonly matches: readonly CatalogueMatch[];
  /** The union of the matched entries' capabilities, in catalogue order. */
  readonly capabilities: readonly string[];
  readonly devices: readonly string[];
  /** Each matched entry's note and older-kernel alternative, as sentences. */
  readonly notes: readonly string[];
}
