import type { Protection, Severity, Weakening } from "../core/types.js";
import type { Range } from "../yaml/yaml-doc.js";
import type { PolicySource } from "./pod-security-policies.js";

/** What a policy rule reports: one setting (or left-out setting) of one policy. */
export interface PolicyReport<M extends string> {
  readonly messageId: M;
  /** Values for the message's `{{placeholders}}`; `{{policy}}` (whose policy) is filled in. */
  readonly data?: Readonly<Record<string, string>>;
  readonly at: Range;
  /** Logical path of the setting, for the finding's identity (the same whether it is set or not). */
  readonly field: string;
  readonly severity?: Severity;
  /** Present when the finding is judged against the base side of a change (see `Weakening`). */
  readonly weakening?: Weakening;
}

/**
 * A rule on where Pod Security Admission's policy is written (a Namespace's labels, the admission
 * configuration) rather than on a pod: one module each, like the pod rules. None of them maps to
 * a Pod Security Standards control: the standards define what a pod may set, and these settings
 * decide whether the standards are enforced at all, so `pss` is null.
 */
export interface PolicyRule<M extends string = string> {
  /** kebab-case id, equal to the module's file name. */
  readonly id: string;
  readonly title: string;
  readonly pss: null;
  /** Why no Pod Security Standards control covers the rule (shown by `explain`). */
  readonly outsidePss: string;
  readonly severity: Severity;
  /** The protections pods in the namespace may then go without. */
  readonly removes: readonly Protection[];
  readonly rationale: string;
  /** One sentence (ending in a period): what to do instead. */
  readonly remediation: string;
  readonly messages: Readonly<Record<M, string>>;
  check(policy: PolicySource, report: (report: PolicyReport<M>) => void): void;
}

/** Declares a policy rule with its message ids checked by the compiler. */
export function definePolicyRule<const M extends string>(
  rule: Omit<PolicyRule<M>, "outsidePss">,
): PolicyRule<M> {
  return { ...rule, outsidePss: POLICY_OUTSIDE_PSS };
}

/** Why none of the policy rules maps to a Pod Security Standards control. */
export const POLICY_OUTSIDE_PSS =
  "the standards say what a pod may set; this setting decides whether Pod Security admission enforces them in a namespace";

/** How a weakened policy can be kept, for the few namespaces that truly need it. */
export const POLICY_EXCEPTION_GUIDANCE =
  "If this namespace truly runs workloads that need it (a CNI or CSI driver, a node agent), keep " +
  "it as a reviewed exception: give the reason in a `privilege-guard.io/allow-<rule-id>` " +
  "annotation on the Namespace, or in the app's config (`rule`, `kind: Namespace`, `name`; " +
  "`path` for an admission configuration); keep nothing else in that namespace, and let only " +
  "the accounts that deploy those workloads create pods there (RBAC).";
