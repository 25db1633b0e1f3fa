import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { appArmorProfile } from "./app-armor-profile.js";

const KEY = "container.apparmor.security.beta.kubernetes.io";

/** A Pod: annotations from line 6, pod-level lines after `spec:`, then container `app`. */
const pod = (annotations: string, podLevel: string, container = "", extra = "") => `apiVersion: v1
kind: Pod
metadata:
  name: web
  annotations:
${annotations || "    team: web\n"}spec:
${podLevel}  containers:
    - name: app
      image: nginx:1.27
${container}${extra}`;

const init = "  initContainers:\n    - name: init\n      image: busybox\n";

/** Falco with the least-privileged modern eBPF driver, as its chart renders it (the annotation on line 7). */
const FALCO = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: falco}
spec:
  template:
    metadata:
      annotations: {${KEY}/falco: unconfined}
    spec:
      containers:
        - name: falco
          image: docker.io/falcosecurity/falco:0.41.3
          args: [/usr/bin/falco]
          securityContext:
            capabilities: {add: [BPF, SYS_RESOURCE, PERFMON, SYS_PTRACE]}
`;

/** Rootless BuildKit as moby/buildkit's Kubernetes example runs it (the type on line 10). */
const BUILDKIT = `apiVersion: v1
kind: Pod
metadata: {name: buildkitd}
spec:
  containers:
    - name: buildkitd
      image: moby/buildkit:v0.16.0-rootless
      args: [--oci-worker-no-process-sandbox]
      securityContext:
        appArmorProfile: {type: Unconfined}
        runAsUser: 1000
`;

/** A chart's pod template writing the container's name as an action (annotation on line 4). */
const FALCO_TEMPLATE = `{{- define "falco.podTemplate" -}}
metadata:
  annotations:
    ${KEY}/{{ .Chart.Name }}: unconfined
