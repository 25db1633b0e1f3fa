import { runRuleTests } from "../../../test/support/rule-tester.js";
import { procMount } from "./proc-mount.js";

/** A Pod whose container `app` has the given security context lines (8 spaces deep). */
const pod = (securityContext: string, spec = "") => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:${spec}
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
${securityContext}`;

const unmasked = "        procMount: Unmasked\n";

runRuleTests(procMount, {
  valid: [
    {
      name: "Default, outside a user namespace",
      code: pod("        procMount: Default\n        runAsUser: 1000\n", "\n  hostUsers: true"),
    },
    { name: "null leaves it unset", code: pod("        procMount:\n        runAsUser: 1000\n") },
    { name: "Unmasked in a user namespace", code: pod(unmasked, "\n  hostUsers: false") },
    {
      name: "user namespace relaxes init and ephemeral containers too",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  hostUsers: false
  containers:
    - {name: app, image: nginx}
  initContainers:
    - {name: setup, image: busybox, securityContext: {procMount: Unmasked}}
  ephemeralContainers:
    - {name: debug, image: busybox, securityContext: {procMount: Unmasked}}
`,
    },
    {
      name: "Helm values in a user namespace",
      path: "charts/builder/values.yaml",
      code: "hostUsers: false\nsecurityContext:\n  procMount: Unmasked\n",
    },
    {
      name: "at restricted, procMount_restricted replaces this check",
      level: "restricted",
      code: pod(unmasked),
    },
    {
      name: "a pod-level procMount is no field of the pod security context",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    procMount: Unmasked
  containers:
    - {name: app, image: nginx}
`,
    },
  ],
  invalid: [
    {
      name: "Unmasked: the emptied security context goes",
      code: pod(unmasked),
      errors: [
        {
          line: 10,
          container: "app",
          fixed:
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        },
      ],
    },
    {
      name: "hostUsers: true is no user namespace; other settings stay",
      code: pod(`${unmasked}        runAsUser: 1000\n`, "\n  hostUsers: true"),
      errors: [
        {
          line: 11,
          fixed: pod("        runAsUser: 1000\n", "\n  hostUsers: true"),
        },
      ],
    },
    {
      name: "any value but Default, compared exactly",
      code: pod("        procMount: default\n        runAsUser: 1000\n"),
      errors: [{ line: 10, fixed: pod("        runAsUser: 1000\n") }],
    },
    {
      name: "flow style; init and ephemeral containers",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: app, image: nginx}
  initContainers:
    - {name: setup, image: busybox, securityContext: {procMount: Unmasked, runAsUser: 1000}}
  ephemeralContainers:
    - name: debug
      image: busybox
      securityContext: {procMount: Unmasked}
`,
      errors: [
        {
          line: 8,
          container: "setup",
          fixed: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: app, image: nginx}
  initContainers:
    - {name: setup, image: busybox, securityContext: {runAsUser: 1000}}
  ephemeralContainers:
    - name: debug
      image: busybox
      securityContext: {procMount: Unmasked}
`,
        },
        {
          line: 12,
          container: "debug",
          fixed: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: app, image: nginx}
  initContainers:
    - {name: setup, image: busybox, securityContext: {procMount: Unmasked, runAsUser: 1000}}
  ephemeralContainers:
    - name: debug
      image: busybox
`,
        },
      ],
    },
    {
      name: "Deployment",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: builder}
spec:
  template:
    spec:
      containers:
      - name: buildkit
        image: moby/buildkit
        securityContext:
          procMount: Unmasked
          seccompProfile: {type: Unconfined}
`,
      errors: [
        {
          line: 11,
          container: "buildkit",
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: builder}
spec:
  template:
    spec:
      containers:
      - name: buildkit
        image: moby/buildkit
        securityContext:
          seccompProfile: {type: Unconfined}
`,
        },
      ],
    },
    {
      name: "Job: init container",
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: build}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: prepare
        image: busybox
        securityContext:
          procMount: Unmasked
      containers:
      - name: build
        image: builder
`,
      errors: [
        {
          line: 12,
          container: "prepare",
          fixed: `apiVersion: batch/v1
kind: Job
metadata: {name: build}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: prepare
        image: busybox
      containers:
      - name: build
        image: builder
`,
        },
      ],
    },
    {
      name: "anchor and merge key: reported where each takes effect, no fix",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: a
      image: x
      securityContext: &ctx
        procMount: Unmasked
        runAsUser: 1000
    - name: b
      image: x
      securityContext:
        <<: *ctx
        runAsGroup: 1000
`,
      errors: [
        { line: 9, container: "a", fixed: null },
        { line: 14, container: "b", fixed: null },
      ],
    },
    {
      name: "Helm values: a chart's securityContext is kept as {}",
      path: "charts/builder/values.yaml",
      code: "image:\n  repository: buildkit\nsecurityContext:\n  procMount: Unmasked\n",
      errors: [
        {
          line: 4,
          container: "securityContext",
          fixed: "image:\n  repository: buildkit\nsecurityContext: {}\n",
        },
      ],
    },
  ],
});
