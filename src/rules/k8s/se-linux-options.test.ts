import { describe, expect, it } from "@jest/globals";
import { scan } from "../../catalogue/index.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { seLinuxOptions } from "./se-linux-options.js";

/** Cilium's agent as its chart renders it, without privileged mode (the type on line 11). */
const CILIUM = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: cilium}
spec:
  template:
    spec:
      containers:
        - name: cilium-agent
          image: quay.io/cilium/cilium:v1.18.0
          securityContext:
            seLinuxOptions: {level: s0, type: spc_t}
            capabilities: {add: [NET_ADMIN, SYS_ADMIN], drop: [ALL]}
`;

/** Datadog's agent pod on OpenShift: the whole label at pod level (lines 8 to 10). */
const DATADOG = (agentOptions = "") => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: datadog}
spec:
  template:
    spec:
      securityContext:
        seLinuxOptions:
          user: system_u
          role: system_r
          type: spc_t
          level: s0
      containers:
        - name: agent
          image: gcr.io/datadoghq/agent:7.70.0
${agentOptions}        - name: sidecar
          image: nginx:1.27
`;

/** A Pod whose container `app` has the given security context lines (8 spaces deep). */
const pod = (securityContext: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
${securityContext}`;

runRuleTests(seLinuxOptions, {
  valid: [
    { name: "empty seLinuxOptions", code: pod("        seLinuxOptions: {}\n") },
    {
      name: "level is not restricted",
      code: pod("        seLinuxOptions:\n          level: s0:c123,c456\n"),
    },
    {
      name: "every allowed type, at pod and container level",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    seLinuxOptions: {type: container_t}
  containers:
    - name: a
      image: nginx
      securityContext:
        seLinuxOptions: {type: container_init_t}
    - name: b
      image: nginx
      securityContext:
        seLinuxOptions: {type: container_kvm_t}
  initContainers:
    - name: c
      image: nginx
      securityContext:
        seLinuxOptions: {type: container_engine_t}
`,
    },
    {
      name: "empty and null type, user and role",
      code: pod(
        '        seLinuxOptions:\n          type: ""\n          user: ""\n          role:\n',
      ),
    },
    {
      name: "SELinux keys outside seLinuxOptions are not options",
      code: pod("        runAsUser: 1000\n        user: system_u\n"),
    },
  ],
  invalid: [
    {
      name: "custom type at container level: the emptied security context goes",
      code: pod("        seLinuxOptions:\n          type: spc_t\n"),
      errors: [
        {
          line: 11,
          container: "app",
          fixed:
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        },
      ],
    },
    {
      name: "user and role: one finding each, level kept",
      code: pod(
        "        runAsUser: 1000\n        seLinuxOptions:\n          user: system_u\n          role: sysadm_r\n          level: s0\n",
      ),
      errors: [
        {
          line: 12,
          container: "app",
          fixed: pod(
            "        runAsUser: 1000\n        seLinuxOptions:\n          role: sysadm_r\n          level: s0\n",
          ),
        },
        {
          line: 13,
          container: "app",
          fixed: pod(
            "        runAsUser: 1000\n        seLinuxOptions:\n          user: system_u\n          level: s0\n",
          ),
        },
      ],
    },
    {
      name: "type is compared exactly (case matters)",
      code: pod("        seLinuxOptions:\n          type: Container_T\n          level: s0\n"),
      errors: [{ line: 11, fixed: pod("        seLinuxOptions:\n          level: s0\n") }],
    },
    {
      name: "pod level and container level are checked independently",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    runAsNonRoot: true
    seLinuxOptions:
      type: unconfined_t
  containers:
    - name: app
      image: nginx
      securityContext:
        seLinuxOptions:
          type: container_t
`,
      errors: [
        {
          line: 8,
          container: null,
          fixed: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  securityContext:
    runAsNonRoot: true
  containers:
    - name: app
      image: nginx
      securityContext:
        seLinuxOptions:
          type: container_t
`,
        },
      ],
    },
    {
      name: "flow style stays flow; init and ephemeral containers",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: app, image: nginx}
  initContainers:
    - {name: setup, image: busybox, securityContext: {seLinuxOptions: {user: staff_u, level: s0}}}
  ephemeralContainers:
    - name: debug
      image: busybox
      securityContext: {runAsUser: 1000, seLinuxOptions: {type: spc_t}}
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
    - {name: setup, image: busybox, securityContext: {seLinuxOptions: {level: s0}}}
  ephemeralContainers:
    - name: debug
      image: busybox
      securityContext: {runAsUser: 1000, seLinuxOptions: {type: spc_t}}
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
    - {name: setup, image: busybox, securityContext: {seLinuxOptions: {user: staff_u, level: s0}}}
  ephemeralContainers:
    - name: debug
      image: busybox
      securityContext: {runAsUser: 1000}
