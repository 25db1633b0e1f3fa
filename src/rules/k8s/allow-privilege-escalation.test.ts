import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { allowPrivilegeEscalation } from "./allow-privilege-escalation.js";

/** A restricted pod whose container `app` has `securityContext` lines `sc` (line 11 on). */
const pod = (sc: string, extra = "") => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  securityContext: {runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
${sc}${extra}`;

const DROP_ALL = "        capabilities:\n          drop: [ALL]\n";

runRuleTests(allowPrivilegeEscalation, {
  valid: [
    {
      name: "set to false",
      level: "restricted",
      code: pod(`        allowPrivilegeEscalation: false\n${DROP_ALL}`),
    },
    {
      name: "baseline level does not run the rule",
      code: pod("        allowPrivilegeEscalation: true\n"),
    },
    {
      name: "flow style false in init and ephemeral containers too",
      level: "restricted",
      code: pod(
        "        allowPrivilegeEscalation: false\n",
        "  initContainers:\n    - {name: init, image: busybox, securityContext: {allowPrivilegeEscalation: false}}\n" +
          "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {allowPrivilegeEscalation: false}}\n",
      ),
    },
    {
      name: "Windows pods are exempt, even when it is left out",
      level: "restricted",
      code: "apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  os: {name: windows}\n  containers:\n    - name: app\n      image: mcr.microsoft.com/windows/nanoserver\n",
    },
    {
      name: "Helm values that merely leave it out are a fragment: no finding",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "image:\n  repository: web\nsecurityContext:\n  runAsNonRoot: true\n",
    },
    {
      name: "a container without an image is not a complete pod",
      level: "restricted",
      code: "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: app\n",
    },
  ],
  invalid: [
    {
      name: "left out of an existing security context",
      level: "restricted",
      code: pod(DROP_ALL),
      errors: [
        {
          line: 10,
          container: "app",
          fixed: pod(`${DROP_ALL}        allowPrivilegeEscalation: false\n`),
        },
      ],
    },
    {
      name: "true is flipped to false in place",
      level: "restricted",
      code: pod(`        allowPrivilegeEscalation: true\n${DROP_ALL}`),
      errors: [
        {
          line: 11,
          fixed: pod(`        allowPrivilegeEscalation: false\n${DROP_ALL}`),
        },
      ],
    },
    {
      name: "YAML 1.1 `yes` is true",
      level: "restricted",
      code: pod(`        allowPrivilegeEscalation: yes\n${DROP_ALL}`),
      errors: [{ line: 11, fixed: pod(`        allowPrivilegeEscalation: false\n${DROP_ALL}`) }],
    },
    {
      name: "null counts as left out",
      level: "restricted",
      code: pod(`        allowPrivilegeEscalation: null\n${DROP_ALL}`),
      errors: [{ line: 11, fixed: pod(`        allowPrivilegeEscalation: false\n${DROP_ALL}`) }],
    },
    {
      name: "no security context at all: reported at the name, one is created",
      level: "restricted",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - containerPort: 8080
`,
      errors: [
        {
          line: 7,
          container: "app",
          fixed: `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      ports:
        - containerPort: 8080
      securityContext:
        allowPrivilegeEscalation: false
`,
        },
      ],
    },
    {
      name: "flow style init container and ephemeral container stay flow",
      level: "restricted",
      code: pod(
        "        allowPrivilegeEscalation: false\n",
        "  initContainers:\n    - {name: init, image: busybox, securityContext: {allowPrivilegeEscalation: true}}\n" +
          "  ephemeralContainers:\n    - {name: debug, image: busybox}\n",
      ),
      errors: [
        {
          line: 13,
          container: "init",
          fixed: pod(
            "        allowPrivilegeEscalation: false\n",
            "  initContainers:\n    - {name: init, image: busybox, securityContext: {allowPrivilegeEscalation: false}}\n" +
              "  ephemeralContainers:\n    - {name: debug, image: busybox}\n",
          ),
        },
        {
          line: 15,
          container: "debug",
          fixed: pod(
            "        allowPrivilegeEscalation: false\n",
            "  initContainers:\n    - {name: init, image: busybox, securityContext: {allowPrivilegeEscalation: true}}\n" +
              "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {allowPrivilegeEscalation: false}}\n",
          ),
        },
      ],
    },
    {
      name: "Deployment: only the container that leaves it out",
      level: "restricted",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
        securityContext:
          allowPrivilegeEscalation: false
      - name: proxy
        image: envoy
        securityContext:
          readOnlyRootFilesystem: true
`,
      errors: [
        {
          line: 14,
          container: "proxy",
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
        securityContext:
          allowPrivilegeEscalation: false
      - name: proxy
        image: envoy
        securityContext:
          readOnlyRootFilesystem: true
          allowPrivilegeEscalation: false
`,
        },
      ],
    },
    {
      name: "CronJob",
      level: "restricted",
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: busybox
              securityContext:
                allowPrivilegeEscalation: true
`,
      errors: [
        {
          line: 15,
          container: "job",
          fixed: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 3 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: busybox
              securityContext:
                allowPrivilegeEscalation: false
`,
        },
      ],
    },
    {
      name: "Helm values: true is a finding even in a fragment",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "image:\n  repository: web\ncontainerSecurityContext:\n  allowPrivilegeEscalation: true\n",
      errors: [
        {
          line: 4,
          container: "containerSecurityContext",
          fixed:
            "image:\n  repository: web\ncontainerSecurityContext:\n  allowPrivilegeEscalation: false\n",
        },
      ],
    },
    {
      name: "beside privileged: true the API refuses false, so no fix (the privileged fix sets it)",
      level: "restricted",
      code: pod(`        privileged: true\n${DROP_ALL}`),
      errors: [{ line: 10, fixed: null }],
    },
    {
      name: "beside an added CAP_SYS_ADMIN the API refuses false, so no fix",
      level: "restricted",
      code: pod("        capabilities:\n          add: [CAP_SYS_ADMIN]\n          drop: [ALL]\n"),
      errors: [{ line: 10, fixed: null }],
    },
    {
      name: "through an alias: reported where it is used, no fix",
      level: "restricted",
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
          securityContext: &loose
            allowPrivilegeEscalation: true
        - name: b
          image: y
          securityContext: *loose
`,
      errors: [
        { line: 12, container: "a", fixed: null },
        { line: 15, container: "b", fixed: null },
      ],
    },
  ],
});

describe("allow-privilege-escalation findings", () => {
  it("are high when set to true, medium when left out, and name container and field", () => {
    const text = pod(
      "        allowPrivilegeEscalation: true\n",
      "  initContainers:\n    - {name: init, image: busybox}\n",
    );
    const [result] = scan([{ path: "pod.yaml", text }], { level: "restricted" });
    const found = (result?.findings ?? []).filter((f) => f.ruleId === "allow-privilege-escalation");
    expect(found.map((f) => [f.container, f.severity, f.field, f.message])).toEqual([
      [
        "app",
        "high",
        "spec.containers[app].securityContext.allowPrivilegeEscalation",
        "Container `app` allows privilege escalation (`securityContext.allowPrivilegeEscalation: true`).",
      ],
      [
        "init",
        "medium",
        "spec.initContainers[init].securityContext.allowPrivilegeEscalation",
        "Container `init` does not set `securityContext.allowPrivilegeEscalation: false`, so setuid binaries can raise its privileges.",
      ],
    ]);
  });
});
