import { runRuleTests } from "../../../test/support/rule-tester.js";
import { podSecurityEnforceVersion } from "./pod-security-enforce-version.js";

const ns = (level: string | null, version: string) =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: team-a\n  labels:\n${level ? `    pod-security.kubernetes.io/enforce: ${level}\n` : ""}    pod-security.kubernetes.io/enforce-version: ${version}\n`;

runRuleTests(podSecurityEnforceVersion, {
  valid: [
    { name: "latest", code: ns("restricted", "latest") },
    { name: "pinned at or after the last tightening", code: ns("baseline", "v1.34") },
    { name: "a future version", code: ns("restricted", "v1.40") },
    { name: "not a version: PSA reads it as latest", code: ns("baseline", "1.20") },
    { name: "privileged misses nothing", code: ns("privileged", "v1.0") },
    {
      name: "no enforce label beside it: the cluster's level is not known here",
      code: ns(null, "v1.20"),
    },
    {
      name: "a pin moved to a newer old version keeps what it had",
      base: ns("restricted", "v1.22"),
      code: ns("restricted", "v1.23"),
    },
    {
      name: "the same missed checks under another old pin is not a new weakening",
      base: ns("baseline", "v1.30"),
      code: ns("baseline", "v1.25"),
    },
    {
      name: "admission defaults at privileged (the default) miss nothing",
      path: "psa.yaml",
      code: "apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce-version: v1.20\n",
    },
  ],
  invalid: [
    {
      name: "baseline pinned before v1.34",
      code: ns("baseline", "v1.30"),
      errors: [
        {
          line: 7,
          severity: "medium",
          says: ["Namespace `team-a`", "`v1.30`", "hostProbesAndHostLifecycle in v1.34"],
          fixed: null,
        },
      ],
    },
    {
      name: "restricted pinned at v1.21 misses three checks",
      code: ns("restricted", '"v1.21"'),
      errors: [
        {
          line: 7,
          says: [
            "capabilities_restricted in v1.22, runAsUser in v1.23, hostProbesAndHostLifecycle in v1.34",
          ],
          fixed: null,
        },
      ],
    },
    {
      name: "an old pin made older, missing more, is introduced again",
      base: ns("restricted", "v1.23"),
      code: ns("restricted", "v1.22"),
      errors: [{ line: 7, says: ["The base side had `v1.23`."], fixed: null }],
    },
    {
      name: "a pin added where latest was",
      base: ns("baseline", "latest"),
      code: ns("baseline", "v1.18"),
      errors: [
        {
          line: 7,
          says: ["seccompProfile_baseline in v1.19, hostProbesAndHostLifecycle in v1.34"],
          fixed: null,
        },
      ],
    },
    {
      name: "the admission defaults",
      path: "psa.yaml",
      code: "apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: restricted\n  enforce-version: v1.33\n",
      errors: [{ line: 5, says: ["admission configuration", "`restricted`"], fixed: null }],
    },
  ],
});
