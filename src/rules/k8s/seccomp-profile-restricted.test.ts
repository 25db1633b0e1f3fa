import { runRuleTests } from "../../../test/support/rule-tester.js";
import { seccompProfileRestricted } from "./seccomp-profile-restricted.js";

/** A pod with pod-level lines `podSc` (line 6 on), then container `app` with lines `sc`. */
const pod = (podSc: string, sc = "", more = "") => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${podSc}  containers:
    - name: app
      image: nginx:1.27
${sc}${more}`;

const POD_DEFAULT = "  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n";

runRuleTests(seccompProfileRestricted, {
  valid: [
    { name: "RuntimeDefault at pod level", level: "restricted", code: pod(POD_DEFAULT) },
    {
      name: "Localhost at pod level",
      level: "restricted",
      code: pod(
        "  securityContext:\n    seccompProfile: {type: Localhost, localhostProfile: profiles/web.json}\n",
      ),
    },
    {
      name: "set on every container instead, init and ephemeral ones included (flow style)",
      level: "restricted",
      code: pod(
        "",
        "      securityContext: {seccompProfile: {type: RuntimeDefault}}\n",
        "  initContainers:\n    - {name: init, image: busybox, securityContext: {seccompProfile: {type: RuntimeDefault}}}\n" +
          "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {seccompProfile: {type: Localhost, localhostProfile: p.json}}}\n",
      ),
    },
    {
      name: "Windows pods are exempt, Unconfined included",
      level: "restricted",
      code: pod("  os: {name: windows}\n  securityContext: {seccompProfile: {type: Unconfined}}\n"),
    },
    { name: "baseline level does not run the rule", code: pod("") },
    {
      name: "Helm values that merely leave it out are a fragment: no finding",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "podSecurityContext:\n  fsGroup: 2000\nsecurityContext:\n  runAsNonRoot: true\n",
    },
  ],
  invalid: [
    {
      name: "nothing sets it: one pod-level finding, fixed by a new pod security context",
      level: "restricted",
      code: pod(""),
      errors: [
        {
          line: 6,
          container: null,
          fixed: pod(
            "",
            "",
            "  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n",
          ),
        },
      ],
    },
    {
      name: "nothing sets it: added to an existing pod security context",
      level: "restricted",
      code: pod("  securityContext:\n    runAsNonRoot: true\n"),
      errors: [
        {
          line: 6,
          fixed: pod(
            "  securityContext:\n    runAsNonRoot: true\n    seccompProfile:\n      type: RuntimeDefault\n",
          ),
        },
      ],
    },
    {
      name: "pod level Unconfined",
      level: "restricted",
      code: pod("  securityContext:\n    seccompProfile:\n      type: Unconfined\n"),
      errors: [{ line: 8, container: null, fixed: pod(POD_DEFAULT) }],
    },
    {
      name: "init container Unconfined overrides the pod's RuntimeDefault",
      level: "restricted",
      code: pod(
        POD_DEFAULT,
        "",
        "  initContainers:\n    - name: init\n      image: busybox\n      securityContext:\n        seccompProfile:\n          type: Unconfined\n",
      ),
      errors: [
        {
          line: 17,
          container: "init",
          fixed: pod(
            POD_DEFAULT,
            "",
            "  initContainers:\n    - name: init\n      image: busybox\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n",
          ),
        },
      ],
    },
    {
      name: "set on one container only: the other one is reported and fixed on its own",
      level: "restricted",
      code: pod(
        "",
        "      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n",
        "  initContainers:\n    - name: init\n      image: busybox\n      securityContext:\n        runAsNonRoot: true\n",
      ),
      errors: [
        {
          line: 15,
          container: "init",
          fixed: pod(
            "",
            "      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n",
            "  initContainers:\n    - name: init\n      image: busybox\n      securityContext:\n        runAsNonRoot: true\n        seccompProfile:\n          type: RuntimeDefault\n",
          ),
        },
      ],
    },
    {
      name: "flow style ephemeral container Unconfined with a stray localhostProfile",
      level: "restricted",
      code: pod(
        POD_DEFAULT,
        "",
        "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {seccompProfile: {type: Unconfined, localhostProfile: x.json}}}\n",
      ),
      errors: [
        {
          line: 13,
          container: "debug",
          fixed: pod(
            POD_DEFAULT,
            "",
            "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {seccompProfile: {type: RuntimeDefault}}}\n",
          ),
        },
      ],
    },
    {
      name: "a profile without a type is not a profile",
      level: "restricted",
      code: pod("  securityContext:\n    seccompProfile: {}\n"),
      errors: [
        {
          line: 7,
          container: null,
          fixed: pod("  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n"),
        },
      ],
    },
    {
      name: "Deployment without any profile",
      level: "restricted",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
      containers:
      - name: app
        image: web
`,
      errors: [
        {
          line: 7,
          container: null,
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: app
        image: web
`,
        },
      ],
    },
    {
      name: "one container Unconfined, another without a profile: each reported on its own container",
      level: "restricted",
      code: pod(
        "",
        "      securityContext:\n        seccompProfile:\n          type: Unconfined\n",
        "    - name: side\n      image: busybox\n",
      ),
      errors: [
        {
          line: 11,
          container: "app",
          fixed: pod(
            "",
            "      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n",
            "    - name: side\n      image: busybox\n",
          ),
        },
        {
          line: 12,
          container: "side",
          messageId: "containerMissing",
          fixed: pod(
            "",
            "      securityContext:\n        seccompProfile:\n          type: Unconfined\n",
            "    - name: side\n      image: busybox\n      securityContext:\n        seccompProfile:\n          type: RuntimeDefault\n",
          ),
        },
      ],
    },
    {
      name: "CronJob container Unconfined",
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
          containers:
          - name: job
            image: busybox
            securityContext:
              seccompProfile: {type: Unconfined}
`,
      errors: [
        {
          line: 14,
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
          containers:
          - name: job
            image: busybox
            securityContext:
              seccompProfile: {type: RuntimeDefault}
`,
        },
      ],
    },
    {
      name: "Helm values: Unconfined is a finding even in a fragment",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "podSecurityContext:\n  seccompProfile:\n    type: Unconfined\n",
      errors: [
        {
          line: 3,
          container: null,
          fixed: "podSecurityContext:\n  seccompProfile:\n    type: RuntimeDefault\n",
        },
      ],
    },
    {
      name: "rootless BuildKit: no fix confines it, whether its type is Unconfined or left out",
      level: "restricted",
      code: `apiVersion: v1
kind: Pod
metadata: {name: buildkitd}
spec:
  containers:
    - name: buildkitd
      image: moby/buildkit:v0.16.0-rootless
      securityContext:
        seccompProfile: {type: Unconfined}
  initContainers:
    - name: prepare
      image: moby/buildkit:v0.16.0-rootless
`,
      errors: [
        { line: 9, container: "buildkitd", fixed: null },
        { line: 11, container: "prepare", fixed: null },
      ],
    },
    {
      name: "rootless BuildKit setting nothing: the pod-level fix would confine it",
      level: "restricted",
      code: `apiVersion: v1
kind: Pod
metadata: {name: buildkitd}
spec:
  containers:
    - name: buildkitd
      image: moby/buildkit:v0.16.0-rootless
`,
      errors: [{ line: 5, container: null, fixed: null }],
    },
  ],
});
