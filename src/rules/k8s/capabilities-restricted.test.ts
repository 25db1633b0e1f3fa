import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { capabilitiesRestricted } from "./capabilities-restricted.js";

/** A pod whose container `app` has `securityContext` lines `sc` (line 10 on), then `more`. */
const pod = (sc: string, more = "") => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
${sc}${more}`;

const DROP_ALL = "        capabilities:\n          drop:\n            - ALL\n";

runRuleTests(capabilitiesRestricted, {
  valid: [
    { name: "drops ALL", level: "restricted", code: pod(DROP_ALL) },
    {
      name: "drops ALL and adds back only NET_BIND_SERVICE (flow style)",
      level: "restricted",
      code: pod("        capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}\n"),
    },
    {
      name: "init and ephemeral containers drop ALL too",
      level: "restricted",
      code: pod(
        DROP_ALL,
        "  initContainers:\n    - {name: init, image: busybox, securityContext: {capabilities: {drop: [ALL]}}}\n" +
          "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {capabilities: {drop: [ALL]}}}\n",
      ),
    },
    {
      name: "Windows pods are exempt",
      level: "restricted",
      code: "apiVersion: v1\nkind: Pod\nmetadata: {name: w}\nspec:\n  os: {name: windows}\n  containers:\n    - name: app\n      image: mcr.microsoft.com/windows/nanoserver\n",
    },
    {
      name: "baseline level does not run the rule",
      code: pod("        capabilities: {add: [CHOWN]}\n"),
    },
    {
      name: "Helm values that merely leave drop out are a fragment: no finding",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "securityContext:\n  runAsNonRoot: true\n  capabilities: {}\n",
    },
  ],
  invalid: [
    {
      name: "no capabilities at all: drop ALL is added",
      level: "restricted",
      code: pod("        runAsNonRoot: true\n"),
      errors: [
        {
          line: 9,
          container: "app",
          fixed: pod(`        runAsNonRoot: true\n${DROP_ALL}`),
        },
      ],
    },
    {
      name: "no security context at all (Deployment): one is created, in the file's sequence style",
      level: "restricted",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: app
        image: web
`,
      errors: [
        {
          line: 8,
          container: "app",
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: app
        image: web
        securityContext:
          capabilities:
            drop:
            - ALL
`,
        },
      ],
    },
    {
      name: "empty capabilities: reported at the capabilities entry",
      level: "restricted",
      code: pod("        capabilities: {}\n"),
      errors: [{ line: 10, fixed: pod("        capabilities: {drop: [ALL]}\n") }],
    },
    {
      name: "empty drop list in an init container",
      level: "restricted",
      code: pod(
        DROP_ALL,
        "  initContainers:\n    - name: init\n      image: busybox\n      securityContext:\n        capabilities:\n          drop: []\n",
      ),
      errors: [
        {
          line: 18,
          container: "init",
          fixed: pod(
            DROP_ALL,
            "  initContainers:\n    - name: init\n      image: busybox\n      securityContext:\n        capabilities:\n          drop: [ALL]\n",
          ),
        },
      ],
    },
    {
      name: "every capability dropped by name is not ALL",
      level: "restricted",
      code: pod(
        "        capabilities:\n          drop:\n            - NET_RAW\n            - SYS_ADMIN\n",
      ),
      errors: [
        {
          line: 11,
          fixed: pod(
            "        capabilities:\n          drop:\n            - NET_RAW\n            - SYS_ADMIN\n            - ALL\n",
          ),
        },
      ],
    },
    {
      name: "`all` in lower case is not ALL (PSA compares exactly)",
      level: "restricted",
      code: pod("        capabilities: {drop: [all]}\n"),
      errors: [{ line: 10, fixed: pod("        capabilities: {drop: [all, ALL]}\n") }],
    },
    {
      name: "one finding per added capability, at its item",
      level: "restricted",
      code: pod(
        "        capabilities:\n          drop: [ALL]\n          add:\n            - NET_BIND_SERVICE\n            - NET_RAW\n            - chown\n",
      ),
      errors: [
        {
          line: 14,
          container: "app",
          fixed: pod(
            "        capabilities:\n          drop: [ALL]\n          add:\n            - NET_BIND_SERVICE\n            - chown\n",
          ),
        },
        {
          line: 15,
          container: "app",
          fixed: pod(
            "        capabilities:\n          drop: [ALL]\n          add:\n            - NET_BIND_SERVICE\n            - NET_RAW\n",
          ),
        },
      ],
    },
    {
      name: "the only added capability: the add list goes",
      level: "restricted",
      code: pod("        capabilities:\n          add: [SYS_TIME]\n          drop: [ALL]\n"),
      errors: [{ line: 11, fixed: pod("        capabilities:\n          drop: [ALL]\n") }],
    },
    {
      name: "flow style ephemeral container that adds and does not drop",
      level: "restricted",
      code: pod(
        DROP_ALL,
        "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {capabilities: {add: [SYS_PTRACE]}}}\n",
      ),
      errors: [
        {
          line: 14,
          container: "debug",
          fixed: pod(
            DROP_ALL,
            "  ephemeralContainers:\n    - {name: debug, image: busybox, securityContext: {capabilities: {add: [SYS_PTRACE], drop: [ALL]}}}\n",
          ),
        },
        {
          line: 14,
          container: "debug",
          fixed: pod(DROP_ALL, "  ephemeralContainers:\n    - {name: debug, image: busybox}\n"),
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
          containers:
          - name: job
            image: busybox
            securityContext:
              capabilities:
                drop: [ALL]
                add: [NET_ADMIN, NET_BIND_SERVICE]
`,
      errors: [
        {
          line: 16,
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
              capabilities:
                drop: [ALL]
                add: [NET_BIND_SERVICE]
`,
        },
      ],
    },
    {
      name: "Helm values: an added capability and a drop list without ALL are findings in a fragment",
      level: "restricted",
      path: "charts/web/values.yaml",
      code: "securityContext:\n  capabilities:\n    add: [NET_RAW, NET_BIND_SERVICE]\n    drop: [MKNOD]\n",
      errors: [
        {
          line: 4,
          container: "securityContext",
          fixed:
            "securityContext:\n  capabilities:\n    add: [NET_RAW, NET_BIND_SERVICE]\n    drop: [MKNOD, ALL]\n",
        },
        {
          line: 3,
          container: "securityContext",
          fixed:
            "securityContext:\n  capabilities:\n    add: [NET_BIND_SERVICE]\n    drop: [MKNOD]\n",
        },
      ],
    },
  ],
});

describe("capabilities-restricted findings", () => {
  it("name each added capability in the field path, and replace capabilities-baseline", () => {
    const text = pod("        capabilities:\n          add: [NET_RAW, SYS_ADMIN]\n");
    const [result] = scan([{ path: "pod.yaml", text }], { level: "restricted" });
    const found = (result?.findings ?? []).filter((f) => f.pss?.startsWith("capabilities"));
    expect(found.map((f) => [f.ruleId, f.field, f.message])).toEqual([
      [
        "capabilities-restricted",
        "spec.containers[app].securityContext.capabilities.drop",
        "Container `app` does not drop all capabilities (`securityContext.capabilities.drop` lacks `ALL`).",
      ],
      [
        "capabilities-restricted",
        "spec.containers[app].securityContext.capabilities.add[NET_RAW]",
        "Container `app` adds capability `NET_RAW` (`securityContext.capabilities.add`); restricted allows adding only NET_BIND_SERVICE.",
      ],
      [
        "capabilities-restricted",
        "spec.containers[app].securityContext.capabilities.add[SYS_ADMIN]",
        "Container `app` adds capability `SYS_ADMIN` (`securityContext.capabilities.add`); restricted allows adding only NET_BIND_SERVICE.",
      ],
    ]);
  });

  it("is what the privileged rule's restricted fix trades for", () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: capture}
spec:
  containers:
    - name: sniffer
      image: nicolaka/netshoot
      command: ["tcpdump", "-i", "any"]
      securityContext:
        privileged: true
`;
    const [result] = scan([{ path: "pod.yaml", text }], { level: "restricted" });
    const fix = result?.findings.find((f) => f.ruleId === "privileged")?.fix;
    expect(fix?.trades).toEqual(["capabilities-restricted"]);
    expect(fix?.text).toContain("- NET_RAW");
  });
});
