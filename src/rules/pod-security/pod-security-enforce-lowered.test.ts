import { runRuleTests } from "../../../test/support/rule-tester.js";
import { podSecurityEnforceLowered } from "./pod-security-enforce-lowered.js";

const ns = (labels: string, name = "team-a") =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${labels}`;
const enforce = (level: string, name?: string) =>
  ns(`  labels:\n    pod-security.kubernetes.io/enforce: ${level}\n`, name);
const defaults = (lines: string) =>
  `apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- name: PodSecurity\n  configuration:\n    apiVersion: pod-security.admission.config.k8s.io/v1\n    kind: PodSecurityConfiguration\n    defaults:\n${lines}`;

runRuleTests(podSecurityEnforceLowered, {
  valid: [
    { name: "a scan without a base reports nothing", code: enforce("baseline") },
    { name: "a new Namespace at baseline weakens nothing", base: "", code: enforce("baseline") },
    { name: "unchanged", base: enforce("baseline"), code: enforce("baseline") },
    { name: "raised", base: enforce("baseline"), code: enforce("restricted") },
    {
      name: "a typo is read as restricted, as PSA reads it",
      base: enforce("restricted"),
      code: enforce("restrcted"),
    },
    {
      name: "another Namespace lowered is not this one",
      base: enforce("restricted", "team-a"),
      code: enforce("baseline", "team-b"),
    },
    {
      name: "to privileged is pod-security-enforce-privileged's finding",
      base: enforce("restricted"),
      code: enforce("privileged"),
    },
    { name: "a label absent on both sides", base: ns(""), code: ns("") },
    {
      name: "moved into a List, reordered: same level",
      base: `${enforce("restricted", "b")}---\n${enforce("baseline", "a")}`,
      code: `apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Namespace\n  metadata:\n    labels: {pod-security.kubernetes.io/enforce: baseline}\n    name: a\n- {apiVersion: v1, kind: Namespace, metadata: {name: b, labels: {pod-security.kubernetes.io/enforce: restricted}}}\n`,
    },
    {
      name: "admission defaults raised",
      path: "admission.yaml",
      base: defaults("      enforce: baseline\n"),
      code: defaults("      enforce: restricted\n"),
    },
  ],
  invalid: [
    {
      name: "restricted to baseline",
      base: enforce("restricted"),
      code: enforce("baseline"),
      errors: [
        {
          line: 6,
          severity: "medium",
          says: [
            "Namespace `team-a`",
            "`baseline`",
            "run as root",
            "The base side had `restricted`.",
          ],
          fixed: null,
        },
      ],
    },
    {
      name: "baseline to privileged in the admission defaults",
      path: "admission.yaml",
      base: defaults("      enforce: baseline\n"),
      code: defaults("      enforce: privileged\n"),
      errors: [
        {
          line: 9,
          severity: "high",
          says: ["admission configuration", "`privileged`", "The base side had `baseline`."],
          fixed: null,
        },
      ],
    },
    {
      name: "the label removed: reported on the labels key",
      base: ns("  labels:\n    team: a\n    pod-security.kubernetes.io/enforce: restricted\n"),
      code: ns("  labels:\n    team: a\n"),
      errors: [
        {
          line: 5,
          severity: "high",
          says: ["no longer sets", "cluster's default level", "The base side had `restricted`."],
          fixed: null,
        },
      ],
    },
    {
      name: "the labels removed altogether: reported on the name",
      base: enforce("baseline"),
      code: ns(""),
      errors: [{ line: 4, says: ["no longer sets"], fixed: null }],
    },
    {
      name: "the defaults' enforce removed",
      path: "admission.yaml",
      base: defaults("      enforce: restricted\n      audit: restricted\n"),
      code: defaults("      audit: restricted\n"),
      errors: [{ line: 8, says: ["`defaults.enforce`"], fixed: null }],
    },
    {
      name: "lowered while moved to another document",
      base: `${enforce("restricted")}---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n`,
      code: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n---\n${enforce("baseline")}`,
      errors: [{ line: 11, fixed: null }],
    },
  ],
});
