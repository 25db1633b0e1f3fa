import type { RawFinding } from "../core/file-kind.js";
import type { Fix, SourceSpan } from "../core/types.js";
import type { ContainerVerdict } from "./check-subjects.js";
import { CONTAINER_EXCEPTION_GUIDANCE } from "./rule.js";

/** What a file kind knows of a verdict's place: where, on which object, and its exception. */
export interface VerdictPlace {
  readonly path: string;
  /** The setting's span in the head text. */
  readonly span: SourceSpan;
  /**
   * The object the setting belongs to, for the identity, never holding a line number: the
   * identity path plus the service (`compose.yaml#services.web`), job and step, or command.
   */
  readonly object: string;
  /** Logical path of the setting within the file (`services.web.privileged`). */
  readonly field: string;
  /** The container's name as reports show it (the service name), or null. */
  readonly container: string | null;
  /** The Compose service, for the config's `service` selector. */
  readonly service?: string;
  /** The reason of an inline `privilege-guard: allow` comment, or null. */
  readonly exception: string | null;
  readonly fix: Fix | null;
  /**
   * What to do instead where the place knows better than the rule and the verdict (a GitLab
   * Docker-in-Docker service); absent for the verdict's advice, else the rule's remediation.
   */
  readonly remediation?: string;
}

/** A container rule's verdict as a finding of any file kind. */
export function verdictFinding(v: ContainerVerdict, place: VerdictPlace): RawFinding {
  return {
    ruleId: v.rule.id,
    pss: v.rule.pss?.control ?? null,
    severity: v.severity,
    path: place.path,
    line: place.span.line,
    endLine: place.span.endLine,
    column: place.span.column,
    endColumn: place.span.endColumn,
    message: v.message,
    remediation: place.remediation ?? v.advice ?? v.rule.remediation,
    removes: v.rule.removes,
    explanation: v.rule.rationale,
    exception: CONTAINER_EXCEPTION_GUIDANCE,
    resource: null,
    container: place.container,
    ...(place.service !== undefined ? { service: place.service } : {}),
    field: place.field,
    identity: `${place.object}>${v.setting.field}>${v.rule.id}`,
    annotatedException: place.exception,
    ...(place.fix ? { fix: place.fix } : {}),
  };
}
