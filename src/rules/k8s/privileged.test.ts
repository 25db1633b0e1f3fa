import { runRuleTests } from "../../../test/support/rule-tester.js";
import { CAPABILITY_CATALOGUE } from "../../capabilities/index.js";
import { privileged } from "./privileged.js";

const pod = (securityContext: string, extra = "") => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27${extra}
      securityContext:
${securityContext}`;

/** Inspektor Gadget's `ig` in a pod, with an annotation of the pod if given. */
const gadget = (securityContext: string, annotation = "") => `apiVersion: v1
kind: Pod
metadata:
  name: ig
${annotation ? `  annotations:\n    ${annotation}\n` : ""}spec:
  containers:
    - name: ig
      image: ghcr.io/inspektor-gadget/ig:v0.40.0
      securityContext:
${securityContext}`;

/** What the capability catalogue says Inspektor Gadget needs. */
const GADGET_CAPABILITIES = (() => {
  const entry = CAPABILITY_CATALOGUE.find((e) => e.id === "inspektor-gadget");
  if (!entry) throw new Error("the catalogue has no entry for Inspektor Gadget");
  return entry.capabilities;
})();

/** The MetalLB speaker DaemonSet as MetalLB's manifest writes it, shortened. */
const speaker = (securityContext: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: speaker
  namespace: metallb-system
spec:
  selector:
    matchLabels: {component: speaker}
  template:
    metadata:
      labels: {component: speaker}
    spec:
      hostNetwork: true
      containers:
      - name: speaker
        image: quay.io/metallb/speaker:v0.14.8
        args: [--port=7472]
        securityContext:
${securityContext}`;

