/**
 * The container runtime settings that remove isolation, as plain data: what a Compose service, a
 * `docker run` command, a CI job container or a dev container asks of the runtime, whatever the
 * syntax it was written in. Each file kind reads its own syntax into a {@link ContainerSubject};
 * the container rules judge subjects without knowing where they came from.
 */

/** Character offsets `[start, end)` of a setting in the text it was read from. */
export type Span = readonly [start: number, end: number];

/** Namespaces a container can share with the host (`pid: host`, `--network=host`...). */
export type NamespaceName = "pid" | "ipc" | "network" | "userns" | "uts" | "cgroup";

interface SettingBase {
  /** Where the setting is written: the value (or the list item) that takes effect. */
  readonly at: Span;
  /**
   * Logical name of the setting within its subject, for the finding's identity: the same wherever
   * the setting sits in the file (`privileged`, `cap_add[SYS_ADMIN]`, `volumes[/var/run/docker.sock]`).
   */
  readonly field: string;
  /**
   * The text as written when the value came through a variable with a default
   * (`${PRIVILEGED:-true}`): the value is the default, and messages say so.
   */
  readonly written?: string;
  /**
   * Where the setting is written when it is not in the file reported on: a Compose service's
   * `extends` of a service in another file (`` service `base` of `common.yml` ``, already in code
   * spans). `at` is then the `extends` that brings it in.
   */
  readonly inheritedFrom?: string;
}

/** `privileged: true`, `--privileged`. */
export interface PrivilegedSetting extends SettingBase {
  readonly kind: "privileged";
  readonly value: boolean;
}

/** One added capability (`cap_add`, `--cap-add`), as written (`SYS_ADMIN`, `CAP_SYS_ADMIN`, `all`). */
export interface CapabilitySetting extends SettingBase {
  readonly kind: "cap-add";
  readonly capability: string;
}

/** A namespace mode (`pid: host`, `network_mode: host`, `--userns=host`); `value` as written. */
export interface NamespaceSetting extends SettingBase {
  readonly kind: "namespace";
  readonly namespace: NamespaceName;
  readonly value: string;
}

/** One security option (`security_opt`, `--security-opt`) as written: `seccomp:unconfined`. */
export interface SecurityOptSetting extends SettingBase {
  readonly kind: "security-opt";
  readonly value: string;
}

/** One host device given to the container (`devices`, `--device`): `/dev/fuse:/dev/fuse:rwm`. */
export interface DeviceSetting extends SettingBase {
  readonly kind: "device";
  readonly value: string;
}

/** One device cgroup rule (`device_cgroup_rules`, `--device-cgroup-rule`): `c 189:* rmw`. */
export interface DeviceCgroupRuleSetting extends SettingBase {
  readonly kind: "device-cgroup-rule";
  readonly value: string;
}

/**
 * A mount whose source is on the host: a bind mount (short `src:dst` or long `type: bind`) or a
 * mount the kind cannot tell apart from one. Named volumes and tmpfs are not host mounts and are
 * not given to the model.
 */
export interface HostMountSetting extends SettingBase {
  readonly kind: "host-mount";
  /** The host path as written, after variables are read with their defaults. */
  readonly source: string;
  readonly target: string;
  readonly readOnly: boolean;
}

export type RuntimeSetting =
  | PrivilegedSetting
  | CapabilitySetting
  | NamespaceSetting
  | SecurityOptSetting
  | DeviceSetting
  | DeviceCgroupRuleSetting
  | HostMountSetting;

/** What the container runs, for inferring the capabilities it needs (all optional). */
export interface ContainerWorkload {
  readonly image?: string | null;
  /** Entrypoint words (Compose `entrypoint`, `docker run --entrypoint`). */
  readonly command?: readonly string[];
  /** Argument words (Compose `command`, the words after the image in `docker run`). */
  readonly args?: readonly string[];
  /** Names of the variables set for it (`docker run --env`). */
  readonly environment?: readonly string[];
  /** Where its mounts land in the container, a host mount's or not (`docker run -v`). */
  readonly mountPaths?: readonly string[];
}

/** One container as a runtime would start it: a Compose service, a `docker run`, a job container. */
export interface ContainerSubject {
  /** How messages name it, already formatted: "service `web`", "job `test`, step 2". */
  readonly label: string;
  readonly settings: readonly RuntimeSetting[];
  readonly workload: ContainerWorkload;
}
