import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { seccompProfileBaseline } from "./seccomp-profile-baseline.js";

/** A Pod: pod-level lines from line 6, then container `app` whose securityContext body follows. */
const pod = (podLevel: string, container: string, extra = "") => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${podLevel}  containers:
    - name: app
      image: nginx:1.27
      securityContext:
${container}${extra}`;

/** Rootless BuildKit, as moby/buildkit's Kubernetes example runs it: pod lines from line 6, container lines from line 11. */
const BUILDKIT = (container: string, podLevel = "") => `apiVersion: v1
kind: Pod
metadata:
  name: buildkitd
spec:
${podLevel}  containers:
    - name: buildkitd
      image: moby/buildkit:v0.16.0-rootless
      args: [--oci-worker-no-process-sandbox]
${container}`;

const unconfined = "        seccompProfile:\n          type: Unconfined\n";
const runtimeDefault = "        seccompProfile:\n          type: RuntimeDefault\n";

runRuleTests(seccompProfileBaseline, {
  valid: [
    { name: "RuntimeDefault", code: pod("", runtimeDefault) },
    {
      name: "Localhost with a profile, pod and container",
      code: pod(
        "  securityContext:\n    seccompProfile: {type: Localhost, localhostProfile: profiles/audit.json}\n",
        "        seccompProfile: {type: Localhost, localhostProfile: profiles/strict.json}\n",
      ),
    },
    { name: "not set, or set to null", code: pod("", "        seccompProfile: null\n") },
    {
      name: "PSA latest checks the fields only, not the pre-1.19 annotations",
      code: `apiVersion: v1
kind: Pod
metadata:
  name: old
  annotations:
    seccomp.security.alpha.kubernetes.io/pod: unconfined
spec:
  containers:
    - {name: app, image: nginx}
