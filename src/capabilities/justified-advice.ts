import { describeMatches } from "./infer.js";
import type { Recognition } from "./recognize.js";
import type { Inference } from "./types.js";

/** What the advice says the workload needs the setting for, and what no fix does. */
export interface AdviceWording {
  /** Completes "which needs <setting> to ..."; the workload's own `needs` by default. */
  readonly needs?: string;
  /** What no fix does; "removes it" by default. */
  readonly noFix?: string;
}

/**
 * The advice for a setting that a recognised workload genuinely needs: why no fix removes it, how
 * to keep it as a justified, isolated exception (`keep`, one sentence from the caller: a cluster's
 * namespace, nodes and NetworkPolicy; a host's or CI runner's dedication), and a safer alternative
 * where the data names one.
 */
export function justifiedAdvice(
  recognition: Recognition,
  setting: string,
  keep: string,
  wording: AdviceWording = {},
): string {
  const { workload, signal } = recognition;
  const needs = wording.needs ?? workload.needs;
  return [
    `This looks like ${withArticle(workload.title)} (${signal}), which needs ${setting} to ${needs}, so no fix ${wording.noFix ?? "removes it"}.`,
    keep,
    ...(workload.alternative ? [`Safer alternative: ${workload.alternative}`] : []),
  ].join(" ");
}

/** A workload's title after "a" or "an", as its first letter sounds ("an Istio CNI node agent"). */
export function withArticle(title: string): string {
  return `${/^[aeiou]/i.test(title) ? "an" : "a"} ${title}`;
}

/**
 * The advice for a capability that the capability catalogue says a tool the container runs needs
 * (WireGuard's NET_ADMIN, tcpdump's NET_RAW): why no fix removes it, and `keep` (one sentence from
 * the caller: where a reviewed exception is written). Null when no entry it matched needs it.
 * `capability` is spelled as the catalogue spells it (no `CAP_`), `shown` as the file writes it.
 */
export function neededCapabilityAdvice(
  inference: Inference,
  capability: string,
  shown: string,
  keep: string,
): string | null {
  const needing = inference.matches.filter((m) => m.entry.capabilities.includes(capability));
  if (needing.length === 0) return null;
  return `${describeMatches({ ...inference, matches: needing })} needs ${shown} (the capability catalogue), so no fix removes it: without it the workload would not run. ${keep}`;
}

/**
 * What must hold before `capability` (as the catalogue spells it) is removed from a container that
 * runs a tool using it for one step only (WireGuard's SYS_MODULE), as sentences to follow a fix's
 * description; null when no entry it matched says so.
 */
export function removalCaveat(inference: Inference, capability: string): string | null {
  const sentences = inference.matches.flatMap(({ entry }) =>
    entry.onlyFor?.capabilities.includes(capability)
      ? [`${entry.title} uses it only to ${entry.onlyFor.purpose}. ${entry.onlyFor.instead}`]
      : [],
  );
  return sentences.length > 0 ? sentences.join(" ") : null;
}
