import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { diff, scan } from "../../catalogue/index.js";
import { capabilitiesBaseline } from "./capabilities-baseline.js";

/** A Pod with container `app` whose securityContext body starts at line 10. */
const pod = (securityContext: string, extra = "") => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
      securityContext:
${securityContext}${extra}`;

const DEFAULTS = [
  "AUDIT_WRITE",
  "CHOWN",
  "DAC_OVERRIDE",
  "FOWNER",
  "FSETID",
  "KILL",
  "MKNOD",
  "NET_BIND_SERVICE",
  "SETFCAP",
  "SETGID",
  "SETPCAP",
  "SETUID",
  "SYS_CHROOT",
];

runRuleTests(capabilitiesBaseline, {
  valid: [
    {
      name: "all 13 runtime defaults",
      code: pod(
        `        capabilities:\n          add:\n${DEFAULTS.map((c) => `            - ${c}\n`).join("")}`,
      ),
    },
    { name: "drop only", code: pod("        capabilities:\n          drop: [ALL]\n") },
    { name: "empty add and empty capabilities", code: pod("        capabilities: {add: []}\n") },
    {
      name: "at restricted, capabilities_restricted replaces this check",
      level: "restricted",
      code: pod("        capabilities:\n          add: [SYS_ADMIN]\n"),
    },
    {
      name: "a Kyverno pattern that names capabilities",
      code: "apiVersion: kyverno.io/v1\nkind: ClusterPolicy\nmetadata: {name: p}\nspec:\n  rules:\n    - name: r\n      validate:\n        pattern:\n          spec:\n            containers:\n              - securityContext:\n                  capabilities:\n                    add: [SYS_ADMIN]\n",
    },
  ],
  invalid: [
    {
      // flannel's own manifest: a CNI agent on the host network adds NET_ADMIN and NET_RAW to
      // program the node's routes and iptables. Reported, never removed: the advice explains the
      // justified, isolated exception.
      name: "a CNI agent (flannel) keeps the capabilities it needs: no fix",
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: kube-flannel-ds, namespace: kube-flannel}
spec:
  template:
    spec:
      hostNetwork: true
      containers:
        - name: kube-flannel
          image: docker.io/flannel/flannel:v0.26.1
          command: [/opt/bin/flanneld]
          securityContext:
            capabilities:
              add: [NET_ADMIN, NET_RAW]
`,
      errors: [
        { line: 14, container: "kube-flannel", fixed: null },
        { line: 14, container: "kube-flannel", fixed: null },
      ],
    },
    {
      name: "SYS_ADMIN added to an existing list: only that item goes",
      code: pod(
        "        capabilities:\n          add:\n            - NET_BIND_SERVICE\n            - SYS_ADMIN\n",
      ),
      errors: [
        {
          line: 13,
          container: "app",
          fixed: pod("        capabilities:\n          add:\n            - NET_BIND_SERVICE\n"),
        },
      ],
    },
    {
      // ztunnel's chart writes why it adds each capability beside it: a fix takes one line away
      // and leaves the others, their comments and the key's comment as written.
      name: "a commented list: each fix removes only its item's own line",
      code: pod(
        "        capabilities:\n          add: # capabilities(7)\n            - NET_ADMIN # TPROXY\n            - SYS_TIME # clock\n            - NET_RAW # raw sockets\n",
      ),
      errors: [
        {
          line: 12,
          fixed: pod(
            "        capabilities:\n          add: # capabilities(7)\n            - SYS_TIME # clock\n            - NET_RAW # raw sockets\n",
          ),
        },
        {
          line: 13,
          fixed: pod(
            "        capabilities:\n          add: # capabilities(7)\n            - NET_ADMIN # TPROXY\n            - NET_RAW # raw sockets\n",
          ),
        },
        {
          line: 14,
          fixed: pod(
            "        capabilities:\n          add: # capabilities(7)\n            - NET_ADMIN # TPROXY\n            - SYS_TIME # clock\n",
          ),
        },
      ],
    },
    {
      name: "flow style: one finding per capability, each fix removes its own",
      code: pod("        capabilities: {add: [NET_ADMIN, SYS_TIME], drop: [ALL]}\n"),
      errors: [
        { line: 10, fixed: pod("        capabilities: {add: [SYS_TIME], drop: [ALL]}\n") },
        { line: 10, fixed: pod("        capabilities: {add: [NET_ADMIN], drop: [ALL]}\n") },
      ],
    },
    {
      name: "the only capability of the only setting: the securityContext goes",
      code: pod("        capabilities:\n          add: [ALL]\n"),
      errors: [
        {
          line: 11,
          fixed:
            "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: app\n      image: nginx:1.27\n",
        },
      ],
    },
    {
      name: "the only capability beside other settings: capabilities goes",
      code: pod(
        "        runAsNonRoot: true\n        capabilities:\n          add:\n            - SYS_PTRACE\n",
      ),
      errors: [{ line: 13, fixed: pod("        runAsNonRoot: true\n") }],
    },
    {
      name: "the only capability beside drop: add goes",
      code: pod("        capabilities:\n          drop: [ALL]\n          add: [BPF]\n"),
      errors: [{ line: 12, fixed: pod("        capabilities:\n          drop: [ALL]\n") }],
    },
    {
      name: "lower case and CAP_ spellings of defaults fail as written; fixed to the listed name",
      code: pod(
        "        capabilities:\n          add:\n            - chown\n            - KILL\n            - CAP_SETUID\n",
      ),
      errors: [
        {
          line: 12,
          fixed: pod(
            "        capabilities:\n          add:\n            - KILL\n            - CAP_SETUID\n            - CHOWN\n",
          ),
        },
        {
          line: 14,
          fixed: pod(
            "        capabilities:\n          add:\n            - chown\n            - KILL\n            - SETUID\n",
          ),
        },
      ],
    },
    {
      name: "init and ephemeral containers",
      code: pod(
        "        runAsUser: 1000\n",
        "  initContainers:\n    - name: init\n      image: busybox\n      securityContext: {capabilities: {add: [NET_ADMIN]}}\n  ephemeralContainers:\n    - name: debug\n      image: busybox\n      securityContext:\n        capabilities:\n          add: [SYS_PTRACE]\n",
      ),
      errors: [
        {
          line: 14,
          container: "init",
          fixed: pod(
            "        runAsUser: 1000\n",
            "  initContainers:\n    - name: init\n      image: busybox\n  ephemeralContainers:\n    - name: debug\n      image: busybox\n      securityContext:\n        capabilities:\n          add: [SYS_PTRACE]\n",
          ),
        },
        {
          line: 20,
          container: "debug",
          fixed: pod(
            "        runAsUser: 1000\n",
            "  initContainers:\n    - name: init\n      image: busybox\n      securityContext: {capabilities: {add: [NET_ADMIN]}}\n  ephemeralContainers:\n    - name: debug\n      image: busybox\n",
          ),
        },
      ],
    },
    {
      name: "Deployment with kubectl's indentless sequences",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: vpn
spec:
  template:
    spec:
      containers:
      - name: vpn
        image: wireguard:1
        securityContext:
          capabilities:
            add:
            - NET_ADMIN
            - SYS_MODULE
`,
      errors: [
        {
          line: 14,
          container: "vpn",
          // WireGuard needs NET_ADMIN (the capability catalogue): no fix removes it.
          fixed: null,
        },
        {
          line: 15,
          container: "vpn",
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: vpn
spec:
  template:
    spec:
      containers:
      - name: vpn
        image: wireguard:1
        securityContext:
          capabilities:
            add:
            - NET_ADMIN
`,
        },
      ],
    },
    {
      name: "CronJob",
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: clock}
spec:
  schedule: "@hourly"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: clock
              image: chrony:4
              securityContext:
                readOnlyRootFilesystem: true
                capabilities: {add: [SYS_TIME]}