`,
    },
    {
      name: "at restricted, seccompProfile_restricted replaces this check",
      level: "restricted",
      code: pod("", unconfined),
    },
  ],
  invalid: [
    {
      name: "container Unconfined, block style",
      code: pod("", unconfined),
      errors: [{ line: 11, container: "app", fixed: pod("", runtimeDefault) }],
    },
    {
      name: "pod level Unconfined",
      code: pod(
        "  securityContext:\n    seccompProfile:\n      type: Unconfined\n",
        "        runAsUser: 1000\n",
      ),
      errors: [
        {
          line: 8,
          container: null,
          fixed: pod(
            "  securityContext:\n    seccompProfile:\n      type: RuntimeDefault\n",
            "        runAsUser: 1000\n",
          ),
        },
      ],
    },
    {
      name: "pod RuntimeDefault does not excuse an Unconfined init container",
      code: pod(
        "  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n",
        "        runAsUser: 1000\n",
        "  initContainers:\n    - name: init\n      image: busybox\n      securityContext:\n        seccompProfile: {type: Unconfined}\n",
      ),
      errors: [
        {
          line: 17,
          container: "init",
          fixed: pod(
            "  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n",
            "        runAsUser: 1000\n",
            "  initContainers:\n    - name: init\n      image: busybox\n      securityContext:\n        seccompProfile: {type: RuntimeDefault}\n",
          ),
        },
      ],
    },
    {
      name: "containers overriding with RuntimeDefault do not excuse an Unconfined pod level",
      code: pod("  securityContext:\n    seccompProfile: {type: Unconfined}\n", runtimeDefault),
      errors: [
        {
          line: 7,
          container: null,
          fixed: pod(
            "  securityContext:\n    seccompProfile: {type: RuntimeDefault}\n",
            runtimeDefault,
          ),
        },
      ],
    },
    {
      name: "a localhostProfile left behind goes with the type change",
      code: pod(
        "",
        "        seccompProfile:\n          type: Unconfined\n          localhostProfile: old.json\n",
      ),
      errors: [{ line: 11, fixed: pod("", runtimeDefault) }],
    },
    {
      name: "a profile without a type is rejected too, reported at the profile",
      code: pod("", "        seccompProfile: {}\n"),
      errors: [{ line: 10, fixed: pod("", "        seccompProfile: {type: RuntimeDefault}\n") }],
    },
    {
      name: "ephemeral container",
      code: pod(
        "",
        runtimeDefault,
        "  ephemeralContainers:\n    - name: debug\n      image: busybox\n      securityContext: {seccompProfile: {type: Unconfined}}\n",
      ),
      errors: [
        {
          line: 15,
          container: "debug",
          fixed: pod(
            "",
            runtimeDefault,
            "  ephemeralContainers:\n    - name: debug\n      image: busybox\n      securityContext: {seccompProfile: {type: RuntimeDefault}}\n",
          ),
        },
      ],
    },
    {
      name: "a Windows pod is not exempt at baseline",
      code: pod("  os:\n    name: windows\n", unconfined),
      errors: [{ line: 13, fixed: pod("  os:\n    name: windows\n", runtimeDefault) }],
    },
    {
      name: "Deployment",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: Unconfined
      containers:
      - name: api
        image: api:2
`,
      errors: [
        {
          line: 9,
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      securityContext:
        seccompProfile:
          type: RuntimeDefault
      containers:
      - name: api
        image: api:2
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
          containers:
            - name: report
              image: report:1
              securityContext:
                seccompProfile: {type: Unconfined}
`,
      errors: [
        {
          line: 15,
          container: "report",
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
          containers:
            - name: report
              image: report:1
              securityContext:
                seccompProfile: {type: RuntimeDefault}
`,
        },
      ],
    },
    {
      name: "JSON manifest stays JSON",
      path: "pod.json",
      code: '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"},\n "spec": {"containers": [{"name": "app", "image": "x",\n  "securityContext": {"seccompProfile": {"type": "Unconfined"}}}]}}\n',
      errors: [
        {
          line: 3,
          fixed:
            '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "j"},\n "spec": {"containers": [{"name": "app", "image": "x",\n  "securityContext": {"seccompProfile":{"type":"RuntimeDefault"}}}]}}\n',
        },
      ],
    },
    {
      name: "shared through an anchor and a merge key: reported at each use, fixed only by overriding the merge",
      code: pod(
        "",
        "        seccompProfile: &open {type: Unconfined}\n",
        "    - name: b\n      image: y\n      securityContext: {seccompProfile: *open}\n    - name: c\n      image: z\n      securityContext:\n        <<: {seccompProfile: *open}\n",
      ),
      errors: [
        { line: 10, container: "app", fixed: null },
        { line: 13, container: "b", fixed: null },
        {
          line: 17,
          container: "c",
          // An own key overrides the merged one, and the shared anchor stays as it is.
          fixed: pod(
            "",
            "        seccompProfile: &open {type: Unconfined}\n",
            "    - name: b\n      image: y\n      securityContext: {seccompProfile: *open}\n    - name: c\n      image: z\n      securityContext:\n        <<: {seccompProfile: *open}\n        seccompProfile:\n          type: RuntimeDefault\n",
          ),
        },
      ],
    },
    {
      name: "a localhostProfile shared through an anchor stays: no fix",
      code: pod(
        "",
        "        seccompProfile:\n          type: Unconfined\n          localhostProfile: &p shared.json\n",
        "    - name: b\n      image: y\n      securityContext:\n        seccompProfile: {type: Localhost, localhostProfile: *p}\n",
      ),
      errors: [{ line: 11, container: "app", fixed: null }],
    },
    {
      name: "Helm values: podSecurityContext and securityContext",
      path: "charts/api/values.yaml",
      code: "podSecurityContext:\n  seccompProfile:\n    type: Unconfined\nsecurityContext:\n  seccompProfile: {type: Unconfined}\n",
      errors: [
        {
          line: 3,
          container: null,
          fixed:
            "podSecurityContext:\n  seccompProfile:\n    type: RuntimeDefault\nsecurityContext:\n  seccompProfile: {type: Unconfined}\n",
        },
        {
          line: 5,
          container: "securityContext",
          fixed:
            "podSecurityContext:\n  seccompProfile:\n    type: Unconfined\nsecurityContext:\n  seccompProfile: {type: RuntimeDefault}\n",
        },
      ],
    },
    {
      name: "rootless BuildKit keeps the Unconfined profile it needs (unshare and mount)",
      code: BUILDKIT("      securityContext:\n        seccompProfile: {type: Unconfined}\n"),
      errors: [{ line: 11, container: "buildkitd", fixed: null }],
    },
    {
      name: "rootless BuildKit: an Unconfined pod level reaching it is kept too",
      code: BUILDKIT("", "  securityContext:\n    seccompProfile: {type: Unconfined}\n"),
      errors: [{ line: 7, container: null, fixed: null }],
    },
  ],
});

describe("seccomp-profile-baseline findings", () => {
  it("say why rootless BuildKit keeps its Unconfined profile", () => {
    const text = BUILDKIT("      securityContext:\n        seccompProfile: {type: Unconfined}\n");
    const [result] = scan([{ path: "buildkitd.yaml", text }]);
    const finding = result?.findings.find((f) => f.ruleId === "seccomp-profile-baseline");
    expect(finding?.remediation).toContain(
      "This looks like a Rootless BuildKit daemon (image `moby/buildkit`), which needs an unconfined seccomp profile to call unshare",
    );
    expect(finding?.remediation).toContain("privilege-guard.io/allow-seccomp-profile-baseline");
  });

  it("name the type and the field", () => {
    const [result] = scan([{ path: "pod.yaml", text: pod("", unconfined) }]);
    const [finding] = (result?.findings ?? []).filter(
      (f) => f.ruleId === "seccomp-profile-baseline",
    );
    expect(finding?.field).toBe("spec.containers[app].securityContext.seccompProfile.type");
    expect(finding?.message).toBe(
      "Container `app` runs without the default seccomp filter (`securityContext.seccompProfile.type: Unconfined`).",
    );
    expect(finding?.pss).toBe("seccompProfile_baseline");
  });
});