spec:
  containers:
    - name: {{ .Chart.Name }}
      image: {{ include "falco.image" . }}
      args:
        - /usr/bin/falco
{{- end -}}
`;

runRuleTests(appArmorProfile, {
  valid: [
    {
      name: "runtime/default and localhost/<profile> annotations",
      code: pod(`    ${KEY}/app: runtime/default\n    ${KEY}/init: localhost/foo\n`, "", "", init),
    },
    { name: "an empty annotation value is allowed", code: pod(`    ${KEY}/app: ""\n`, "") },
    {
      name: "RuntimeDefault and Localhost profile types, pod and container",
      code: pod(
        "",
        "  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n",
        "      securityContext:\n        appArmorProfile:\n          type: Localhost\n          localhostProfile: k8s-nginx\n",
      ),
    },
    {
      name: "the Deployment's own annotations do not reach the pod",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
  annotations:
    ${KEY}/api: unconfined
spec:
  template:
    spec:
      containers:
      - {name: api, image: api:2}
`,
    },
    {
      name: "other annotations are not AppArmor's",
      code: pod("    seccomp.security.alpha.kubernetes.io/pod: unconfined\n", ""),
    },
  ],
  invalid: [
    {
      name: "unconfined annotation for an init container",
      code: pod(`    ${KEY}/init: unconfined\n`, "", "", init),
      errors: [
        {
          line: 6,
          container: "init",
          fixed: pod(`    ${KEY}/init: runtime/default\n`, "", "", init),
        },
      ],
    },
    {
      name: "an annotation counts even when no container has that name",
      code: pod(`    ${KEY}/gone: unconfined\n`, ""),
      errors: [{ line: 6, container: null, fixed: pod(`    ${KEY}/gone: runtime/default\n`, "") }],
    },
    {
      name: "container profile type, flow style",
      code: pod("", "", "      securityContext: {appArmorProfile: {type: Unconfined}}\n"),
      errors: [
        {
          line: 11,
          container: "app",
          fixed: pod("", "", "      securityContext: {appArmorProfile: {type: RuntimeDefault}}\n"),
        },
      ],
    },
    {
      name: "pod level, block style; a localhostProfile left behind goes",
      code: pod(
        "",
        "  securityContext:\n    appArmorProfile:\n      type: Unconfined\n      localhostProfile: old\n",
      ),
      errors: [
        {
          line: 10,
          container: null,
          fixed: pod("", "  securityContext:\n    appArmorProfile:\n      type: RuntimeDefault\n"),
        },
      ],
    },
    {
      name: "pod RuntimeDefault does not excuse an unconfined init container",
      code: pod(
        "",
        "  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n",
        "",
        `${init}      securityContext:\n        appArmorProfile: {type: Unconfined}\n`,
      ),
      errors: [
        {
          line: 17,
          container: "init",
          fixed: pod(
            "",
            "  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n",
            "",
            `${init}      securityContext:\n        appArmorProfile: {type: RuntimeDefault}\n`,
          ),
        },
      ],
    },
    {
      name: "containers overriding with Localhost do not excuse an unconfined pod level",
      code: pod(
        "",
        "  securityContext:\n    appArmorProfile: {type: Unconfined}\n",
        "      securityContext:\n        appArmorProfile: {type: Localhost, localhostProfile: p}\n",
      ),
      errors: [
        {
          line: 9,
          container: null,
          fixed: pod(
            "",
            "  securityContext:\n    appArmorProfile: {type: RuntimeDefault}\n",
            "      securityContext:\n        appArmorProfile: {type: Localhost, localhostProfile: p}\n",
          ),
        },
      ],
    },
    {
      name: "a profile without a type is rejected, reported at the profile",
      code: pod("", "", "      securityContext:\n        appArmorProfile: {}\n"),
      errors: [
        {
          line: 12,
          fixed: pod(
            "",
            "",
            "      securityContext:\n        appArmorProfile: {type: RuntimeDefault}\n",
          ),
        },
      ],
    },
    {
      name: "ephemeral container",
      code: pod(
        "",
        "",
        "",
        "  ephemeralContainers:\n    - name: debug\n      image: busybox\n      securityContext:\n        appArmorProfile:\n          type: Unconfined\n",
      ),
      errors: [
        {
          line: 16,
          container: "debug",
          fixed: pod(
            "",
            "",
            "",
            "  ephemeralContainers:\n    - name: debug\n      image: busybox\n      securityContext:\n        appArmorProfile:\n          type: RuntimeDefault\n",
          ),
        },
      ],
    },
    {
      name: "Deployment pod template annotation",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    metadata:
      annotations:
        ${KEY}/api: unconfined
    spec:
      containers:
      - {name: api, image: api:2}
`,
      errors: [
        {
          line: 9,
          container: "api",
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: api
spec:
  template:
    metadata:
      annotations:
        ${KEY}/api: runtime/default
    spec:
      containers:
      - {name: api, image: api:2}
`,
        },
      ],
    },
    {
      name: "CronJob",
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          securityContext:
            appArmorProfile:
              type: Unconfined
          containers:
            - {name: report, image: report:1}
`,
      errors: [
        {
          line: 13,
          container: null,
          fixed: `apiVersion: batch/v1
kind: CronJob
metadata: {name: report}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          securityContext:
            appArmorProfile:
              type: RuntimeDefault
          containers:
            - {name: report, image: report:1}
`,
        },
      ],
    },
    {
      name: "annotations shared through an anchor: reported at each use, no fix",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata:
      name: a
      annotations: &open
        ${KEY}/a: unconfined
    spec:
      containers: [{name: a, image: x}]
  - apiVersion: v1
    kind: Pod
    metadata:
      name: b
      annotations: *open
    spec:
      containers: [{name: b, image: y}]
`,
      errors: [
        { line: 9, container: "a", fixed: null },
        { line: 16, container: null, fixed: null },
      ],
    },
    {
      name: "Helm values: podAnnotations and the chart's securityContext",
      path: "charts/api/values.yaml",
      code: `podAnnotations:\n  ${KEY}/api: unconfined\nsecurityContext:\n  appArmorProfile:\n    type: Unconfined\n`,
      errors: [
        {
          line: 5,
          container: "securityContext",
          fixed: `podAnnotations:\n  ${KEY}/api: unconfined\nsecurityContext:\n  appArmorProfile:\n    type: RuntimeDefault\n`,
        },
        {
          line: 2,
          container: null,
          fixed: `podAnnotations:\n  ${KEY}/api: runtime/default\nsecurityContext:\n  appArmorProfile:\n    type: Unconfined\n`,
        },
      ],
    },
    {
      name: "Falco with the modern eBPF driver: its unconfined annotation is kept (ptrace reads)",
      code: FALCO,
      errors: [{ line: 7, container: "falco", fixed: null }],
    },
    {
      name: "rootless BuildKit: its Unconfined profile type is kept (mounts for build steps)",
      code: BUILDKIT,
      errors: [{ line: 10, container: "buildkitd", fixed: null }],
    },
  ],
});

describe("app-armor-profile findings", () => {
  // The chart template's case is here rather than in the table: its message quotes the
  // annotation as written, template action included.
  it("say why a workload that needs to run unconfined keeps its profile", () => {
    for (const [path, code, says] of [
      ["falco.yaml", FALCO, "which needs an unconfined AppArmor profile to read the /proc entries"],
      [
        "buildkitd.yaml",
        BUILDKIT,
        "which needs an unconfined AppArmor profile to mount file systems",
      ],
      ["charts/falco/templates/pod-template.tpl", FALCO_TEMPLATE, "Falco runtime security sensor"],
    ] as const) {
      const [result] = scan([{ path, text: code }]);
      const finding = result?.findings.find((f) => f.ruleId === "app-armor-profile");
      expect([path, finding?.fix]).toEqual([path, undefined]);
      expect(finding?.remediation).toContain(says);
      expect(finding?.remediation).toContain(
        "so no fix sets the runtime's default AppArmor profile",
      );
      expect(finding?.remediation).toContain("privilege-guard.io/allow-app-armor-profile");
    }
  });

  it("name the annotation and use its logical path as the field", () => {
    const [result] = scan([{ path: "pod.yaml", text: pod(`    ${KEY}/app: unconfined\n`, "") }]);
    const [finding] = (result?.findings ?? []).filter((f) => f.ruleId === "app-armor-profile");
    expect(finding?.field).toBe(`metadata.annotations[${KEY}/app]`);
    expect(finding?.message).toBe(
      `Container \`app\` runs without the default AppArmor profile (annotation \`${KEY}/app: unconfined\`).`,
    );
    expect(finding?.pss).toBe("appArmorProfile");
  });
});