`,
        },
      ],
    },
    {
      name: "Deployment: pod-level type in the template",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      securityContext:
        seLinuxOptions:
          type: spc_t
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
metadata: {name: web, namespace: shop}
spec:
  template:
    spec:
      containers:
      - name: app
        image: nginx
`,
        },
      ],
    },
    {
      name: "Job: init container role",
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: wait
        image: busybox
        securityContext:
          readOnlyRootFilesystem: true
          seLinuxOptions:
            role: system_r
      containers:
      - name: migrate
        image: migrate
`,
      errors: [
        {
          line: 14,
          container: "wait",
          fixed: `apiVersion: batch/v1
kind: Job
metadata: {name: migrate}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: wait
        image: busybox
        securityContext:
          readOnlyRootFilesystem: true
      containers:
      - name: migrate
        image: migrate
`,
        },
      ],
    },
    {
      name: "anchor, alias and merge key: reported where each takes effect; only the alias use can go",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: a
      image: x
      securityContext:
        seLinuxOptions: &se
          type: spc_t
    - name: b
      image: x
      securityContext:
        seLinuxOptions: *se
    - name: c
      image: x
      securityContext:
        seLinuxOptions:
          <<: *se
          level: s0
`,
      errors: [
        { line: 10, container: "a", fixed: null },
        {
          line: 14,
          container: "b",
          fixed: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: a
      image: x
      securityContext:
        seLinuxOptions: &se
          type: spc_t
    - name: b
      image: x
    - name: c
      image: x
      securityContext:
        seLinuxOptions:
          <<: *se
          level: s0
`,
        },
        { line: 19, container: "c", fixed: null },
      ],
    },
    {
      name: "Helm values: pod and container security contexts of a chart",
      path: "charts/web/values.yaml",
      code: `image:
  repository: web
podSecurityContext:
  fsGroup: 2000
  seLinuxOptions:
    user: system_u
securityContext:
  seLinuxOptions:
    type: spc_t
`,
      errors: [
        {
          line: 6,
          container: null,
          fixed: `image:
  repository: web
podSecurityContext:
  fsGroup: 2000
securityContext:
  seLinuxOptions:
    type: spc_t
`,
        },
        {
          line: 9,
          container: "securityContext",
          fixed: `image:
  repository: web
podSecurityContext:
  fsGroup: 2000
  seLinuxOptions:
    user: system_u
securityContext: {}
`,
        },
      ],
    },
    {
      name: "Cilium's agent keeps its spc_t type: no fix",
      code: CILIUM,
      errors: [{ line: 11, container: "cilium-agent", fixed: null }],
    },
    {
      name: "a type no table names for the workload is removed as usual",
      code: CILIUM.replace("spc_t", "unconfined_t"),
      errors: [
        {
          line: 11,
          container: "cilium-agent",
          fixed: CILIUM.replace("{level: s0, type: spc_t}", "{level: s0}"),
        },
      ],
    },
    {
      name: "the pod's label for Datadog's agent: type, user and role kept",
      code: DATADOG(),
      errors: [
        { line: 9, messageId: "podUser", fixed: null },
        { line: 10, messageId: "podRole", fixed: null },
        { line: 11, messageId: "podType", fixed: null },
      ],
    },
    {
      name: "a pod-level type the workload's container does not inherit (its own options) is removed",
      code: DATADOG("          securityContext:\n            seLinuxOptions: {level: s0}\n"),
      errors: [
        {
          line: 9,
          messageId: "podUser",
          fixed: DATADOG(
            "          securityContext:\n            seLinuxOptions: {level: s0}\n",
          ).replace("          user: system_u\n", ""),
        },
        {
          line: 10,
          messageId: "podRole",
          fixed: DATADOG(
            "          securityContext:\n            seLinuxOptions: {level: s0}\n",
          ).replace("          role: system_r\n", ""),
        },
        {
          line: 11,
          messageId: "podType",
          fixed: DATADOG(
            "          securityContext:\n            seLinuxOptions: {level: s0}\n",
          ).replace("          type: spc_t\n", ""),
        },
      ],
    },
    {
      name: "Windows pods are not exempt",
      code: `apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver
      securityContext:
        seLinuxOptions: {role: object_r}
`,
      errors: [
        {
          line: 10,
          container: "app",
          fixed: `apiVersion: v1
kind: Pod
metadata: {name: win}
spec:
  os: {name: windows}
  containers:
    - name: app
      image: mcr.microsoft.com/windows/nanoserver
`,
        },
      ],
    },
  ],
});

describe("se-linux-options findings", () => {
  it("say why a workload that runs as its own SELinux type keeps it, and its user and role", () => {
    const [result] = scan([{ path: "datadog.yaml", text: DATADOG() }]);
    const findings = (result?.findings ?? []).filter((f) => f.ruleId === "se-linux-options");
    expect(findings.map((f) => [f.line, f.fix])).toEqual([
      [9, undefined],
      [10, undefined],
      [11, undefined],
    ]);
    const [user, , type] = findings;
    expect(type?.remediation).toContain(
      "This looks like a Datadog Agent (image `datadoghq/agent`), which needs the SELinux type `spc_t` to reach the container runtime's socket",
    );
    expect(type?.remediation).toContain("privilege-guard.io/allow-se-linux-options");
    expect(user?.remediation).toMatch(
      /^The SELinux user and role written with the type are kept with it: .*`seLinuxContext: MustRunAs`.* This looks like a Datadog Agent/,
    );
  });

  it("name Intel's device plugin types for its plugins only", () => {
    const plugin = (image: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: plugin}
spec:
  template:
    spec:
      containers:
        - name: plugin
          image: ${image}
          securityContext:
            seLinuxOptions: {type: container_device_plugin_t}
`;
    const [intel, other] = scan([
      { path: "intel.yaml", text: plugin("intel/intel-gpu-plugin:0.34.0") },
      { path: "other.yaml", text: plugin("example/gpu-plugin:1.0") },
    ]);
    expect(intel?.findings[0]?.fix).toBeUndefined();
    expect(intel?.findings[0]?.remediation).toContain(
      "This looks like an Intel device plugin (image `intel/intel-gpu-plugin`), which needs the SELinux type `container_device_plugin_t`",
    );
    expect(other?.findings[0]?.fix).toBeDefined();
  });
});
