import type { Level, Protection, PssControl, Severity } from "../core/types.js";
import type { ContainerSubject, RuntimeSetting } from "./settings.js";

/**
 * A fix as the model states it, whatever the syntax: each file kind writes it in its own syntax
 * (a YAML edit, a changed flag) and offers it only after re-scanning the fixed text.
 */
export type FixIntent =
  /** Take the setting (or the list item) out. */
  | { readonly op: "remove"; readonly description: string }
  /**
   * Replace privileged mode by only these capabilities and devices (from the capability
   * catalogue; both may be empty).
   */
  | {
      readonly op: "replace-privileged";
      readonly capabilities: readonly string[];
      readonly devices: readonly string[];
      readonly description: string;
      /** Rule ids of narrower findings the fix knowingly leaves (an added SYS_ADMIN...). */
      readonly trades: readonly string[];
    };

/** What a container rule reports: one setting of one subject. */
export interface ContainerReport<M extends string> {
  readonly messageId: M;
  /** Values for the message's placeholders; `{{subject}}` and `{{value}}` are filled in. */
  readonly data?: Readonly<Record<string, string>>;
  readonly setting: RuntimeSetting;
  /** Overrides the rule's severity for this finding (a runtime socket is critical). */
  readonly severity?: Severity;
  /** Absent when no safe replacement exists: the finding then points to the exception path. */
  readonly fix?: FixIntent;
  /**
   * In place of the rule's remediation, for this finding: why no fix is offered for a workload
   * that genuinely needs the setting, and how to keep it as an isolated exception.
   */
  readonly advice?: string;
}

/**
 * One rule of the container model, one module: what it is, why it matters, how to detect it in a
 * {@link ContainerSubject} and the fix it proposes. Kind-independent: the same rule judges a
 * Compose service, a `docker run` command and a dev container.
 */
export interface ContainerRule<M extends string = string> {
  /** kebab-case id, equal to the module's file name. */
  readonly id: string;
  readonly title: string;
  /** The PSS control the setting corresponds to, or null where none does. */
  readonly pss: { readonly control: PssControl; readonly level: Level } | null;
  /** Where `pss` is null: why no control covers the setting (shown by `explain`). */
  readonly outsidePss?: string;
  readonly severity: Severity;
  readonly removes: readonly Protection[];
  readonly rationale: string;
  /** One sentence (ending in a period): what to do instead. */
  readonly remediation: string;
  /** Templates by id; `{{subject}}` names the service, job or command, `{{value}}` the value. */
  readonly messages: Readonly<Record<M, string>>;
  check(subject: ContainerSubject, report: (report: ContainerReport<M>) => void): void;
}

/** Declares a container rule with its message ids checked by the compiler. */
export function defineContainerRule<const M extends string>(
  rule: ContainerRule<M>,
): ContainerRule<M> {
  return rule;
}

/**
 * How a container setting can be kept, for the few workloads that truly need it. The inline
 * comment is written in the file's own comment syntax (`#` in YAML and shell, `//` in JSONC).
 */
export const CONTAINER_EXCEPTION_GUIDANCE =
  "If this container truly needs it (a CI runner with Docker-in-Docker, a node agent, a device " +
  "driver), keep it as a reviewed exception: write `privilege-guard: allow <rule-id> -- <reason>` " +
  "as a comment on the line above the setting, or add an exception with `path` (and `service`) " +
  "to the app's config; run it on a dedicated host or runner that holds no secrets of other " +
  "projects, and keep it off shared networks.";
