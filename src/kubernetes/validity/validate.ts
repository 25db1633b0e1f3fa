import { runAsNonRootNotUid0 } from "./kubelet.js";
import { bidirectionalNeedsPrivileged } from "./mounts.js";
import { podSpecsOf } from "./pod-data.js";
import {
  appArmorAnnotationFormat,
  appArmorLocalhostProfile,
  capabilityNames,
  privilegeEscalationWithPrivileged,
  privilegeEscalationWithSysAdmin,
  seccompLocalhostProfile,
} from "./security-context.js";
import type { Constraint, Violation } from "./types.js";
import { hostProcessConsistent, linuxOptionsOnWindows, windowsOptionsOnLinux } from "./windows.js";

/** The constraints of Kubernetes' validation and the kubelet on the fields fixes touch. */
export const CONSTRAINTS: readonly Constraint[] = [
  bidirectionalNeedsPrivileged,
  runAsNonRootNotUid0,
  privilegeEscalationWithPrivileged,
  privilegeEscalationWithSysAdmin,
  capabilityNames,
  seccompLocalhostProfile,
  appArmorLocalhostProfile,
  appArmorAnnotationFormat,
  linuxOptionsOnWindows,
  windowsOptionsOnLinux,
  hostProcessConsistent,
];

/**
 * Every broken constraint of every pod spec in a document (plain data, as parsed from YAML);
 * `path` prefixes the fields (`items[3].` for an item of a List validated on its own).
 */
export function validateDocument(
  document: unknown,
  constraints: readonly Constraint[] = CONSTRAINTS,
  path = "",
): Violation[] {
  return podSpecsOf(document, path).flatMap((pod) => constraints.flatMap((c) => c.check(pod)));
}
