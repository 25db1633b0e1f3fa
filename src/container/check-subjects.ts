import { codeSpan } from "../core/code-span.js";
import { levelIncludes } from "../core/pss.js";
import { renderMessage } from "../core/render-message.js";
import type { Level, Severity } from "../core/types.js";
import { UNKNOWN_PART } from "./host-paths.js";
import type { ContainerRule, FixIntent } from "./rule.js";
import type { ContainerSubject, RuntimeSetting } from "./settings.js";

/** One rule's verdict on one setting of one subject, message rendered. */
export interface ContainerVerdict {
  readonly rule: ContainerRule;
  readonly subject: ContainerSubject;
  readonly setting: RuntimeSetting;
  readonly messageId: string;
  readonly severity: Severity;
  readonly message: string;
  readonly fix: FixIntent | null;
  /** The report's advice, which replaces the rule's remediation; null for the remediation. */
  readonly advice: string | null;
}

/**
 * The rules that apply at `level`. A restricted-level rule runs only at restricted. Unlike the
 * Kubernetes rules, no container rule is replaced at restricted: the model has no restricted
 * counterparts (a host mount stays `hostPathVolumes`).
 */
export function containerRulesAt(rules: readonly ContainerRule[], level: Level): ContainerRule[] {
  return rules.filter((r) => !r.pss || levelIncludes(level, r.pss.level));
}

/**
 * Runs the rules on every subject. A rule that throws is a bug in that rule: its error is returned
 * with the rule's id and the other rules still run.
 */
export function checkSubjects(
  rules: readonly ContainerRule[],
  subjects: readonly ContainerSubject[],
): { verdicts: ContainerVerdict[]; errors: { ruleId: string; message: string }[] } {
  const verdicts: ContainerVerdict[] = [];
  const errors: { ruleId: string; message: string }[] = [];
  for (const subject of subjects) {
    for (const rule of rules) {
      try {
        rule.check(subject, (report) => {
          const data = {
            subject: subject.label,
            value: settingValue(report.setting),
            ...(report.data ?? {}),
          };
          const template = rule.messages[report.messageId] ?? report.messageId;
          verdicts.push({
            rule,
            subject,
            setting: report.setting,
            messageId: report.messageId,
            severity: report.severity ?? rule.severity,
            message: renderMessage(template, data, ["subject"]) + writtenNote(report.setting),
            fix: report.fix ?? null,
            advice: report.advice ?? null,
          });
        });
      } catch (error) {
        errors.push({
          ruleId: rule.id,
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return { verdicts, errors };
}

/** The setting's value as a message quotes it. */
export function settingValue(setting: RuntimeSetting): string {
  switch (setting.kind) {
    case "privileged":
      return String(setting.value);
    case "cap-add":
      return setting.capability;
    case "host-mount":
      return `${setting.source}:${setting.target}${setting.readOnly ? ":ro" : ""}`;
    default:
      return setting.value;
  }
}

/** Said when the value is a variable's default: the variable may be set otherwise at run time. */
function writtenNote(setting: RuntimeSetting): string {
  const inherited =
    setting.inheritedFrom === undefined
      ? ""
      : ` It is inherited through \`extends\` from ${setting.inheritedFrom}, where it is written.`;
  const unknown =
    setting.kind === "host-mount" && setting.source.includes(UNKNOWN_PART)
      ? ` ${codeSpan(UNKNOWN_PART)} stands for a variable known only at run time; a file named ${codeSpan(setting.source.slice(setting.source.lastIndexOf("/") + 1))} is the runtime's socket whatever folder holds it.`
      : "";
  if (setting.written === undefined) return inherited + unknown;
  return `${inherited} The value is read from ${codeSpan(setting.written)} with its default; set otherwise at run time, it may differ.${unknown}`;
}
