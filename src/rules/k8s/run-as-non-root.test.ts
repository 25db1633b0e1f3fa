import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { runAsNonRoot } from "./run-as-non-root.js";

/** A pod with pod-level security context lines `podSc` (line 6 on) and containers after. */
const pod = (podSc: string, containers: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${podSc}  containers:
${containers}`;

const APP = "    - name: app\n      image: nginx:1.27\n";
const POD_TRUE = "  securityContext:\n    runAsNonRoot: true\n";
/** flannel's agent as its manifest writes it: its image has no other user than root. */
const FLANNEL =
  "    - name: kube-flannel\n      image: ghcr.io/flannel-io/flannel:v0.26.7\n      command: [/opt/bin/flanneld]\n      securityContext: {capabilities: {add: [NET_ADMIN, NET_RAW]}}\n";
/** A packet capture sidecar: tcpdump needs NET_RAW, which Kubernetes gives only to root. */
const TCPDUMP =
  "    - name: capture\n      image: example/tools:1\n      command: [tcpdump, -i, any]\n";

runRuleTests(runAsNonRoot, {
  valid: [
    {
      name: "pod level true covers every container",
      level: "restricted",
      code: pod(POD_TRUE, APP),
    },
    {
      name: "true on every container, init and ephemeral ones included",
      level: "restricted",
      code: pod(
        "",
        "    - {name: app, image: nginx, securityContext: {runAsNonRoot: true}}\n" +
          "  initContainers:\n    - {name: init, image: busybox, securityContext: {runAsNonRoot: true}}\n" +
          "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {runAsNonRoot: true}}\n",
      ),
    },
    {
      name: "user namespace (hostUsers: false) relaxes it, false included",
      level: "restricted",
      code: pod(
        "  hostUsers: false\n  securityContext: {runAsNonRoot: false}\n",
        `${APP}      securityContext: {runAsNonRoot: false}\n`,
      ),
    },
    { name: "baseline level does not run the rule", code: pod("", APP) },
    {
      name: "Helm values that merely lack runAsNonRoot are a fragment: no finding",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "image:\n  repository: web\npodSecurityContext:\n  fsGroup: 2000\nsecurityContext:\n  readOnlyRootFilesystem: true\n",
    },
    {
      name: "Windows pods are not exempt, and pass with pod level true",
      level: "restricted",
      code: pod(`  os: {name: windows}\n${POD_TRUE}`, APP),
    },
  ],
  invalid: [
    {
      name: "nothing sets it: one pod-level finding, fixed by a new pod security context",
      level: "restricted",
      code: pod("", APP),
      errors: [
        {
          line: 6,
          container: null,
          fixed: pod("", `${APP}  securityContext:\n    runAsNonRoot: true\n`),
        },
      ],
    },
    {
      name: "nothing sets it: added to an existing pod security context",
      level: "restricted",
      code: pod("  securityContext:\n    fsGroup: 2000\n", APP),
      errors: [
        {
          line: 6,
          container: null,
          fixed: pod("  securityContext:\n    fsGroup: 2000\n    runAsNonRoot: true\n", APP),
        },
      ],
    },
    {
      name: "next to the pod's runAsUser: 0, the fix removes it as well (the kubelet would refuse both)",
      level: "restricted",
      code: pod("  securityContext:\n    runAsUser: 0\n    fsGroup: 2000\n", APP),
      errors: [
        {
          line: 6,
          container: null,
          fixed: pod("  securityContext:\n    fsGroup: 2000\n    runAsNonRoot: true\n", APP),
        },
      ],
    },
    {
      name: "a container's own runAsUser: 0 goes with the pod-level fix",
      level: "restricted",
      code: pod(
        "",
        `${APP}      securityContext:\n        runAsUser: 0\n        readOnlyRootFilesystem: true\n`,
      ),
      errors: [
        {
          line: 6,
          container: null,
          fixed: pod(
            "",
            `${APP}      securityContext:\n        readOnlyRootFilesystem: true\n  securityContext:\n    runAsNonRoot: true\n`,
          ),
        },
      ],
    },
    {
      name: "a container that inherits the pod's runAsUser: 0 is not offered a fix the kubelet would refuse",
      level: "restricted",
      code: pod(
        "  securityContext: {runAsUser: 0}\n",
        "    - {name: app, image: nginx, securityContext: {runAsNonRoot: true, runAsUser: 1000}}\n    - {name: side, image: busybox}\n",
      ),
      errors: [{ line: 9, container: "side", fixed: null }],
    },
    {
      name: "pod level false (flow style) is flipped even when containers say true",
      level: "restricted",
      code: pod(
        "  securityContext: {runAsNonRoot: false, fsGroup: 2000}\n",
        `${APP}      securityContext: {runAsNonRoot: true}\n`,
      ),
      errors: [
        {
          line: 6,
          container: null,
          fixed: pod(
            "  securityContext: {runAsNonRoot: true, fsGroup: 2000}\n",
            `${APP}      securityContext: {runAsNonRoot: true}\n`,
          ),
        },
      ],
    },
    {
      name: "container false overrides pod true: the override is removed",
      level: "restricted",
      code: pod(
        POD_TRUE,
        `${APP}      securityContext:\n        runAsNonRoot: false\n        readOnlyRootFilesystem: true\n`,
      ),
      errors: [
        {
          line: 12,
          container: "app",
          fixed: pod(
            POD_TRUE,
            `${APP}      securityContext:\n        readOnlyRootFilesystem: true\n`,
          ),
        },
      ],
    },
    {
      name: "init container false without a pod level: flipped to true",
      level: "restricted",
      code: pod(
        "",
        `    - {name: app, image: nginx, securityContext: {runAsNonRoot: true}}
  initContainers:
    - name: init
      image: busybox
      securityContext:
        runAsNonRoot: false
`,
      ),
      errors: [
        {
          line: 12,
          container: "init",
          fixed: pod(
            "",
            `    - {name: app, image: nginx, securityContext: {runAsNonRoot: true}}
  initContainers:
    - name: init
      image: busybox
      securityContext:
        runAsNonRoot: true
`,
          ),
        },
      ],
    },
    {
      name: "one container opts in, the ephemeral one does not: reported on that container",
      level: "restricted",
      code: pod(
        "",
        "    - {name: app, image: nginx, securityContext: {runAsNonRoot: true}}\n" +
          "  ephemeralContainers:\n    - {name: debug, image: busybox}\n",
      ),
      errors: [
        {
          line: 9,
          container: "debug",
          fixed: pod(
            "",
            "    - {name: app, image: nginx, securityContext: {runAsNonRoot: true}}\n" +
              "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {runAsNonRoot: true}}\n",
          ),
        },
      ],
    },
    {
      name: "Deployment without any runAsNonRoot",
      level: "restricted",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
      containers:
      - name: app
        image: nginx
`,
      errors: [
        {
          line: 9,
          container: null,
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    metadata:
      labels: {app: web}
    spec:
      serviceAccountName: web
      containers:
      - name: app
        image: nginx
      securityContext:
        runAsNonRoot: true
`,
        },
      ],
    },
    {
      name: "CronJob whose container sets false while the pod says true",
      level: "restricted",
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {runAsNonRoot: true}
          restartPolicy: Never
          containers:
            - name: job
              image: busybox
              securityContext: {runAsNonRoot: false}
`,
      errors: [
        {
          line: 15,
          container: "job",
          fixed: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext: {runAsNonRoot: true}
          restartPolicy: Never
          containers:
            - name: job
              image: busybox
`,
        },
      ],
    },
    {
      name: "a recognised root node agent (flannel): no fix sets runAsNonRoot over its root image",
      level: "restricted",
      code: pod("  hostNetwork: true\n", FLANNEL),
      errors: [{ line: 6, container: null, fixed: null }],
    },
    {
      name: "a tool that needs capabilities only root holds (tcpdump): no pod-level fix",
      level: "restricted",
      code: pod("", APP + TCPDUMP),
      errors: [{ line: 6, container: null, fixed: null }],
    },
    {
      name: "siblings set it: the root tool gets no container fix",
      level: "restricted",
      code: pod("", `${APP}      securityContext: {runAsNonRoot: true}\n${TCPDUMP}`),
      errors: [{ line: 10, container: "capture", fixed: null }],
    },
    {
      name: "a root agent that opts out itself keeps its false; the pod's true covers the others",
      level: "restricted",
      code: pod("", `${APP}${TCPDUMP}      securityContext: {runAsNonRoot: false}\n`),
      errors: [
        { line: 12, container: "capture", fixed: null },
        {
          line: 6,
          container: null,
          fixed: pod(
            "",
            `${APP}${TCPDUMP}      securityContext: {runAsNonRoot: false}\n  securityContext:\n    runAsNonRoot: true\n`,
          ),
        },
      ],
    },
    {
      name: "Helm values: an explicit false is a finding even in a fragment",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "podSecurityContext:\n  runAsNonRoot: false\nsecurityContext:\n  runAsNonRoot: false\n",
      errors: [
        {
          line: 2,
          container: null,
          fixed:
            "podSecurityContext:\n  runAsNonRoot: true\nsecurityContext:\n  runAsNonRoot: false\n",
        },
        {
          line: 4,
          container: "securityContext",
          fixed:
            "podSecurityContext:\n  runAsNonRoot: false\nsecurityContext:\n  runAsNonRoot: true\n",
        },
      ],
    },
  ],
});

describe("run-as-non-root advice for a container that runs as root", () => {
  const advice = (text: string) =>
    scan([{ path: "pod.yaml", text }], { level: "restricted" })[0]?.findings.find(
      (f) => f.ruleId === "run-as-non-root",
    )?.remediation;

  it("names the recognised workload and why it runs as root", () => {
    expect(advice(pod("  hostNetwork: true\n", FLANNEL))).toMatch(
      /^Container `kube-flannel` looks like a CNI agent \(program `flanneld`\), which runs as root \(UID 0\): its images name no other user.*the kubelet would refuse to start it.*`privilege-guard.io\/allow-run-as-non-root`/,
    );
  });

  it("names the capabilities only root holds, and the tool that needs them", () => {
    expect(advice(pod("", APP + TCPDUMP))).toMatch(
      /^Container `capture` needs NET_RAW and NET_ADMIN \(tcpdump, by the capability catalogue\), and Kubernetes gives added capabilities only to a process running as root/,
    );
  });
});
