import { containersOf, objectAt } from "./pod-data.js";
import type { Constraint, Violation } from "./types.js";

const VALIDATION = "pkg/apis/core/validation/validation.go";

/** Pod security context fields validateWindows forbids on a pod with `spec.os.name: windows`. */
const LINUX_ONLY_POD = [
  "appArmorProfile",
  "seLinuxOptions",
  "runAsUser",
  "runAsGroup",
  "supplementalGroups",
  "supplementalGroupsPolicy",
  "fsGroup",
  "fsGroupChangePolicy",
  "sysctls",
  "seccompProfile",
];
/** Container security context fields validateWindows forbids. */
const LINUX_ONLY_CONTAINER = [
  "appArmorProfile",
  "seLinuxOptions",
  "seccompProfile",
  "capabilities",
  "readOnlyRootFilesystem",
  "privileged",
  "allowPrivilegeEscalation",
  "procMount",
  "runAsUser",
  "runAsGroup",
];

function osName(spec: Readonly<Record<string, unknown>>): unknown {
  return objectAt(spec, "os")?.name;
}

export const linuxOptionsOnWindows: Constraint = {
  id: "linux-options-on-windows",
  enforcedBy: "api-server",
  source: {
    file: VALIDATION,
    function: "validateWindows",
    line: 'field.Forbidden(fldPath.Child("securityContext").Child("seLinuxOptions"), "cannot be set for a windows pod")',
  },
  check: (pod) => {
    if (osName(pod.spec) !== "windows") return [];
    const podSc = objectAt(pod.spec, "securityContext");
    const forbid = (path: string, key: string): Violation => ({
      constraint: "linux-options-on-windows",
      field: `${path}.${key}`,
      message: "cannot be set for a windows pod",
    });
    return [
      ...LINUX_ONLY_POD.filter((k) => podSc?.[k] !== undefined && podSc?.[k] !== null).map((k) =>
        forbid(`${pod.path}.securityContext`, k),
      ),
      ...containersOf(pod).flatMap(({ container, path }) => {
        const sc = objectAt(container, "securityContext");
        return LINUX_ONLY_CONTAINER.filter((k) => sc?.[k] !== undefined && sc?.[k] !== null).map(
          (k) => forbid(`${path}.securityContext`, k),
        );
      }),
    ];
  },
};

export const windowsOptionsOnLinux: Constraint = {
  id: "windows-options-on-linux",
  enforcedBy: "api-server",
  source: {
    file: VALIDATION,
    function: "validateLinux",
    line: 'field.Forbidden(fldPath.Child("securityContext").Child("windowsOptions"), "windows options cannot be set for a linux pod")',
  },
  check: (pod) => {
    if (osName(pod.spec) !== "linux") return [];
    const message = "windows options cannot be set for a linux pod";
    const podSc = objectAt(pod.spec, "securityContext");
    return [
      ...(podSc?.windowsOptions
        ? [
            {
              constraint: "windows-options-on-linux",
              field: `${pod.path}.securityContext.windowsOptions`,
              message,
            },
          ]
        : []),
      ...containersOf(pod).flatMap(({ container, path }) =>
        objectAt(container, "securityContext", "windowsOptions")
          ? [
              {
                constraint: "windows-options-on-linux",
                field: `${path}.securityContext.windowsOptions`,
                message,
              },
            ]
          : [],
      ),
    ];
  },
};

export const hostProcessConsistent: Constraint = {
  id: "host-process-consistent",
  enforcedBy: "api-server",
  source: {
    file: VALIDATION,
    function: "validateWindowsHostProcessPod",
    line: 'if hostNetwork is false and the pod has HostProcess containers: field.Invalid(... "hostNetwork" ...); containers must all be HostProcess containers or none',
  },
  check: (pod) => {
    const podHostProcess = objectAt(pod.spec, "securityContext", "windowsOptions")?.hostProcess;
    const containers = containersOf(pod);
    const effective = containers.map(({ container }) => {
      const own = objectAt(container, "securityContext", "windowsOptions")?.hostProcess;
      return (typeof own === "boolean" ? own : podHostProcess) === true;
    });
    if (!effective.some(Boolean)) return [];
    const violations: Violation[] = [];
    if (!effective.every(Boolean))
      violations.push({
        constraint: "host-process-consistent",
        field: `${pod.path}.containers`,
        message:
          "If pod contains any HostProcess containers, all containers must be HostProcess containers",
      });
    if (pod.spec.hostNetwork !== true)
      violations.push({
        constraint: "host-process-consistent",
        field: `${pod.path}.hostNetwork`,
        message: "hostNetwork must be true when the pod has HostProcess containers",
      });
    return violations;
  },
};
