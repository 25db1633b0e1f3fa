/**
 * `docker run` / `docker create` flags (and podman's and nerdctl's, which read them the same way)
 * as the container model's settings, so the container rules judge a command line exactly as they
 * judge a Compose service. Values known only at run time are left out: only what can be read is
 * reported. Docker's reference: https://docs.docker.com/reference/cli/docker/container/run/
 */
import { DYNAMIC } from "./arg-word.js";
import { classifyHostPath, UNKNOWN_PART } from "./host-paths.js";
import { normalizeCapability } from "./capability-sets.js";
import type { RunArgs, RunFlag } from "./run-args.js";
import type { ContainerWorkload, NamespaceName, RuntimeSetting } from "./settings.js";

/** Namespace flags and the namespace each sets (`--cgroupns` is the cgroup namespace). */
const NAMESPACE_FLAGS: Readonly<Record<string, NamespaceName>> = {
  pid: "pid",
  ipc: "ipc",
  network: "network",
  userns: "userns",
  uts: "uts",
  cgroupns: "cgroup",
};

/** pflag's ParseBool (Go's strconv.ParseBool), which `--privileged=<value>` goes through. */
const TRUE = new Set(["1", "t", "T", "TRUE", "true", "True"]);
const FALSE = new Set(["0", "f", "F", "FALSE", "false", "False"]);

/**
 * Docker 28's `--use-api-socket` mounts the engine's API socket into the container
 * (https://docs.docker.com/reference/cli/docker/container/run/#use-api-socket).
 */
const API_SOCKET = "/var/run/docker.sock";

/** The settings of the flags; each one's `at` is the words of its flag. */
export function runSettings(args: RunArgs): RuntimeSetting[] {
  const out: RuntimeSetting[] = [];
  for (const flag of args.flags) {
    const at = [flag.start, flag.end] as const;
    // A value known only at run time is not reported, except a mount whose host side is written.
    if (flag.dynamic && flag.name !== "volume" && flag.name !== "mount") continue;
    const value = flag.value;
    const namespace = NAMESPACE_FLAGS[flag.name];
    if (flag.name === "privileged") {
      const on = value === null || TRUE.has(value);
      if (on || (value !== null && FALSE.has(value)))
        out.push({ kind: "privileged", value: on, at, field: "--privileged" });
    } else if (value === null) {
      if (flag.name === "use-api-socket")
        out.push({
          kind: "host-mount",
          source: API_SOCKET,
          target: API_SOCKET,
          readOnly: false,
          at,
          field: "--use-api-socket",
        });
    } else if (flag.name === "cap-add") {
      for (const capability of value
        .split(",")
        .map((c) => c.trim())
        .filter((c) => c !== ""))
        out.push({
          kind: "cap-add",
          capability,
          at,
          field: `--cap-add[${normalizeCapability(capability)}]`,
        });
    } else if (namespace) {
      out.push({ kind: "namespace", namespace, value, at, field: `--${flag.name}` });
    } else if (flag.name === "security-opt") {
      out.push({ kind: "security-opt", value, at, field: `--security-opt[${value}]` });
    } else if (flag.name === "device") {
      out.push({ kind: "device", value, at, field: `--device[${value}]` });
    } else if (flag.name === "device-cgroup-rule") {
      out.push({ kind: "device-cgroup-rule", value, at, field: `--device-cgroup-rule[${value}]` });
    } else if (flag.name === "volume") {
      const mount = volumeMount(value);
      if (mount) out.push({ kind: "host-mount", ...mount, at, field: `--volume[${mount.target}]` });
    } else if (flag.name === "mount") {
      const mount = mountFlag(value);
      if (mount) out.push({ kind: "host-mount", ...mount, at, field: `--mount[${mount.target}]` });
    }
  }
  return out;
}

/**
 * What the container runs: the image, `--entrypoint`, and the words after the image; and what it
 * is given that tells what it is: the names of the variables `--env` sets, and where each mount
 * lands in the container, whatever its source (`-v "${KUBECONFIG}:/root/.kube/config"`, whose
 * host side only the shell knows).
 */
