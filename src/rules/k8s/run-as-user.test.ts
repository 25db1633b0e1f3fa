import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { runAsUser } from "./run-as-user.js";

/** A pod with pod-level lines `podSc` (line 6 on), then container `app` with lines `sc`. */
const pod = (podSc: string, sc: string, more = "") => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${podSc}  containers:
    - name: app
      image: nginx:1.27
${sc}${more}`;

runRuleTests(runAsUser, {
  valid: [
    {
      name: "non-zero users at pod and container level",
      level: "restricted",
      code: pod(
        "  securityContext: {runAsUser: 1000}\n",
        "      securityContext:\n        runAsUser: 10001\n",
      ),
    },
    {
      name: "user namespace (hostUsers: false) relaxes it",
      level: "restricted",
      code: pod(
        "  hostUsers: false\n  securityContext: {runAsUser: 0}\n",
        "      securityContext: {runAsUser: 0}\n",
      ),
    },
    {
      name: "baseline level does not run the rule",
      code: pod("", "      securityContext: {runAsUser: 0}\n"),
    },
    {
      name: "null is unset",
      level: "restricted",
      code: pod("", "      securityContext: {runAsUser: null}\n"),
    },
    {
      name: "a runAsGroup of 0 is not a runAsUser",
      level: "restricted",
      code: pod("", "      securityContext: {runAsGroup: 0, runAsUser: 1000}\n"),
    },
    {
      name: "Helm values without runAsUser",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "securityContext:\n  readOnlyRootFilesystem: true\n",
    },
  ],
  invalid: [
    {
      name: "a packet capture container beside runAsNonRoot: true needs root for NET_RAW: advice, no removal",
      level: "restricted",
      code: pod(
        "",
        "      command: [tcpdump, -i, any]\n      securityContext:\n        runAsNonRoot: true\n        runAsUser: 0\n",
      ),
      errors: [{ line: 12, container: "app", fixed: null }],
    },
    {
      name: "the pod's UID 0 inherited by flannel's agent, beside runAsNonRoot: true: advice, no removal",
      level: "restricted",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: flannel
spec:
  hostNetwork: true
  securityContext: {runAsNonRoot: true, runAsUser: 0}
  containers:
    - name: kube-flannel
      image: ghcr.io/flannel-io/flannel:v0.26.7
      command: [/opt/bin/flanneld]
      securityContext: {capabilities: {add: [NET_ADMIN, NET_RAW]}}
`,
      errors: [{ line: 7, container: null, fixed: null }],
    },
    {
      name: "container root without runAsNonRoot: no fix keeps the behaviour",
      level: "restricted",
      code: pod("", "      securityContext:\n        runAsUser: 0\n"),
      errors: [{ line: 10, container: "app", fixed: null }],
    },
    {
      name: "container root beside its own runAsNonRoot: true (which cannot start): removed",
      level: "restricted",
      code: pod("", "      securityContext:\n        runAsNonRoot: true\n        runAsUser: 0\n"),
      errors: [
        {
          line: 11,
          container: "app",
          fixed: pod("", "      securityContext:\n        runAsNonRoot: true\n"),
        },
      ],
    },
    {
      name: "container root inheriting the pod's runAsNonRoot: true: removed",
      level: "restricted",
      code: pod(
        "  securityContext: {runAsNonRoot: true}\n",
        "      securityContext: {runAsUser: 0, readOnlyRootFilesystem: true}\n",
      ),
      errors: [
        {
          line: 10,
          fixed: pod(
            "  securityContext: {runAsNonRoot: true}\n",
            "      securityContext: {readOnlyRootFilesystem: true}\n",
          ),
        },
      ],
    },
    {
      name: "container overrides the pod's runAsNonRoot with false: it runs as root, no fix",
      level: "restricted",
      code: pod(
        "  securityContext: {runAsNonRoot: true}\n",
        "      securityContext: {runAsUser: 0, runAsNonRoot: false}\n",
      ),
      errors: [{ line: 10, fixed: null }],
    },
    {
      name: "pod root with pod runAsNonRoot: true: removed from the pod",
      level: "restricted",
      code: pod("  securityContext:\n    runAsNonRoot: true\n    runAsUser: 0\n", ""),
      errors: [
        {
          line: 8,
          container: null,
          fixed: pod("  securityContext:\n    runAsNonRoot: true\n", ""),
        },
      ],
    },
    {
      name: "pod root that every container overrides: removed from the pod",
      level: "restricted",
      code: pod(
        "  securityContext:\n    runAsUser: 0\n",
        "      securityContext: {runAsUser: 1000}\n",
      ),
      errors: [
        {
          line: 7,
          container: null,
          fixed: pod("", "      securityContext: {runAsUser: 1000}\n"),
        },
      ],
    },
    {
      name: "pod root inherited by an init container that opts out of runAsNonRoot: no fix",
      level: "restricted",
      code: pod(
        "  securityContext:\n    runAsNonRoot: true\n    runAsUser: 0\n",
        "",
        "  initContainers:\n    - {name: init, image: busybox, securityContext: {runAsNonRoot: false}}\n",
      ),
      errors: [{ line: 8, container: null, fixed: null }],
    },
    {
      name: "pod and container level both report, flow style",
      level: "restricted",
      code: pod(
        "  securityContext: {runAsUser: 0}\n",
        "",
        "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {runAsUser: 0}}\n",
      ),
      errors: [
        { line: 6, container: null, fixed: null },
        { line: 11, container: "debug", fixed: null },
      ],
    },
    {
      name: "Deployment init container",
      level: "restricted",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: true}
      initContainers:
      - name: migrate
        image: flyway
        securityContext:
          runAsUser: 0
      containers:
      - name: app
        image: web
