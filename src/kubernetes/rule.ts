import type { Level, Protection, PssControl, Severity } from "../core/types.js";
import type { MapEditor } from "../fix/map-editor.js";
import type { TextEdit } from "../fix/text-edit.js";
import type { Range, YamlDoc } from "../yaml/yaml-doc.js";
import type { ContainerView, PodView } from "./pod-view.js";

/**
 * A fix a rule proposes. `build` returns character edits (through the MapEditor, which writes in
 * the file's own layout), or null when no safe edit exists here. The engine turns the edits into a
 * whole-line fix and offers it only after re-scanning the fixed text.
 */
export interface FixPlan {
  /** One sentence: what the fix changes. */
  readonly description: string;
  /** Rule ids of narrower findings the fix knowingly leaves in place of this one. */
  readonly trades?: readonly string[];
  readonly build: (editor: MapEditor) => TextEdit[] | null;
}

/** What a rule reports. */
export interface Report<M extends string> {
  readonly messageId: M;
  /** Values for the message's `{{placeholders}}`. `container` is filled in by the engine. */
  readonly data?: Readonly<Record<string, string>>;
  /** Where the setting takes effect (an entry's or a node's range). */
  readonly at: Range;
  /** The container the setting applies to, or null for a pod-level setting. */
  readonly container: ContainerView | null;
  /** Logical path of the setting within its document, for the finding's identity. */
  readonly field: string;
  /** Overrides the rule's severity for this finding (e.g. a runtime socket mount is critical). */
  readonly severity?: Severity;
  readonly fix?: FixPlan;
  /**
   * Replaces the rule's remediation for this finding: for a workload that genuinely needs the
   * setting, why no fix removes it and how to keep it as a justified exception.
   */
  readonly advice?: string;
}

export interface RuleContext<M extends string> {
  /** The level being scanned at. */
  readonly level: Level;
  readonly doc: YamlDoc;
  report(report: Report<M>): void;
}

/**
 * One rule, one module: what it is (id, title, severity, PSS control), why it matters, how to
 * detect it and how to fix it. Rules are pure: they read a PodView and report.
 */
export interface KubernetesRule<M extends string = string> {
  /** kebab-case id, equal to the module's file name. */
  readonly id: string;
  readonly title: string;
  /** The PSA check this rule implements, or null for a rule outside the standards. */
  readonly pss: { readonly control: PssControl; readonly level: Level } | null;
  readonly severity: Severity;
  readonly removes: readonly Protection[];
  /** Why the setting is dangerous: the protection it removes and what an attacker gains. */
  readonly rationale: string;
  /** One sentence (ending in a period): what to do instead. */
  readonly remediation: string;
  /** Message templates by id; `{{name}}` placeholders are filled from the report's data. */
  readonly messages: Readonly<Record<M, string>>;
  check(pod: PodView, context: RuleContext<M>): void;
}

/** Declares a rule with its message ids checked by the compiler. */
export function defineRule<const M extends string>(rule: KubernetesRule<M>): KubernetesRule<M> {
  return rule;
}

/** How any rule's setting can be kept, for the few workloads that truly need it. */
export const EXCEPTION_GUIDANCE =
  "If this workload truly needs it (a CNI or CSI driver, an image builder, a node agent), keep it " +
  "as a reviewed exception: give the reason in a `privilege-guard.io/allow-<rule-id>` annotation " +
  "on the object or in the app's config, run it in a namespace labelled " +
  "`pod-security.kubernetes.io/enforce: privileged` that holds nothing else, pin it to dedicated " +
  "nodes with a nodeSelector and a taint it alone tolerates, and fence it with a NetworkPolicy.";