`,
      errors: [
        {
          line: 16,
          container: "clock",
          // chrony sets the clock: it needs SYS_TIME (the capability catalogue), so no fix removes it.
          fixed: null,
        },
      ],
    },
    {
      name: "capabilities shared through an anchor and a merge key: reported at each use, no fix",
      code: pod(
        "        capabilities: &caps\n          add: [SYS_ADMIN]\n",
        "    - name: b\n      image: y\n      securityContext:\n        capabilities: *caps\n    - name: c\n      image: z\n      securityContext:\n        <<: {capabilities: *caps}\n",
      ),
      errors: [
        { line: 11, container: "app", fixed: null },
        { line: 15, container: "b", fixed: null },
        { line: 19, container: "c", fixed: null },
      ],
    },
    {
      name: "custom resource: a Tekton step",
      code: "apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: build}\nspec:\n  steps:\n    - name: build\n      image: buildah\n      securityContext:\n        capabilities: {add: [SYS_ADMIN, SETFCAP]}\n",
      errors: [
        {
          line: 9,
          container: "build",
          fixed:
            "apiVersion: tekton.dev/v1\nkind: Task\nmetadata: {name: build}\nspec:\n  steps:\n    - name: build\n      image: buildah\n      securityContext:\n        capabilities: {add: [SETFCAP]}\n",
        },
      ],
    },
    {
      name: "Helm values: a chart's securityContext",
      path: "charts/vpn/values.yaml",
      code: "image:\n  repository: vpn\nsecurityContext:\n  runAsNonRoot: true\n  capabilities:\n    add: [NET_ADMIN, NET_BIND_SERVICE]\n",
      errors: [
        {
          line: 6,
          container: "securityContext",
          fixed:
            "image:\n  repository: vpn\nsecurityContext:\n  runAsNonRoot: true\n  capabilities:\n    add: [NET_BIND_SERVICE]\n",
        },
      ],
    },
  ],
});

describe("capabilities-baseline findings", () => {
  const findings = (text: string) => {
    const [result] = scan([{ path: "pod.yaml", text }]);
    return (result?.findings ?? []).filter((f) => f.ruleId === "capabilities-baseline");
  };

  it("carries the capability in the field and rates escape capabilities critical", () => {
    const found = findings(
      pod(
        "        capabilities:\n          add: [SYS_ADMIN, NET_RAW, cap_sys_module, DAC_READ_SEARCH]\n",
      ),
    );
    expect(found.map((f) => [f.field, f.severity])).toEqual([
      ["spec.containers[app].securityContext.capabilities.add[SYS_ADMIN]", "critical"],
      ["spec.containers[app].securityContext.capabilities.add[NET_RAW]", "high"],
      ["spec.containers[app].securityContext.capabilities.add[cap_sys_module]", "critical"],
      ["spec.containers[app].securityContext.capabilities.add[DAC_READ_SEARCH]", "critical"],
    ]);
    expect(found[0]?.message).toBe(
      "Container `app` adds capability `SYS_ADMIN` (`securityContext.capabilities.add`), beyond the runtime defaults the baseline allows.",
    );
  });

  it("sees SYS_ADMIN added to an existing list as new, and the rest as existing", () => {
    const base = pod("        capabilities:\n          add:\n            - NET_ADMIN\n");
    const head = pod(
      "        capabilities:\n          add:\n            - NET_ADMIN\n            - SYS_ADMIN\n",
    );
    const result = diff([{ path: "pod.yaml", base, head }]);
    const ours = (list: typeof result.introduced) =>
      list.filter((f) => f.ruleId === "capabilities-baseline").map((f) => f.field);
    expect(ours(result.introduced)).toEqual([
      "spec.containers[app].securityContext.capabilities.add[SYS_ADMIN]",
    ]);
    expect(ours(result.existing)).toEqual([
      "spec.containers[app].securityContext.capabilities.add[NET_ADMIN]",
    ]);
    expect(ours(result.resolved)).toEqual([]);
  });
});

describe("capabilities-baseline advice for a capability the workload needs", () => {
  it("says why it is kept: a recognised CNI agent, or a tool the catalogue names", async () => {
    const { scan } = await import("../../catalogue/index.js");
    const text = (image: string, command: string, hostNetwork: boolean) =>
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${hostNetwork ? "  hostNetwork: true\n" : ""}  containers:\n    - name: c\n      image: ${image}\n      command: [${command}]\n      securityContext: {capabilities: {add: [NET_ADMIN]}}\n`;
    const [flannel] = scan([
      { path: "f.yaml", text: text("flannel/flannel:v0.26.1", "/opt/bin/flanneld", true) },
    ]);
    const cni = flannel?.findings.find((f) => f.ruleId === "capabilities-baseline");
    expect(cni?.fix).toBeUndefined();
    expect(cni?.remediation).toMatch(/no fix removes it/);
    const [wg] = scan([
      { path: "w.yaml", text: text("linuxserver/wireguard:1", "wg-quick", false) },
    ]);
    const vpn = wg?.findings.find((f) => f.ruleId === "capabilities-baseline");
    expect(vpn?.fix).toBeUndefined();
    expect(vpn?.remediation).toMatch(/WireGuard .* needs `NET_ADMIN` \(the capability catalogue\)/);
  });
});
