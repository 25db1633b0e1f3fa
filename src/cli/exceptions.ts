import type { Finding } from "../engine/index.js";

/**
 * Splits findings into those to act on and those an object accepts with a
 * `privilege-guard.io/allow-<rule>: "<reason>"` annotation. With `honour` false every finding is
 * reported.
 */
export function partitionAccepted(
  findings: readonly Finding[],
  honour: boolean,
): { reported: Finding[]; accepted: Finding[] } {
  const reported: Finding[] = [];
  const accepted: Finding[] = [];
  for (const f of findings) (honour && f.annotatedException ? accepted : reported).push(f);
  return { reported, accepted };
}
