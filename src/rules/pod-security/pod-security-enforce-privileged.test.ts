import { runRuleTests } from "../../../test/support/rule-tester.js";
import { podSecurityEnforcePrivileged } from "./pod-security-enforce-privileged.js";

const ns = (labels: string, name = "team-a") =>
  `apiVersion: v1\nkind: Namespace\nmetadata:\n  name: ${name}\n${labels}`;

runRuleTests(podSecurityEnforcePrivileged, {
  valid: [
    { name: "no labels", code: ns("") },
    {
      name: "baseline",
      code: ns("  labels:\n    pod-security.kubernetes.io/enforce: baseline\n"),
    },
    {
      name: "privileged only audited and warned, enforced restricted",
      code: ns(
        "  labels:\n    pod-security.kubernetes.io/enforce: restricted\n    pod-security.kubernetes.io/audit: privileged\n    pod-security.kubernetes.io/warn: privileged\n",
      ),
    },
    {
      name: "not a level: PSA enforces restricted",
      code: ns("  labels:\n    pod-security.kubernetes.io/enforce: Privileged\n"),
    },
    {
      name: "the word in an annotation",
      code: ns("  annotations:\n    pod-security.kubernetes.io/enforce: privileged\n"),
    },
    {
      name: "another object's label",
      code: "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n",
    },
    {
      name: "the admission defaults: Kubernetes' own default, written out",
      path: "admission.yaml",
      code: "apiVersion: pod-security.admission.config.k8s.io/v1\nkind: PodSecurityConfiguration\ndefaults:\n  enforce: privileged\n",
    },
    {
      name: "a chart template's value is not known",
      path: "chart/templates/ns.yaml",
      code: ns("  labels:\n    pod-security.kubernetes.io/enforce: {{ .Values.level }}\n"),
    },
  ],
  invalid: [
    {
      name: "enforce: privileged, named in the message",
      code: ns("  labels:\n    pod-security.kubernetes.io/enforce: privileged\n"),
      errors: [
        {
          line: 6,
          severity: "high",
          says: ["Namespace `team-a`", "no pod is refused"],
          fixed: null,
        },
      ],
    },
    {
      name: "quoted, among other labels, at restricted too",
      level: "restricted",
      code: ns(
        '  labels:\n    k8s-app: flannel\n    "pod-security.kubernetes.io/enforce": "privileged"\n',
        "kube-flannel",
      ),
      errors: [{ line: 7, says: ["`kube-flannel`"], fixed: null }],
    },
    {
      name: "a Namespace in a List, flow style",
      code: "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: Namespace, metadata: {name: edge, labels: {pod-security.kubernetes.io/enforce: privileged}}}\n",
      errors: [{ line: 4, says: ["`edge`"], fixed: null }],
    },
    {
      name: "JSON",
      path: "ns.json",
      code: '{"apiVersion": "v1", "kind": "Namespace",\n "metadata": {"name": "j", "labels": {\n  "pod-security.kubernetes.io/enforce": "privileged"}}}\n',
      errors: [{ line: 3, says: ["`j`"], fixed: null }],
    },
    {
      name: "an exception annotation does not hide the finding (adapters decide)",
      code: ns(
        '  annotations:\n    privilege-guard.io/allow-pod-security-enforce-privileged: "flannel CNI agent"\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n',
      ),
      errors: [{ line: 8, fixed: null }],
    },
  ],
});
