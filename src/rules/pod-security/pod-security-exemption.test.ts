import { runRuleTests } from "../../../test/support/rule-tester.js";
import { podSecurityExemption } from "./pod-security-exemption.js";

const admission = (exemptions: string) =>
  `apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- name: PodSecurity\n  configuration:\n    apiVersion: pod-security.admission.config.k8s.io/v1\n    kind: PodSecurityConfiguration\n    defaults:\n      enforce: baseline\n    exemptions:\n${exemptions}`;
const PATH = "admission-config.yaml";

runRuleTests(podSecurityExemption, {
  valid: [
    {
      name: "empty lists",
      path: PATH,
      code: admission("      usernames: []\n      namespaces: []\n"),
    },
    {
      name: "another plugin's configuration",
      path: PATH,
      code: "apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins:\n- name: EventRateLimit\n  configuration:\n    exemptions:\n      namespaces: [kube-system]\n",
    },
    {
      name: "the list unchanged in a change",
      path: PATH,
      base: admission("      namespaces: [kube-system]\n"),
      code: admission("      namespaces:\n      - kube-system\n"),
    },
    {
      name: "not an admission configuration",
      path: PATH,
      code: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\ndata:\n  exemptions: |\n    namespaces: [kube-system]\n",
    },
  ],
  invalid: [
    {
      name: "a namespace, a user and a runtime class, each on its item",
      path: PATH,
      code: admission(
        "      namespaces:\n      - kube-system\n      usernames: [admin]\n      runtimeClasses:\n      - kata\n",
      ),
      errors: [
        { line: 12, severity: "high", says: ["exempts namespace `kube-system`"], fixed: null },
        { line: 13, severity: "high", says: ["exempts user `admin`"], fixed: null },
        { line: 15, severity: "medium", says: ["`runtimeClassName: kata`"], fixed: null },
      ],
    },
    {
      name: "a controller's service account is critical",
      path: PATH,
      code: admission(
        "      usernames:\n      - system:serviceaccount:kube-system:replicaset-controller\n",
      ),
      errors: [
        {
          line: 12,
          severity: "critical",
          says: ["a controller's service account", "anyone who may create the workloads"],
          fixed: null,
        },
      ],
    },
    {
      name: "one namespace added to a list: that one alone",
      path: PATH,
      base: admission("      namespaces: [kube-system, longhorn-system]\n"),
      code: admission(
        "      namespaces:\n      - kube-system\n      - team-a\n      - longhorn-system\n",
      ),
      errors: [{ line: 13, says: ["`team-a`"], fixed: null }],
    },
    {
      name: "the standalone PodSecurityConfiguration file",
      path: "pod-security.yaml",
      code: 'apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\nexemptions:\n  namespaces: ["ci-runners"]\n',
      errors: [{ line: 4, says: ["`ci-runners`"], fixed: null }],
    },
  ],
});
