import { runRuleTests } from "../../../test/support/rule-tester.js";
import { podSecurityAuditWarnBelowEnforce } from "./pod-security-audit-warn-below-enforce.js";

const ns = (labels: Record<string, string>) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n${Object.entries(labels)
    .map(([k, v]) => `    pod-security.kubernetes.io/${k}: ${v}\n`)
    .join("")}`;

runRuleTests(podSecurityAuditWarnBelowEnforce, {
  valid: [
    { name: "warn left out follows enforce", code: ns({ enforce: "restricted" }) },
    { name: "equal", code: ns({ enforce: "baseline", audit: "baseline", warn: "baseline" }) },
    {
      name: "higher, to preview a stricter level",
      code: ns({ enforce: "baseline", audit: "restricted", warn: "restricted" }),
    },
    { name: "no enforce label: its level is not known here", code: ns({ warn: "privileged" }) },
    { name: "enforce privileged", code: ns({ enforce: "privileged", warn: "privileged" }) },
  ],
  invalid: [
    {
      name: "warn below enforce",
      code: ns({ enforce: "restricted", warn: "baseline" }),
      errors: [
        {
          line: 7,
          severity: "low",
          says: ["Namespace `team-a`", "warns at `baseline`", "`restricted`"],
          fixed: null,
        },
      ],
    },
    {
      name: "audit and warn both below, each on its line",
      code: ns({ enforce: "baseline", audit: "privileged", warn: "privileged" }),
      errors: [
        { line: 7, says: ["audits at `privileged`"], fixed: null },
        { line: 8, says: ["warns at `privileged`"], fixed: null },
      ],
    },
    {
      name: "not a level: PSA fails open for warn",
      code: ns({ enforce: "baseline", warn: "Restricted" }),
      errors: [{ line: 7, says: ["`Restricted`", "not a level"], fixed: null }],
    },
    {
      name: "an enforce typo is restricted, so baseline warn is below it",
      code: ns({ enforce: "restricte", warn: "baseline" }),
      errors: [{ line: 7, says: ["`restricted`"], fixed: null }],
    },
    {
      name: "the admission defaults",
      path: "psa.yaml",
      code: "apiVersion: pod-security.admission.config.k8s.io/v1beta1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: baseline\n  audit: privileged\n",
      errors: [{ line: 5, says: ["admission configuration"], fixed: null }],
    },
  ],
});