export function runWorkload(args: RunArgs, words: readonly { value: string }[]): ContainerWorkload {
  const image = args.image && !args.image.value.includes(DYNAMIC) ? args.image.value : null;
  const imageAt = args.image ? words.indexOf(args.image) : -1;
  const after = imageAt >= 0 ? words.slice(imageAt + 1).map((w) => w.value) : [];
  const entrypoint = [...args.flags].reverse().find((f: RunFlag) => f.name === "entrypoint");
  const environment: string[] = [];
  const mountPaths: string[] = [];
  for (const { name, value } of args.flags) {
    if (value === null) continue;
    if (name === "env")
      environment.push(value.slice(0, value.includes("=") ? value.indexOf("=") : undefined));
    const target =
      name === "volume"
        ? // `-v /var/lib/docker` alone: an anonymous volume at that path.
          (volumeParts(value)?.target ?? (value.startsWith("/") ? value : undefined))
        : name === "mount"
          ? mountFields(value).target
          : undefined;
    if (target) mountPaths.push(target);
  }
  const known = (w: string) => w !== "" && !w.includes(DYNAMIC);
  return {
    image,
    ...(entrypoint?.value ? { command: [entrypoint.value] } : {}),
    args: after.filter((w) => !w.includes(DYNAMIC)),
    ...(environment.some(known) ? { environment: environment.filter(known) } : {}),
    ...(mountPaths.some(known) ? { mountPaths: mountPaths.filter(known) } : {}),
  };
}

export interface Mount {
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
}

/**
 * `-v SOURCE:TARGET[:OPTIONS]`: a host path when SOURCE is a path (absolute, `~` or relative with
 * a slash or dot), a named volume otherwise; `-v /data` alone is an anonymous volume.
 */
function volumeMount(spec: string): Mount | null {
  const parts = volumeParts(spec);
  if (!parts) return null;
  const { written, target, options } = parts;
  const source = knownSource(written);
  if (source === null || !isHostPath(written.replaceAll(DYNAMIC, "/"))) return null;
  return { source, target, readOnly: options.split(",").includes("ro") };
}

/** `-v`'s parts: the source as written, the target, the options; null for `-v /data` alone. */
function volumeParts(spec: string): { written: string; target: string; options: string } | null {
  const parts = spec.split(":");
  // A Windows drive letter (`C:\data:/data`) joins its first two parts.
  if (parts.length > 2 && /^[A-Za-z]$/.test(parts[0] ?? "") && /^[\\/]/.test(parts[1] ?? ""))
    parts.splice(0, 2, `${parts[0]}:${parts[1]}`);
  if (parts.length < 2) return null;
  const [written = "", target = "", options = ""] = parts;
  return { written, target, options };
}

/** `--mount`'s fields by lower-case key, and its target (`target`, `destination`, `dst`). */
function mountFields(spec: string): { fields: Map<string, string>; target: string } {
  const fields = new Map<string, string>();
  for (const field of spec.split(",")) {
    const eq = field.indexOf("=");
    const key = (eq === -1 ? field : field.slice(0, eq)).trim().toLowerCase();
    fields.set(key, eq === -1 ? "true" : field.slice(eq + 1).trim());
  }
  const target = fields.get("target") ?? fields.get("destination") ?? fields.get("dst") ?? "";
  return { fields, target };
}

/**
 * `--mount type=bind,source=/x,target=/y,readonly`: a host mount when its type is bind (the
 * syntax dev container `mounts` strings use too).
 */
export function mountFlag(spec: string): Mount | null {
  const { fields, target } = mountFields(spec);
  if ((fields.get("type") ?? "volume").toLowerCase() !== "bind") return null;
  const written = fields.get("source") ?? fields.get("src");
  const source = written ? knownSource(written) : null;
  if (!source) return null;
  const ro = fields.get("readonly") ?? fields.get("ro");
  return { source, target, readOnly: ro !== undefined && ro !== "false" && ro !== "0" };
}

/**
 * The host side of a mount as the rules read it: as written when it is known; with the parts only
 * the running shell knows shown as `UNKNOWN_PART` when what is known still says it is a runtime's
 * socket (`"$XDG_RUNTIME_DIR/docker.sock"`, rootless Docker's); null otherwise (not reported).
 */
function knownSource(written: string): string | null {
  if (!written.includes(DYNAMIC)) return written;
  const shown = written.replaceAll(DYNAMIC, UNKNOWN_PART);
  return classifyHostPath(shown) === "runtime" ? shown : null;
}

function isHostPath(source: string): boolean {
  return /^(?:[/~.]|[A-Za-z]:[\\/]|\\\\)/.test(source);
}
