import { containersOf, objectAt } from "./pod-data.js";
import type { Constraint, Violation } from "./types.js";

/**
 * The kubelet's reading of a container's security context: a field set on the container wins over
 * the pod's (pkg/securitycontext/util.go, DetermineEffectiveSecurityContext).
 */
function effective(
  podSc: Readonly<Record<string, unknown>> | null,
  sc: Readonly<Record<string, unknown>> | null,
  key: string,
): unknown {
  const own = sc?.[key];
  return own !== undefined && own !== null ? own : podSc?.[key];
}

export const runAsNonRootNotUid0: Constraint = {
  id: "run-as-non-root-not-uid-0",
  enforcedBy: "kubelet",
  source: {
    file: "pkg/kubelet/kuberuntime/security_context_others.go",
    function: "verifyRunAsNonRoot",
    line: "if *effectiveSc.RunAsUser == 0 {",
  },
  check: (pod) => {
    const podSc = objectAt(pod.spec, "securityContext");
    return containersOf(pod).flatMap(({ container, path }): Violation[] => {
      const sc = objectAt(container, "securityContext");
      if (effective(podSc, sc, "runAsNonRoot") !== true || effective(podSc, sc, "runAsUser") !== 0)
        return [];
      return [
        {
          constraint: "run-as-non-root-not-uid-0",
          field: path,
          message:
            "container's runAsUser breaks non-root policy: runAsNonRoot is true and the effective runAsUser is 0, so the kubelet will not start it",
        },
      ];
    });
  },
};
