/**
 * Pod Security Admission's levels and versions as PSA itself reads them
 * (k8s.io/pod-security-admission `api/helpers.go`: `ParseLevel`, `ParseVersion`,
 * `PolicyToEvaluate`), and the policy versions in which a level became stricter (its `policy/`
 * checks' `MinimumVersion`s), each with the source it comes from.
 */
import type { PssControl } from "../core/types.js";

export type PsaLevel = "privileged" | "baseline" | "restricted";

/** The namespace labels' prefix (`api/constants.go`). */
export const POD_SECURITY_LABEL_PREFIX = "pod-security.kubernetes.io/";

/** The three modes; each has a level key and a `-version` key. */
export const PSA_MODES = ["enforce", "audit", "warn"] as const;
export type PsaMode = (typeof PSA_MODES)[number];

/** Strictness on an ordered scale, as PSA's `CompareLevels` orders the levels. */
export const LEVEL_RANK: Readonly<Record<PsaLevel, number>> = {
  privileged: 0,
  baseline: 1,
  restricted: 2,
};

const LEVELS: readonly string[] = Object.keys(LEVEL_RANK);

export interface ReadLevel {
  readonly level: PsaLevel;
  /** False when the value is not one PSA knows: `level` is then what PSA falls back to. */
  readonly valid: boolean;
}

/**
 * The level PSA evaluates for a mode's value. An unknown enforce level fails closed (PSA evaluates
 * `restricted`); an unknown audit or warn level fails open (`privileged`), as `PolicyToEvaluate`
 * does. Values are case-sensitive (`Baseline` is not a level).
 */
export function readLevel(mode: PsaMode, value: string): ReadLevel {
  if (LEVELS.includes(value)) return { level: value as PsaLevel, valid: true };
  return { level: mode === "enforce" ? "restricted" : "privileged", valid: false };
}

/** A policy version: `latest`, or `v1.<minor>`. */
export type PsaVersion =
  | { readonly latest: true }
  | { readonly latest: false; readonly minor: number };

const VERSION = /^v1\.([0-9]|[1-9][0-9]*)$/;

/** The version PSA evaluates for a value: anything but `latest` or `v1.x` is read as `latest`. */
export function readVersion(value: string): PsaVersion {
  const match = VERSION.exec(value);
  return match ? { latest: false, minor: Number(match[1]) } : { latest: true };
}

/** A policy version in which a level became stricter. */
export interface Tightening {
  readonly minor: number;
  /** The lowest level the stricter check belongs to (restricted includes baseline's). */
  readonly level: Exclude<PsaLevel, "privileged">;
  readonly control: PssControl;
  /** What the level checks from this version on. */
  readonly what: string;
  readonly evidence: string;
}

const POLICY = "https://github.com/kubernetes/pod-security-admission/blob/master/policy";

/**
 * Every version in which a check was added to a level or made stricter, oldest first. Versions
 * that only relaxed a check (Windows pods exempted in v1.25, more sysctls allowed in v1.27, v1.29,
 * v1.32 and v1.37, `container_engine_t` in v1.31, user-namespace pods in v1.35) are not listed: a
 * pin before them is stricter there, not weaker.
 */
export const PSA_TIGHTENINGS: readonly Tightening[] = [
  {
    minor: 8,
    level: "restricted",
    control: "allowPrivilegeEscalation",
    what: "`allowPrivilegeEscalation: false` required",
    evidence: `${POLICY}/check_allowPrivilegeEscalation.go`,
  },
  {
    minor: 19,
    level: "baseline",
    control: "seccompProfile_baseline",
    what: "`seccompProfile.type: Unconfined` refused (before v1.19 only the alpha seccomp annotations are read)",
    evidence: `${POLICY}/check_seccompProfile_baseline.go`,
  },
  {
    minor: 19,
    level: "restricted",
    control: "seccompProfile_restricted",
    what: "a seccomp profile required",
    evidence: `${POLICY}/check_seccompProfile_restricted.go`,
  },
  {
    minor: 22,
    level: "restricted",
    control: "capabilities_restricted",
    what: "capabilities dropped to `ALL` (plus at most `NET_BIND_SERVICE`)",
    evidence: `${POLICY}/check_capabilities_restricted.go`,
  },
  {
    minor: 23,
    level: "restricted",
    control: "runAsUser",
    what: "`runAsUser: 0` refused",
    evidence: `${POLICY}/check_runAsUser.go`,
  },
  {
    minor: 34,
    level: "baseline",
    control: "hostProbesAndHostLifecycle",
    what: "probes and lifecycle handlers aimed at another `host` refused",
    evidence: `${POLICY}/check_hostProbesAndhostLifecycle.go`,
  },
];

/** The checks a level pinned to `v1.<minor>` leaves out that `latest` enforces. */
export function missedTightenings(level: PsaLevel, minor: number): Tightening[] {
  if (level === "privileged") return [];
  return PSA_TIGHTENINGS.filter((t) => t.minor > minor && LEVEL_RANK[t.level] <= LEVEL_RANK[level]);
}
