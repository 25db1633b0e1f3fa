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

/** A pod on the host network (or not) with one container `c` written as `container` lines. */
const nodePod = (container: string, hostNetwork = true) => `apiVersion: v1
kind: Pod
metadata: {name: agent}
spec:
${hostNetwork ? "  hostNetwork: true\n" : ""}  containers:
    - name: c
${container}`;

/** flannel's agent as its manifest writes it. */
const FLANNEL =
  "      image: ghcr.io/flannel-io/flannel:v0.26.7\n      command: [/opt/bin/flanneld]\n      securityContext:\n        capabilities:\n          add: [NET_ADMIN, NET_RAW]\n";
/** MetalLB's FRR container as MetalLB's manifest writes it. */
const FRR =
  "      image: quay.io/frrouting/frr:10.5.3\n      command: [/bin/sh, -c, /sbin/tini -- /usr/lib/frr/docker-start]\n      securityContext:\n        allowPrivilegeEscalation: false\n        capabilities:\n          add: [NET_ADMIN, NET_RAW, SYS_ADMIN, NET_BIND_SERVICE]\n";

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
      name: "a capability the catalogue names, written with `CAP_` (kured's `CAP_KILL`), is not taken away",
      level: "restricted",
      code: nodePod(
        "      image: ghcr.io/kubereboot/kured:1.23.0\n      command: [/usr/bin/kured, --reboot-method=signal]\n      securityContext:\n        capabilities:\n          drop: [ALL]\n          add: [CAP_KILL]\n",
        false,
      ),
      errors: [{ line: 12, container: "c", fixed: null }],
    },
    {
      name: "a recognised CNI agent (flannel) keeps its capabilities and the runtime's defaults: no fix",
      level: "restricted",
      code: nodePod(FLANNEL),
      errors: [
        { line: 11, container: "c", fixed: null },
        { line: 12, container: "c", fixed: null },
        { line: 12, container: "c", fixed: null },
      ],
    },
    {
      name: "FRR (MetalLB's FRR mode) switches to its own user: its capabilities stay and nothing is dropped",
      level: "restricted",
      code: nodePod(FRR),
      errors: [
        { line: 12, container: "c", fixed: null },
        { line: 13, container: "c", fixed: null },
        { line: 13, container: "c", fixed: null },
        { line: 13, container: "c", fixed: null },
      ],
    },
    {
      name: "a tool the catalogue knows (tcpdump): drop ALL adds back the default capability it needs",
      level: "restricted",
      code: nodePod("      image: example/tools:1\n      command: [tcpdump, -i, any]\n", false),
      errors: [
        {
          line: 6,
          container: "c",
          fixed: nodePod(
            "      image: example/tools:1\n      command: [tcpdump, -i, any]\n      securityContext:\n        capabilities:\n          add:\n            - NET_RAW\n          drop:\n            - ALL\n",
            false,
          ),
        },
      ],
    },
    {
      name: "the MetalLB speaker drops ALL and keeps the NET_RAW it needs: no removal fix",
      level: "restricted",
      code: nodePod(
        "      image: quay.io/metallb/speaker:v0.15.3\n      securityContext:\n        capabilities:\n          add: [NET_RAW]\n          drop: [ALL]\n",
      ),
      errors: [{ line: 11, container: "c", fixed: null }],
    },
    {
      name: "a copy tool run from the speaker image with its own command gets a plain drop ALL",
      level: "restricted",
      code: nodePod(
        "      image: quay.io/metallb/speaker:v0.15.3\n      command: [/cp-tool, /frr-metrics, /etc/frr_metrics/frr-metrics]\n",
        false,
      ),
      errors: [
        {
          line: 6,
          container: "c",
          fixed: nodePod(
            "      image: quay.io/metallb/speaker:v0.15.3\n      command: [/cp-tool, /frr-metrics, /etc/frr_metrics/frr-metrics]\n      securityContext:\n        capabilities:\n          drop:\n            - ALL\n",
            false,
          ),
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
  const restricted = (text: string) =>
    (scan([{ path: "pod.yaml", text }], { level: "restricted" })[0]?.findings ?? []).filter(
      (f) => f.ruleId === "capabilities-restricted",
    );

  it("says why a recognised workload or a tool keeps its capabilities and the defaults", () => {
    const [drop, admin] = restricted(nodePod(FLANNEL));
    expect(drop?.remediation).toMatch(
      /^Container `c` is a CNI agent, which runs as root with the runtime's default capabilities besides the ones it adds: flannel stopped working on CRI-O.*no fix drops them/,
    );
    expect(admin?.remediation).toMatch(
      /^This looks like a CNI agent .* needs `NET_ADMIN`.*no fix removes it/,
    );
    const [frrDrop] = restricted(nodePod(FRR));
    expect(frrDrop?.remediation).toMatch(
      /switch to the `frr` user and group \(setreuid and setregid need SETUID and SETGID\)/,
    );
  });

  it("the add-back is described and traded for the restricted add finding it leaves", () => {
    const [drop] = restricted(
      nodePod("      image: example/tools:1\n      command: [tcpdump, -i, any]\n", false),
    );
    expect(drop?.fix?.description).toBe(
      "Add `ALL` to `capabilities.drop` and add back NET_RAW, which it needs (the capability catalogue), so the container keeps no other capability. NET_RAW is still outside the restricted level: keep it as a reviewed exception.",
    );
    expect(drop?.fix?.trades).toEqual(["capabilities-restricted"]);
  });

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