runRuleTests(privileged, {
  valid: [
    { name: "privileged false", code: pod("        privileged: false\n") },
    {
      name: "no security context",
      code: "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: a\n      image: x\n",
    },
    { name: "quoted string 'true' is not the boolean", code: pod('        privileged: "true"\n') },
    {
      name: "CRD schema that declares the property",
      code: `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: things.example.com}
spec:
  versions:
    - name: v1
      schema:
        openAPIV3Schema:
          properties:
            securityContext:
              properties:
                privileged: {type: boolean, default: true}
`,
    },
    {
      name: "ConfigMap holding manifest text",
      code: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  pod.yaml: |\n    securityContext:\n      privileged: true\n",
    },
    {
      name: "Kyverno policy pattern",
      code: `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: p}
spec:
  rules:
    - name: r
      validate:
        pattern:
          spec:
            containers:
              - securityContext:
                  privileged: true
`,
    },
    { name: "comment only", code: pod("        # privileged: true\n        runAsNonRoot: true\n") },
  ],
  invalid: [
    {
      // docs/examples/pod-ig.yaml of inspektor-gadget: privileged "for simplicity".
      name: "an eBPF agent that needs no AppArmor confinement keeps it off, with its capabilities",
      code: gadget("        privileged: true\n"),
      errors: [
        {
          line: 10,
          container: "ig",
          fixed: gadget(
            [
              "        capabilities:",
              "          add:",
              ...GADGET_CAPABILITIES.map((c) => `            - ${c}`),
              "        appArmorProfile:",
              "          type: Unconfined",
              "",
            ].join("\n"),
          ),
        },
      ],
    },
    {
      name: "an eBPF agent whose pod already chooses an AppArmor profile gets its capabilities only",
      code: gadget(
        "        privileged: true\n",
        "container.apparmor.security.beta.kubernetes.io/ig: unconfined",
      ),
      errors: [
        {
          line: 12,
          container: "ig",
          fixed: gadget(
            [
              "        capabilities:",
              "          add:",
              ...GADGET_CAPABILITIES.map((c) => `            - ${c}`),
              "",
            ].join("\n"),
            "container.apparmor.security.beta.kubernetes.io/ig: unconfined",
          ),
        },
      ],
    },
    {
      name: "tcpdump gets NET_RAW and NET_ADMIN only",
      code: pod("        privileged: true\n", '\n      command: ["tcpdump", "-i", "any"]'),
      errors: [
        {
          line: 11,
          container: "app",
          fixed: pod(
            "        capabilities:\n          add:\n            - NET_RAW\n            - NET_ADMIN\n",
            '\n      command: ["tcpdump", "-i", "any"]',
          ),
        },
      ],
    },
    {
      name: "a MetalLB speaker needs the host network, not privileged mode: it gets NET_RAW",
      code: speaker("          privileged: true\n"),
      errors: [
        {
          line: 19,
          container: "speaker",
          fixed: speaker("          capabilities:\n            add:\n            - NET_RAW\n"),
        },
      ],
    },
    {
      name: "YAML 1.1 yes, merged into an existing capabilities block",
      code: pod("        privileged: yes\n        capabilities:\n          drop: [ALL]\n"),
      errors: [{ line: 10, fixed: pod("        capabilities:\n          drop: [ALL]\n") }],
    },
    {
      name: "restricted adds allowPrivilegeEscalation and drop ALL",
      level: "restricted",
      code: pod("        privileged: true\n        runAsNonRoot: true\n"),
      errors: [
        {
          line: 10,
          fixed: pod(
            "        runAsNonRoot: true\n        allowPrivilegeEscalation: false\n        capabilities:\n          drop:\n            - ALL\n",
          ),
        },
      ],
    },
    {
      name: "restricted: FRR gets its capabilities and keeps the runtime's defaults it switches users with",
      level: "restricted",
      code: "apiVersion: v1\nkind: Pod\nmetadata: {name: bgp}\nspec:\n  containers:\n    - name: frr\n      image: quay.io/frrouting/frr:10.5.3\n      securityContext:\n        privileged: true\n",
      errors: [
        {
          line: 9,
          fixed:
            "apiVersion: v1\nkind: Pod\nmetadata: {name: bgp}\nspec:\n  containers:\n    - name: frr\n      image: quay.io/frrouting/frr:10.5.3\n      securityContext:\n        capabilities:\n          add:\n            - NET_ADMIN\n            - NET_RAW\n            - SYS_ADMIN\n            - NET_BIND_SERVICE\n        allowPrivilegeEscalation: false\n",
        },
      ],
    },
    {
      name: "flow style security context stays flow",
      code: "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - {name: a, image: x, securityContext: {privileged: true, runAsUser: 1000}}\n",
      errors: [
        {
          line: 6,
          fixed:
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - {name: a, image: x, securityContext: {runAsUser: 1000}}\n",
        },
      ],
    },
    {
      name: "init container in a Deployment",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
      - name: setup
        image: busybox
        securityContext:
          privileged: true
          runAsUser: 0
      containers:
      - name: app
        image: nginx
`,
      errors: [
        {
          line: 11,
          container: "setup",
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: d}
spec:
  template:
    spec:
      initContainers:
      - name: setup
        image: busybox
        securityContext:
          runAsUser: 0
      containers:
      - name: app
        image: nginx
`,
        },
      ],
    },
    {
      name: "reached through aliases and a merge key: reported where each takes effect",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers:
        - name: a
          image: x
          securityContext: &priv
            privileged: true
        - name: b
          image: y
          securityContext: *priv
        - name: c
          image: z
          securityContext:
            <<: *priv
            runAsUser: 1000
`,
      errors: [
        { line: 12, container: "a", fixed: null },
        { line: 15, container: "b", fixed: null },
        { line: 19, container: "c", fixed: null },
      ],
    },
    {
      name: "Helm values: a chart's containerSecurityContext",
      path: "charts/agent/values.yaml",
      code: "image:\n  repository: agent\ncontainerSecurityContext:\n  privileged: true\n  readOnlyRootFilesystem: true\n",
      errors: [
        {
          line: 4,
          container: "containerSecurityContext",
          fixed:
            "image:\n  repository: agent\ncontainerSecurityContext:\n  readOnlyRootFilesystem: true\n",
        },
      ],
    },
  ],
});