`,
      errors: [
        {
          line: 12,
          container: "migrate",
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      securityContext: {runAsNonRoot: true}
      initContainers:
      - name: migrate
        image: flyway
      containers:
      - name: app
        image: web
`,
        },
      ],
    },
    {
      name: "CronJob",
      level: "restricted",
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: backup}
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          securityContext:
            runAsUser: 0
          containers:
          - name: backup
            image: restic
`,
      errors: [{ line: 11, container: null, fixed: null }],
    },
    {
      name: "Helm values with runAsUser: 0 is a finding even in a fragment",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "image:\n  repository: web\nsecurityContext:\n  runAsUser: 0\n",
      errors: [{ line: 4, container: "securityContext", fixed: null }],
    },
    {
      name: "Helm values with runAsUser: 0 beside runAsNonRoot: true: removed",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "securityContext:\n  runAsNonRoot: true\n  runAsUser: 0\n",
      errors: [
        {
          line: 3,
          container: "securityContext",
          fixed: "securityContext:\n  runAsNonRoot: true\n",
        },
      ],
    },
  ],
});

describe("run-as-user advice for a container that must run as root", () => {
  const remediation = (text: string) =>
    scan([{ path: "pod.yaml", text }], { level: "restricted" })[0]?.findings.find(
      (f) => f.ruleId === "run-as-user",
    )?.remediation;

  it("names the tool and the capabilities only root holds, instead of advising a non-root UID", () => {
    const text = pod(
      "",
      "      command: [tcpdump, -i, any]\n      securityContext: {runAsUser: 0}\n",
    );
    expect(remediation(text)).toMatch(
      /^Container `app` needs NET_RAW and NET_ADMIN \(tcpdump, by the capability catalogue\), and Kubernetes gives added capabilities only to a process running as root.*no fix makes it run as another user.*`privilege-guard.io\/allow-run-as-user`/,
    );
  });

  it("keeps the rule's advice for a container nothing says must run as root", () => {
    expect(remediation(pod("", "      securityContext: {runAsUser: 0}\n"))).toBe(
      runAsUser.remediation,
    );
  });
});
