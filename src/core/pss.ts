import type { Level, PssControl } from "./types.js";

/** The Pod Security Admission checks as of PSA's `latest` (Kubernetes 1.37). */
export interface PssCheck {
  readonly id: PssControl;
  readonly level: Level;
  /** A restricted check that replaces this baseline check at the restricted level. */
  readonly overrides?: PssControl;
}

export const PSS_CHECKS: readonly PssCheck[] = [
  { id: "privileged", level: "baseline" },
  { id: "hostNamespaces", level: "baseline" },
  { id: "hostPorts", level: "baseline" },
  { id: "hostPathVolumes", level: "baseline" },
  { id: "capabilities_baseline", level: "baseline" },
  { id: "seccompProfile_baseline", level: "baseline" },
  { id: "appArmorProfile", level: "baseline" },
  { id: "seLinuxOptions", level: "baseline" },
  { id: "procMount", level: "baseline" },
  { id: "sysctls", level: "baseline" },
  { id: "windowsHostProcess", level: "baseline" },
  { id: "hostProbesAndHostLifecycle", level: "baseline" },
  { id: "allowPrivilegeEscalation", level: "restricted" },
  { id: "runAsNonRoot", level: "restricted" },
  { id: "runAsUser", level: "restricted" },
  { id: "seccompProfile_restricted", level: "restricted", overrides: "seccompProfile_baseline" },
  { id: "capabilities_restricted", level: "restricted", overrides: "capabilities_baseline" },
  { id: "restrictedVolumes", level: "restricted", overrides: "hostPathVolumes" },
  { id: "procMount_restricted", level: "restricted", overrides: "procMount" },
];

export const LEVELS: readonly Level[] = ["baseline", "restricted"];

/** Whether a check of `checkLevel` is enforced when scanning at `level`. */
export function levelIncludes(level: Level, checkLevel: Level): boolean {
  return level === "restricted" || checkLevel === "baseline";
}

/** Baseline checks that PSA skips at the restricted level because a stricter check replaces them. */
export function overriddenAt(level: Level): ReadonlySet<PssControl> {
  if (level !== "restricted") return new Set();
  return new Set(PSS_CHECKS.flatMap((c) => (c.overrides ? [c.overrides] : [])));
}
