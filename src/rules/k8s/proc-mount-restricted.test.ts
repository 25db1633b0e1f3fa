import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { procMountRestricted } from "./proc-mount-restricted.js";

/** A pod with pod-level lines `podLines` (line 6 on), then container `app` with lines `sc`. */
const pod = (podLines: string, sc: string, more = "") => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${podLines}  containers:
    - name: app
      image: nginx:1.27
${sc}${more}`;

const USERNS = "  hostUsers: false\n";

runRuleTests(procMountRestricted, {
  valid: [
    {
      name: "Default",
      level: "restricted",
      code: pod(USERNS, "      securityContext:\n        procMount: Default\n"),
    },
    {
      name: "left out, or null",
      level: "restricted",
      code: pod("", "      securityContext: {procMount: null}\n"),
    },
    {
      name: "baseline level does not run the rule",
      code: pod(USERNS, "      securityContext: {procMount: Unmasked}\n"),
    },
  ],
  invalid: [
    {
      name: "Unmasked in a user namespace still fails at restricted",
      level: "restricted",
      code: pod(
        USERNS,
        "      securityContext:\n        procMount: Unmasked\n        runAsNonRoot: true\n",
      ),
      errors: [
        {
          line: 11,
          container: "app",
          fixed: pod(USERNS, "      securityContext:\n        runAsNonRoot: true\n"),
        },
      ],
    },
    {
      name: "Unmasked without a user namespace (the baseline check it replaces)",
      level: "restricted",
      code: pod("", "      securityContext:\n        procMount: Unmasked\n"),
      errors: [{ line: 10, container: "app", fixed: pod("", "") }],
    },
    {
      name: "Windows pods are not exempt",
      level: "restricted",
      code: pod(
        `  os: {name: windows}\n${USERNS}`,
        "      securityContext: {procMount: Unmasked}\n",
      ),
      errors: [{ line: 11, fixed: pod(`  os: {name: windows}\n${USERNS}`, "") }],
    },
    {
      name: "flow style init and ephemeral containers",
      level: "restricted",
      code: pod(
        USERNS,
        "",
        "  initContainers:\n    - {name: init, image: busybox, securityContext: {procMount: Unmasked, runAsNonRoot: true}}\n" +
          "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {procMount: unmasked}}\n",
      ),
      errors: [
        {
          line: 11,
          container: "init",
          fixed: pod(
            USERNS,
            "",
            "  initContainers:\n    - {name: init, image: busybox, securityContext: {runAsNonRoot: true}}\n" +
              "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {procMount: unmasked}}\n",
          ),
        },
        {
          line: 13,
          container: "debug",
          fixed: pod(
            USERNS,
            "",
            "  initContainers:\n    - {name: init, image: busybox, securityContext: {procMount: Unmasked, runAsNonRoot: true}}\n" +
              "  ephemeralContainers:\n    - {name: debug, image: busybox}\n",
          ),
        },
      ],
    },
    {
      name: "Deployment",
      level: "restricted",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      hostUsers: false
      containers:
      - name: app
        image: web
        securityContext:
          procMount: Unmasked
          readOnlyRootFilesystem: true
`,
      errors: [
        {
          line: 12,
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      hostUsers: false
      containers:
      - name: app
        image: web
        securityContext:
          readOnlyRootFilesystem: true
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
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          hostUsers: false
          containers:
          - name: job
            image: busybox
            securityContext: {procMount: Unmasked}
`,
      errors: [
        {
          line: 14,
          fixed: `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          hostUsers: false
          containers:
          - name: job
            image: busybox
`,
        },
      ],
    },
    {
      name: "Helm values: a fragment's procMount is a finding; the chart's value stays a mapping",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "securityContext:\n  procMount: Unmasked\n",
      errors: [{ line: 2, container: "securityContext", fixed: "securityContext: {}\n" }],
    },
  ],
});

describe("proc-mount-restricted findings", () => {
  it("name the container and the value, at the procMount field", () => {
    const text = pod(USERNS, "      securityContext: {procMount: Unmasked}\n");
    const [result] = scan([{ path: "pod.yaml", text }], { level: "restricted" });
    const found = (result?.findings ?? []).filter((f) => f.pss?.startsWith("procMount"));
    expect(found.map((f) => [f.ruleId, f.field, f.message])).toEqual([
      [
        "proc-mount-restricted",
        "spec.containers[app].securityContext.procMount",
        "Container `app` sets `securityContext.procMount` to `Unmasked`, which unmasks the node's /proc.",
      ],
    ]);
  });
});
