import type { ContainerView, PodView } from "../../../kubernetes/pod-view.js";
import type { FixPlan, RuleContext } from "../../../kubernetes/rule.js";
import { containerAnchor, podAnchor } from "./anchors.js";

/** What a restricted rule knows about a setting that must be present on every container. */
export interface MissingSetting<M extends string> {
  /** The pod-level security context sets it (to any value: a bad one is reported on its own). */
  readonly podSets: boolean;
  /** Containers that set it neither way. */
  readonly unset: readonly ContainerView[];
  /**
   * Some container sets it, so the missing setting is reported per container: to an allowed
   * value, or to any value where the pod-wide message would say that no container sets it.
   */
  readonly anySibling: boolean;
  /** The setting's path below a security context, for the finding's field. */
  readonly field: (securityContextPath: string) => string;
  /**
   * With `advice` instead of a fix where no fix is safe (why, and what to do instead). The remedy
   * is worked out only when the pod-wide finding is reported.
   */
  readonly podMissing: { readonly messageId: M; readonly remedy: () => Remedy };
  readonly containerMissing: {
    readonly messageId: M;
    readonly remedy: (c: ContainerView) => Remedy;
  };
}

/** A fix, or the advice that replaces the remediation where no fix keeps the workload running. */
export type Remedy = { readonly fix: FixPlan } | { readonly advice: string };

/**
 * Reports a required setting that is left out, in a complete pod only (a fragment may set it
 * elsewhere): once for the pod, fixed at pod level, when no container sets it either; else once
 * for each container that lacks it, fixed on that container as its siblings do.
 */
export function reportMissingSetting<M extends string>(
  pod: PodView,
  context: RuleContext<M>,
  setting: MissingSetting<M>,
): void {
  if (!pod.complete || setting.podSets || setting.unset.length === 0) return;
  if (!setting.anySibling) {
    context.report({
      messageId: setting.podMissing.messageId,
      at: podAnchor(context.doc, pod),
      container: null,
      field: setting.field(pod.securityContextPath),
      ...remedyOf(setting.podMissing.remedy()),
    });
    return;
  }
  for (const container of setting.unset) {
    context.report({
      messageId: setting.containerMissing.messageId,
      at: containerAnchor(context.doc, container),
      container,
      field: setting.field(container.securityContextPath),
      ...remedyOf(setting.containerMissing.remedy(container)),
    });
  }
}

function remedyOf(remedy: Remedy): Remedy {
  return "fix" in remedy ? { fix: remedy.fix } : { advice: remedy.advice };
}
