/**
 * A table runner for the container model's rules, on plain data: each case is a subject's
 * settings, judged with the rule under test alone. Invalid cases list every verdict, in order,
 * with the setting it is about, its message id, severity and the fix it proposes (its op and, for
 * privileged mode, the capabilities). Duplicate cases are refused. The kinds that feed the model
 * (Compose, dev containers, scripts) test the same rules on their own syntax.
 */
import { describe, expect, it } from "@jest/globals";
import { checkSubjects, containerRulesAt } from "../../src/container/check-subjects.js";
import type { ContainerRule } from "../../src/container/rule.js";
import type {
  ContainerWorkload,
  NamespaceName,
  RuntimeSetting,
} from "../../src/container/settings.js";
import type { Level, Severity } from "../../src/core/types.js";

export interface ContainerValidCase {
  readonly name: string;
  readonly settings: readonly RuntimeSetting[];
  readonly workload?: ContainerWorkload;
  readonly level?: Level;
}

export interface ExpectedVerdict {
  /** Index of the setting in the case's list. */
  readonly setting: number;
  readonly messageId: string;
  readonly severity: Severity;
  /** The fix's op, or null when none may be proposed. */
  readonly fix: "remove" | "replace-privileged" | null;
  /** For `replace-privileged`: the capabilities granted instead. */
  readonly capabilities?: readonly string[];
  /** Words the message must contain. */
  readonly says?: readonly string[];
  /** Words the advice that replaces the remediation must contain; absent: no advice. */
  readonly advises?: readonly string[];
}

export interface ContainerInvalidCase extends ContainerValidCase {
  readonly verdicts: readonly ExpectedVerdict[];
}

let offset = 0;
/** A span of its own for each setting built, so that tests can tell settings apart. */
function nextSpan(): readonly [number, number] {
  offset += 10;
  return [offset, offset + 5];
}

export const setting = {
  privileged: (value: boolean, written?: string): RuntimeSetting => ({
    kind: "privileged",
    value,
    at: nextSpan(),
    field: "privileged",
    ...(written ? { written } : {}),
  }),
  capAdd: (capability: string): RuntimeSetting => ({
    kind: "cap-add",
    capability,
    at: nextSpan(),
    field: `cap_add[${capability}]`,
  }),
  namespace: (namespace: NamespaceName, value: string): RuntimeSetting => ({
    kind: "namespace",
    namespace,
    value,
    at: nextSpan(),
    field: namespace,
  }),
  securityOpt: (value: string): RuntimeSetting => ({
    kind: "security-opt",
    value,
    at: nextSpan(),
    field: `security_opt[${value}]`,
  }),
  device: (value: string): RuntimeSetting => ({
    kind: "device",
    value,
    at: nextSpan(),
    field: `devices[${value}]`,
  }),
  deviceCgroupRule: (value: string): RuntimeSetting => ({
    kind: "device-cgroup-rule",
    value,
    at: nextSpan(),
    field: `device_cgroup_rules[${value}]`,
  }),
  hostMount: (source: string, target: string, readOnly = false): RuntimeSetting => ({
    kind: "host-mount",
    source,
    target,
    readOnly,
    at: nextSpan(),
    field: `volumes[${target}]`,
  }),
};

function verdictsOf(rule: ContainerRule, c: ContainerValidCase) {
  const rules = containerRulesAt([rule], c.level ?? "baseline");
  const { verdicts, errors } = checkSubjects(rules, [
    { label: "Service `app`", settings: c.settings, workload: c.workload ?? {} },
  ]);
  expect(errors).toEqual([]);
  return verdicts;
}

export function runContainerRuleTests(
  rule: ContainerRule,
  cases: { valid: readonly ContainerValidCase[]; invalid: readonly ContainerInvalidCase[] },
): void {
  const names = new Set<string>();
  for (const c of [...cases.valid, ...cases.invalid]) {
    if (names.has(c.name)) throw new Error(`duplicate case: ${c.name}`);
    names.add(c.name);
  }
  describe(rule.id, () => {
    it("has a one-sentence remediation and a rationale", () => {
      expect(rule.remediation).toMatch(/^[^\n]+\.$/);
      expect(rule.rationale.length).toBeGreaterThan(40);
    });
    for (const c of cases.valid) {
      it(`valid: ${c.name}`, () => {
        expect(verdictsOf(rule, c).map((v) => v.message)).toEqual([]);
      });
    }
    for (const c of cases.invalid) {
      it(`invalid: ${c.name}`, () => {
        const verdicts = verdictsOf(rule, c);
        expect(
          verdicts.map((v) => ({
            setting: c.settings.indexOf(v.setting),
            messageId: v.messageId,
            severity: v.severity,
            fix: v.fix?.op ?? null,
            ...(v.fix?.op === "replace-privileged" ? { capabilities: v.fix.capabilities } : {}),
          })),
        ).toEqual(
          c.verdicts.map(({ says: _, advises: __, ...expected }) => ({
            ...expected,
            ...(expected.fix === "replace-privileged"
              ? { capabilities: expected.capabilities ?? [] }
              : {}),
          })),
        );
        verdicts.forEach((v, i) => {
          expect(v.message).not.toMatch(/\{\{/);
          expect(v.message).toContain("Service `app`");
          for (const word of c.verdicts[i]?.says ?? []) expect(v.message).toContain(word);
          const advises = c.verdicts[i]?.advises;
          if (advises === undefined) expect(v.advice).toBeNull();
          for (const word of advises ?? []) expect(v.advice).toContain(word);
        });
      });
    }
  });
}
