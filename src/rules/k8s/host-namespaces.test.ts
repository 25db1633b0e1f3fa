import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { hostNamespaces } from "./host-namespaces.js";

/** A Pod whose spec starts with `spec` (lines 6 on), then one container. */
const pod = (spec: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${spec}  containers:
    - name: app
      image: nginx:1.27
`;

const deployment = (spec: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: agent
  namespace: ops
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
${spec}      containers:
      - name: agent
        image: agent:1
`;

const cronJob = (spec: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
${spec}          containers:
            - name: backup
              image: restic:0.17
`;

/** MetalLB's speaker as a chart template writes it: the image is a template action. */
const speaker = (hostNetwork: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: speaker
spec:
  selector:
    matchLabels: {component: speaker}
  template:
    metadata:
      labels: {component: speaker}
    spec:
${hostNetwork}      containers:
      - name: metallb-speaker
        image: "{{ .Values.image }}"
        env:
          - name: METALLB_NODE_NAME
            valueFrom:
              fieldRef: {fieldPath: spec.nodeName}
`;

/** Prometheus' node exporter as its chart renders it (host namespaces on lines 12 and 13). */
const NODE_EXPORTER = (image: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: node-exporter
spec:
  selector:
    matchLabels: {app: node-exporter}
  template:
    metadata:
      labels: {app: node-exporter}
    spec:
      hostNetwork: true
      hostPID: true
      containers:
      - name: node-exporter
        image: ${image}
        args: [--path.rootfs=/host/root]
`;

runRuleTests(hostNamespaces, {
  valid: [
    { name: "no host namespaces", code: pod("") },
    {
      name: "explicit false, YAML 1.1 spellings included",
      code: pod("  hostNetwork: false\n  hostPID: no\n  hostIPC: off\n"),
    },
    { name: "quoted 'true' is a string, not the boolean", code: pod('  hostNetwork: "true"\n') },
    { name: "commented out", code: pod("  # hostPID: true\n") },
    {
      name: "user namespace alone is no host namespace",
      code: pod("  hostUsers: false\n"),
    },
    {
      name: "manifest text in a ConfigMap",
      code: "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata:\n  pod.yaml: |\n    spec:\n      hostNetwork: true\n",
    },
    {
      name: "Helm values with host namespaces off",
      path: "charts/agent/values.yaml",
      code: "hostNetwork: false\nhostPID: false\nsecurityContext:\n  runAsNonRoot: true\n",
    },
  ],
  invalid: [
    {
      name: "the node exporter keeps the host network and PID namespaces it reports on",
      code: NODE_EXPORTER("quay.io/prometheus/node-exporter:v1.9.1"),
      errors: [
        { line: 12, container: null, fixed: null },
        { line: 13, container: null, fixed: null },
      ],
    },
    {
      name: "another exporter does not",
      code: NODE_EXPORTER("example/exporter:1"),
      errors: [
        {
          line: 12,
          container: null,
          fixed: NODE_EXPORTER("example/exporter:1").replace("      hostNetwork: true\n", ""),
        },
        {
          line: 13,
          container: null,
          fixed: NODE_EXPORTER("example/exporter:1").replace("      hostPID: true\n", ""),
        },
      ],
    },
    {
      name: "a MetalLB speaker keeps the host network it announces addresses from",
      path: "charts/metallb/templates/speaker.yaml",
      code: speaker("      hostNetwork: true\n"),
      errors: [{ line: 12, container: null, fixed: null }],
    },
    {
      name: "hostNetwork in a Pod",
      code: pod("  hostNetwork: true\n"),
      errors: [{ line: 6, container: null, fixed: pod("") }],
    },
    {
      name: "all three, one finding each, YAML 1.1 booleans",
      code: pod("  hostNetwork: yes\n  hostPID: on\n  hostIPC: True\n"),
      errors: [
        { line: 6, fixed: pod("  hostPID: on\n  hostIPC: True\n") },
        { line: 7, fixed: pod("  hostNetwork: yes\n  hostIPC: True\n") },
        { line: 8, fixed: pod("  hostNetwork: yes\n  hostPID: on\n") },
      ],
    },
    {
      name: "flow style pod spec stays flow",
      code: "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {hostPID: true, containers: [{name: a, image: x}]}\n",
      errors: [
        {
          line: 4,
          fixed:
            "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec: {containers: [{name: a, image: x}]}\n",
        },
      ],
    },
    {
      name: "a user namespace does not relax it",
      code: pod("  hostUsers: false\n  hostPID: true\n"),
      errors: [{ line: 7, fixed: pod("  hostUsers: false\n") }],
    },
    {
      name: "Deployment pod template",
      code: deployment("      hostNetwork: true\n      dnsPolicy: ClusterFirstWithHostNet\n"),
      errors: [{ line: 13, fixed: deployment("      dnsPolicy: ClusterFirstWithHostNet\n") }],
    },
    {
      name: "CronJob pod template",
      code: cronJob("          hostIPC: true\n"),
      errors: [{ line: 12, fixed: cronJob("") }],
    },
    {
      name: "Windows host-process pod: reported, but hostNetwork cannot go without hostProcess",
      code: pod(
        "  os: {name: windows}\n  hostNetwork: true\n  securityContext:\n    windowsOptions: {hostProcess: true, runAsUserName: 'NT AUTHORITY\\\\SYSTEM'}\n",
      ),
      errors: [{ line: 7, fixed: null }],
    },
    {
      name: "merged from an anchor: reported where the merge takes effect, no fix",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      <<: &host
        hostNetwork: true
      containers:
        - {name: a, image: x}
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      <<: *host
      containers:
        - {name: b, image: y}
`,
      errors: [
        { line: 8, fixed: null },
        { line: 16, fixed: null },
      ],
    },
    {
      name: "Helm values: hostNetwork beside the chart's securityContext",
      path: "charts/agent/values.yaml",
      code: "hostNetwork: true\nsecurityContext:\n  runAsNonRoot: true\n",
      errors: [
        {
          line: 1,
          container: null,
          fixed: "securityContext:\n  runAsNonRoot: true\n",
        },
      ],
    },
  ],
});

describe("host-namespaces findings", () => {
  const [result] = scan([
    { path: "pod.yaml", text: pod("  hostNetwork: true\n  hostPID: true\n  hostIPC: true\n") },
  ]);
  const found = (result?.findings ?? []).filter((f) => f.ruleId === "host-namespaces");

  it("rates hostPID critical and the others high", () => {
    expect(found.map((f) => [f.field, f.severity])).toEqual([
      ["spec.hostNetwork", "high"],
      ["spec.hostPID", "critical"],
      ["spec.hostIPC", "high"],
    ]);
  });

  it("names the field in the message and carries the PSA control", () => {
    expect(found.every((f) => f.pss === "hostNamespaces" && f.container === null)).toBe(true);
    expect(found[1]?.message).toContain("`hostPID: true`");
  });

  it("says why a load-balancer speaker keeps the host network, and how to isolate it", () => {
    const [speakerResult] = scan([
      { path: "speaker.yaml", text: speaker("      hostNetwork: true\n      hostPID: true\n") },
    ]);
    const [network, pid] = speakerResult?.findings ?? [];
    expect(network?.remediation).toContain("Load-balancer address announcer");
    expect(network?.remediation).toContain("environment variable `METALLB_NODE_NAME`");
    expect(network?.remediation).toContain("justified exception");
    // It needs the host network only: host PID is still removed.
    expect(pid?.field).toBe("spec.template.spec.hostPID");
    expect(pid?.fix).toBeDefined();
  });
});
