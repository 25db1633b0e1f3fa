import { LINUX_CAPABILITIES } from "../../capabilities/index.js";
import { codeSpan } from "../../core/code-span.js";
import { containersOf, isObject, listAt, objectAt } from "./pod-data.js";
import type { Constraint, PodSpecAt, Violation } from "./types.js";

const VALIDATION = "pkg/apis/core/validation/validation.go";

/** Every security context of a pod: the pod's own and each container's, with its field path. */
function securityContexts(
  pod: PodSpecAt,
): { sc: Readonly<Record<string, unknown>>; path: string }[] {
  const podSc = objectAt(pod.spec, "securityContext");
  return [
    ...(podSc ? [{ sc: podSc, path: `${pod.path}.securityContext` }] : []),
    ...containersOf(pod).flatMap(({ container, path }) => {
      const sc = objectAt(container, "securityContext");
      return sc ? [{ sc, path: `${path}.securityContext` }] : [];
    }),
  ];
}

function containerContexts(pod: PodSpecAt) {
  return containersOf(pod).flatMap(({ container, path }) => {
    const sc = objectAt(container, "securityContext");
    return sc ? [{ sc, path: `${path}.securityContext` }] : [];
  });
}

export const privilegeEscalationWithPrivileged: Constraint = {
  id: "no-privilege-escalation-with-privileged",
  enforcedBy: "api-server",
  source: {
    file: VALIDATION,
    function: "ValidateSecurityContext",
    line: 'allErrs = append(allErrs, field.Invalid(fldPath, sc, "cannot set `allowPrivilegeEscalation` to false and `privileged` to true"))',
  },
  check: (pod) =>
    containerContexts(pod).flatMap(({ sc, path }) =>
      sc.allowPrivilegeEscalation === false && sc.privileged === true
        ? [
            {
              constraint: "no-privilege-escalation-with-privileged",
              field: path,
              message: "cannot set `allowPrivilegeEscalation` to false and `privileged` to true",
            },
          ]
        : [],
    ),
};

export const privilegeEscalationWithSysAdmin: Constraint = {
  id: "no-privilege-escalation-with-cap-sys-admin",
  enforcedBy: "api-server",
  source: {
    file: VALIDATION,
    function: "ValidateSecurityContext",
    line: 'if string(cap) == "CAP_SYS_ADMIN" {',
  },
  check: (pod) =>
    containerContexts(pod).flatMap(({ sc, path }) =>
      sc.allowPrivilegeEscalation === false &&
      listAt(sc, "capabilities", "add").includes("CAP_SYS_ADMIN")
        ? [
            {
              constraint: "no-privilege-escalation-with-cap-sys-admin",
              field: path,
              message:
                "cannot set `allowPrivilegeEscalation` to false and `capabilities.Add` CAP_SYS_ADMIN",
            },
          ]
        : [],
    ),
};

export const capabilityNames: Constraint = {
  id: "capability-names",
  enforcedBy: "runtime",
  source: {
    file: "https://man7.org/linux/man-pages/man7/capabilities.7.html",
    function: "capabilities(7)",
    line: "the capabilities Linux defines; Kubernetes passes the names to the runtime, which knows them without the CAP_ prefix only as it spells them",
  },
  check: (pod) =>
    containerContexts(pod).flatMap(({ sc, path }) =>
      (["add", "drop"] as const).flatMap((list) =>
        listAt(sc, "capabilities", list).flatMap((name, i): Violation[] =>
          typeof name === "string" && (name === "ALL" || LINUX_CAPABILITIES.has(name))
            ? []
            : [
                {
                  constraint: "capability-names",
                  field: `${path}.capabilities.${list}[${i}]`,
                  message: `${codeSpan(String(name))} is not a capability name as written without the CAP_ prefix in upper case`,
                },
              ],
        ),
      ),
    ),
};

/** A typed profile (`seccompProfile`, `appArmorProfile`) whose Localhost type needs a profile name. */
function localhostProfile(
  id: string,
  key: string,
  what: string,
  fn: string,
  line: string,
): Constraint {
  return {
    id,
    enforcedBy: "api-server",
    source: { file: VALIDATION, function: fn, line },
    check: (pod) =>
      securityContexts(pod).flatMap(({ sc, path }): Violation[] => {
        const profile = sc[key];
        if (!isObject(profile)) return [];
        const field = `${path}.${key}.localhostProfile`;
        const name = profile.localhostProfile;
        if (profile.type === "Localhost")
          return typeof name === "string" && name !== ""
            ? []
            : [{ constraint: id, field, message: `must be set when ${what} type is Localhost` }];
        return name === undefined || name === null
          ? []
          : [{ constraint: id, field, message: `can only be set when ${what} type is Localhost` }];
      }),
  };
}

export const seccompLocalhostProfile = localhostProfile(
  "seccomp-localhost-profile",
  "seccompProfile",
  "seccomp",
  "validateSeccompProfileField",
  'allErrs = append(allErrs, field.Required(fldPath.Child("localhostProfile"), "must be set when seccomp type is Localhost"))',
);

export const appArmorLocalhostProfile = localhostProfile(
  "apparmor-localhost-profile",
  "appArmorProfile",
  "AppArmor",
  "validateAppArmorProfileField",
  'allErrs = append(allErrs, field.Required(fldPath.Child("localhostProfile"), "must be set when AppArmor type is Localhost"))',
);

/** The prefix of the AppArmor annotation of a pod, before the container's name. */
export const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

export const appArmorAnnotationFormat: Constraint = {
  id: "apparmor-annotation-format",
  enforcedBy: "api-server",
  source: {
    file: VALIDATION,
    function: "ValidateAppArmorProfileFormat",
    line: 'return fmt.Errorf("invalid AppArmor profile name: %q", profile)',
  },
  check: (pod) => {
    const annotations = objectAt(pod.metadata, "annotations");
    if (!annotations) return [];
    return Object.entries(annotations).flatMap(([key, value]): Violation[] => {
      if (!key.startsWith(APPARMOR_ANNOTATION)) return [];
      const ok =
        value === "runtime/default" ||
        value === "unconfined" ||
        (typeof value === "string" && /^localhost\/.+/.test(value));
      return ok
        ? []
        : [
            {
              constraint: "apparmor-annotation-format",
              field: `metadata.annotations[${key}]`,
              message: `invalid AppArmor profile name: ${JSON.stringify(value)}`,
            },
          ];
    });
  },
};
