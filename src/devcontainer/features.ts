/**
 * Dev container Features that change how the container runs, as data. A Feature's
 * `devcontainer-feature.json` may set `privileged`, `capAdd`, `securityOpt` and `mounts`, and the
 * tools merge them into the container that installs the Feature
 * (https://containers.dev/implementors/features/#devcontainer-feature-json-properties): adding
 * the Feature asks for them as surely as writing them. Only Features whose metadata sets one of
 * these are listed; each entry is read from the Feature's own `devcontainer-feature.json` at the
 * commit its evidence names, and has set them since the version its `since` gives.
 */

/** A mount as a Feature's metadata writes it (its object form). */
export interface FeatureMount {
  readonly type: "bind" | "volume";
  readonly source: string;
  readonly target: string;
}

export interface KnownFeature {
  /** The Feature's id in `ghcr.io/devcontainers/features/<id>`. */
  readonly id: string;
  /** Its `legacyIds` under the same registry path (published before a rename). */
  readonly legacyIds: readonly string[];
  /**
   * The old shorthand ids (no registry) the dev containers CLI maps to it
   * (`getBackwardCompatibleFeatureId`).
   */
  readonly shorthands: readonly string[];
  readonly privileged?: boolean;
  readonly capAdd?: readonly string[];
  readonly securityOpt?: readonly string[];
  readonly mounts?: readonly FeatureMount[];
  /** Why the Feature asks for it, and what to do instead, in one or two sentences. */
  readonly remediation: string;
  readonly evidence: readonly { readonly url: string; readonly says: string }[];
}

const FEATURES_COMMIT = "765e8ebd8f8012fb740cd7b41483a745bcedd212";
const metadata = (id: string) =>
  `https://github.com/devcontainers/features/blob/${FEATURES_COMMIT}/src/${id}/devcontainer-feature.json`;
const CLI_SHORTHANDS =
  "https://github.com/devcontainers/cli/blob/f683c29f64a20109b4453e5149807e390ff65133/src/spec-configuration/containerFeaturesConfiguration.ts#L734";

const DEBUGGER_REMEDIATION =
  "The Feature adds `SYS_PTRACE` and turns seccomp off so that debuggers (Delve, LLDB) can " +
  "attach; if nobody debugs in this container, leave the Feature's runtime settings out by " +
  "installing the toolchain in the image instead, otherwise keep it as a reviewed exception " +
  "(an inline comment above the Feature).";

export const KNOWN_FEATURES: readonly KnownFeature[] = [
  {
    id: "docker-in-docker",
    legacyIds: [],
    shorthands: ["docker-in-docker"],
    privileged: true,
    remediation:
      "The Feature runs a Docker daemon inside the dev container, which works only privileged; " +
      "build images without a daemon (rootless BuildKit, kaniko, buildah) or keep the Feature as " +
      "a reviewed exception (an inline comment above it) on a machine that holds no other secrets.",
    evidence: [
      {
        url: metadata("docker-in-docker"),
        says: '"privileged": true (since version 1.0.0, 2022-06)',
      },
      { url: CLI_SHORTHANDS, says: "the shorthand `docker-in-docker` maps to this Feature" },
    ],
  },
  {
    id: "docker-outside-of-docker",
    legacyIds: ["docker-from-docker"],
    shorthands: ["docker-from-docker"],
    securityOpt: ["label=disable"],
    mounts: [{ type: "bind", source: "/var/run/docker.sock", target: "/var/run/docker-host.sock" }],
    remediation:
      "The Feature mounts the host's Docker socket, which hands the host's Docker daemon (and so " +
      "the host) to the dev container; keep it only as a reviewed exception (an inline comment " +
      "above the Feature) on a machine that holds no other secrets.",
    evidence: [
      {
        url: metadata("docker-outside-of-docker"),
        says: 'mounts source "/var/run/docker.sock" (type bind, since 2023-01); "securityOpt": ["label=disable"] (since 2025-02); "legacyIds": ["docker-from-docker"]',
      },
      { url: CLI_SHORTHANDS, says: "the shorthand `docker-from-docker` maps to this Feature" },
    ],
  },
  {
    id: "go",
    legacyIds: [],
    shorthands: ["golang"],
    capAdd: ["SYS_PTRACE"],
    securityOpt: ["seccomp=unconfined"],
    remediation: DEBUGGER_REMEDIATION,
    evidence: [
      {
        url: metadata("go"),
        says: '"capAdd": ["SYS_PTRACE"], "securityOpt": ["seccomp=unconfined"] (since 2022-06)',
      },
      { url: CLI_SHORTHANDS, says: "the shorthand `golang` maps to the `go` Feature" },
    ],
  },
  {
    id: "rust",
    legacyIds: [],
    shorthands: ["rust"],
    capAdd: ["SYS_PTRACE"],
    securityOpt: ["seccomp=unconfined"],
    remediation: DEBUGGER_REMEDIATION,
    evidence: [
      {
        url: metadata("rust"),
        says: '"capAdd": ["SYS_PTRACE"], "securityOpt": ["seccomp=unconfined"] (since 2022-06)',
      },
      { url: CLI_SHORTHANDS, says: "the shorthand `rust` maps to this Feature" },
    ],
  },
];

const REGISTRY_PREFIX = "ghcr.io/devcontainers/features/";

/**
 * The known Feature a `features` key refers to: `ghcr.io/devcontainers/features/<id>` with or
 * without a `:version` tag or `@sha256:` digest, or an old shorthand id without a slash. Local
 * (`./feature`), tarball and other publishers' Features are not known.
 */
export function knownFeature(key: string): KnownFeature | null {
  const ref = key.trim();
  const at = ref.indexOf("@");
  const withoutDigest = at === -1 ? ref : ref.slice(0, at);
  const colon = withoutDigest.lastIndexOf(":");
  const name = (
    colon > withoutDigest.lastIndexOf("/") ? withoutDigest.slice(0, colon) : withoutDigest
  ).toLowerCase();
  if (name.startsWith(REGISTRY_PREFIX)) {
    const id = name.slice(REGISTRY_PREFIX.length);
    return KNOWN_FEATURES.find((f) => f.id === id || f.legacyIds.includes(id)) ?? null;
  }
  if (name.includes("/") || name.includes("\\")) return null;
  return KNOWN_FEATURES.find((f) => f.shorthands.includes(name)) ?? null;
}
