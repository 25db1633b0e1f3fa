import type { YAMLMap } from "yaml";
import type { MapOp } from "../../../fix/map-editor.js";
import type { WorkloadFacts } from "../../../capabilities/index.js";
import type { ContainerView, PodView } from "../../../kubernetes/pod-view.js";
import type { FixPlan, RuleContext } from "../../../kubernetes/rule.js";
import type { Entry, Range, Ref, YamlDoc } from "../../../yaml/yaml-doc.js";
import { unconfinedAdvice } from "./privileged-workload.js";
import { stringValue } from "./values.js";

/** A `seccompProfile` or `appArmorProfile` whose type is not one the baseline allows. */
export interface BadProfile {
  /** The type as written, or null when the profile sets none. */
  readonly type: string | null;
  /** The entry holding the bad value: the `type` entry, else the profile's own entry. */
  readonly at: Range;
}

/** The types PSA allows for both seccomp and AppArmor profiles. */
const ALLOWED_TYPES = new Set(["RuntimeDefault", "Localhost"]);

/**
 * The profile under `key` of a security context when PSA rejects it: present (not null) with a
 * type other than `RuntimeDefault` or `Localhost`, a missing type included.
 */
export function badProfile(
  doc: YamlDoc,
  securityContext: Ref<YAMLMap> | null,
  key: string,
): BadProfile | null {
  const entry = doc.get(securityContext, key);
  const profile = doc.getMap(securityContext, key);
  if (!entry || !profile) return null;
  const typeEntry: Entry | undefined = doc.get(profile, "type");
  const type = stringValue(typeEntry?.value);
  if (type !== undefined && ALLOWED_TYPES.has(type)) return null;
  const written = typeEntry?.value ? doc.getScalarOf(typeEntry.value) : undefined;
  return {
    type: written === undefined || written === null ? null : String(written),
    at: (typeEntry ?? entry).range,
  };
}

/**
 * Ops that make the profile under `key` the runtime's default, dropping a localhost profile name;
 * null when that name is shared through an anchor (deleting it would leave its aliases dangling).
 */
export function runtimeDefaultOps(
  doc: YamlDoc,
  securityContext: Ref<YAMLMap>,
  key: string,
): MapOp[] | null {
  const ops: MapOp[] = [{ op: "set", path: [key, "type"], value: "RuntimeDefault" }];
  const name = doc.get(doc.getMap(securityContext, key), "localhostProfile");
  if (name?.value && !name.value.direct) return null;
  if (name) ops.push({ op: "delete", path: [key, "localhostProfile"] });
  return ops;
}

/** What a profile rule reports: a message id for each level, and the fix's wording. */
export interface ProfileRuleParts<M extends string> {
  readonly key: "seccompProfile" | "appArmorProfile";
  readonly podMessage: M;
  readonly containerMessage: M;
  /** One sentence for the fix, e.g. "Use the container runtime's default seccomp profile". */
  readonly fixDescription: string;
  /** The rule's id, for the exception the advice names. */
  readonly ruleId: string;
}

const CONFINEMENT = { seccompProfile: "seccomp", appArmorProfile: "appArmor" } as const;

/** The containers a pod-level profile under `key` applies to: those that set none of their own. */
export function inheritingContainers(
  doc: YamlDoc,
  pod: PodView,
  key: ProfileRuleParts<string>["key"],
): ContainerView[] {
  return pod.containers.filter((c) => !doc.get(c.securityContext, key)?.value);
}

/**
 * The advice that replaces a fix confining `containers` under `key`, when one of them is a
 * workload the data says must run without that confinement (Falco's AppArmor); else null.
 */
export function profileNeededAdvice(
  doc: YamlDoc,
  pod: PodView,
  containers: readonly ContainerView[],
  key: ProfileRuleParts<string>["key"],
  ruleId: string,
  podWorkloads: readonly WorkloadFacts[] = [],
): string | null {
  return unconfinedAdvice(doc, pod, containers, CONFINEMENT[key], ruleId, podWorkloads);
}

/**
 * Reports a bad profile type at pod level and on each container, each level on its own as PSA
 * checks them (a bad pod-level type is reported even when every container overrides it), with a
 * fix that sets `RuntimeDefault`.
 */
export function reportBadProfiles<M extends string>(
  pod: PodView,
  context: RuleContext<M>,
  parts: ProfileRuleParts<M>,
): void {
  const { doc } = context;
  const { key } = parts;
  const fix = (securityContext: Ref<YAMLMap>): FixPlan => ({
    description: parts.fixDescription,
    build: (editor) => {
      const ops = runtimeDefaultOps(doc, securityContext, key);
      return ops ? editor.edit(securityContext, ops) : null;
    },
  });
  // A workload the data says must run unconfined keeps its profile: the advice says why.
  const remedy = (
    securityContext: Ref<YAMLMap>,
    containers: readonly ContainerView[],
    podWorkloads: readonly WorkloadFacts[] = [],
  ) => {
    const advice = profileNeededAdvice(doc, pod, containers, key, parts.ruleId, podWorkloads);
    return advice ? { advice } : { fix: fix(securityContext) };
  };
  const podBad = badProfile(doc, pod.securityContext, key);
  if (podBad && pod.securityContext) {
    context.report({
      messageId: parts.podMessage,
      data: { type: podBad.type ?? "(none)" },
      at: podBad.at,
      container: null,
      field: `${pod.securityContextPath}.${key}.type`,
      // A pod's setting in a chart's values: what the template's pod runs.
      ...remedy(pod.securityContext, inheritingContainers(doc, pod, key), pod.workloads),
    });
  }
  for (const container of pod.containers) {
    const bad = badProfile(doc, container.securityContext, key);
    if (!bad || !container.securityContext) continue;
    context.report({
      messageId: parts.containerMessage,
      data: { type: bad.type ?? "(none)" },
      at: bad.at,
      container,
      field: `${container.securityContextPath}.${key}.type`,
      ...remedy(container.securityContext, [container]),
    });
  }
}
