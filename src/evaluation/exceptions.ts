/**
 * Which introduced findings are accepted as justified exceptions: by an entry of the config's
 * `exceptions` (its rule and every selector it gives match), or, when the config allows it, by a
 * `privilege-guard.io/allow-<rule>: <reason>` annotation on the object itself.
 */
import picomatch from "picomatch";
import type { Config, ConfigException } from "../config/schema.js";
import type { Finding } from "../core/types.js";
import type { Accepted } from "./evaluation.js";

export interface ExceptionOutcome {
  /** Introduced findings no exception covers: what the verdict judges. */
  readonly reported: Finding[];
  readonly accepted: Accepted[];
}

/**
 * Splits `introduced` into reported and accepted findings. A config exception wins over an
 * annotation. An annotation exception is `requestedInThisPr` unless `baseFindings` (every finding
 * of the change's base sides, from the same diff) hold the same annotated reason for the same rule
 * on the same object: then the exception was already reviewed on the base branch.
 */
export function applyExceptions(
  introduced: readonly Finding[],
  config: Pick<Config, "exceptions" | "allowAnnotationExceptions">,
  baseFindings: readonly Finding[],
): ExceptionOutcome {
  const onBase = new Set(
    baseFindings
      .filter((f) => hasReason(f.annotatedException))
      .map((f) => annotationKey(f, f.annotatedException ?? "")),
  );
  const reported: Finding[] = [];
  const accepted: Accepted[] = [];
  for (const finding of introduced) {
    const entry = config.exceptions.find((e) => exceptionMatches(e, finding));
    if (entry) {
      accepted.push({
        finding,
        reason: entry.reason.trim(),
        source: "config",
        requestedInThisPr: false,
      });
      continue;
    }
    const reason = finding.annotatedException;
    if (config.allowAnnotationExceptions && hasReason(reason)) {
      const requestedInThisPr = !onBase.has(annotationKey(finding, reason));
      accepted.push({ finding, reason: reason.trim(), source: "annotation", requestedInThisPr });
      continue;
    }
    reported.push(finding);
  }
  return { reported, accepted };
}

/** Whether a config exception covers a finding: its rule (id or PSS id) and every selector match. */
export function exceptionMatches(exception: ConfigException, finding: Finding): boolean {
  if (exception.rule !== finding.ruleId && exception.rule !== finding.pss) return false;
  const resource = finding.resource;
  return (
    selects(exception.namespace, resource?.namespace ?? null) &&
    selects(exception.kind, resource?.kind ?? null, true) &&
    selects(exception.name, resource?.name ?? null) &&
    selects(exception.container, finding.container) &&
    selects(exception.service, finding.service ?? null) &&
    selects(exception.path, finding.path)
  );
}

/** An absent selector matches anything; a given one needs a value that matches its glob. */
function selects(glob: string | undefined, value: string | null, nocase = false): boolean {
  if (glob === undefined) return true;
  if (value === null) return false;
  return picomatch.isMatch(value, glob, { dot: true, nocase });
}

function hasReason(reason: string | null): reason is string {
  return reason !== null && reason.trim() !== "";
}

/**
 * The object a finding belongs to plus its rule and annotated reason: the identity up to its
 * first `>` names the object (`Kind:namespace/name` or `path#doc`), never a line.
 */
function annotationKey(finding: Finding, reason: string): string {
  return JSON.stringify([objectOf(finding), finding.ruleId, reason.trim()]);
}

/** The object a finding belongs to: its identity up to the first `>`. */
export function objectOf(finding: Finding): string {
  return finding.identity.split(">")[0] ?? finding.identity;
}
