import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { hostPathVolumes } from "./host-path-volumes.js";

/** A Pod with one container; `volumes` starts at line 9. */
const pod = (volumes: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
${volumes}`;

const hostPathPod = (path: string) =>
  pod(`  volumes:\n    - name: host\n      hostPath:\n        path: ${path}\n`);

runRuleTests(hostPathVolumes, {
  valid: [
    {
      name: "emptyDir, configMap, projected and CSI volumes",
      code: pod(
        "  volumes:\n    - name: tmp\n      emptyDir: {}\n    - name: conf\n      configMap: {name: c}\n    - name: token\n      projected: {sources: []}\n    - name: secrets\n      csi: {driver: secrets-store.csi.k8s.io}\n",
      ),
    },
    {
      name: "hostPath: null is no hostPath",
      code: pod("  volumes:\n    - name: v\n      hostPath: null\n"),
    },
    {
      name: "a PersistentVolume's hostPath is not a pod volume",
      code: "apiVersion: v1\nkind: PersistentVolume\nmetadata: {name: pv}\nspec:\n  capacity: {storage: 1Gi}\n  hostPath: {path: /data}\n",
    },
  ],
  invalid: [
    {
      name: "a data directory (block style), no automatic fix",
      code: hostPathPod("/data/cache"),
      errors: [{ line: 11, endLine: 12, container: null, fixed: null }],
    },
    {
      name: "the runtime socket in flow style",
      code: pod(
        "  volumes: [{name: docker, hostPath: {path: /var/run/docker.sock, type: Socket}}]\n",
      ),
      errors: [{ line: 9, fixed: null }],
    },
    {
      name: "one finding per volume",
      code: pod(
        "  volumes:\n    - name: a\n      hostPath: {path: /a}\n    - name: tmp\n      emptyDir: {}\n    - name: b\n      hostPath: {path: /b}\n",
      ),
      errors: [
        { line: 11, fixed: null },
        { line: 15, fixed: null },
      ],
    },
    {
      name: "hostPath without a path is still a hostPath",
      code: pod("  volumes:\n    - name: v\n      hostPath: {}\n"),
      errors: [{ line: 11, fixed: null }],
    },
    {
      name: "DaemonSet log shipper",
      code: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: logs
spec:
  template:
    spec:
      containers:
      - name: shipper
        image: fluent-bit:3
      volumes:
      - name: varlog
        hostPath:
          path: /var/log
`,
      errors: [{ line: 13, fixed: null }],
    },
    {
      name: "Deployment of a CI runner mounting the Docker socket",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: runner, namespace: ci}
spec:
  template:
    spec:
      containers:
        - name: runner
          image: runner:2
          volumeMounts:
            - {name: docker, mountPath: /var/run/docker.sock}
      volumes:
        - name: docker
          hostPath:
            path: /var/run/docker.sock
            type: Socket
`,
      errors: [{ line: 14, endLine: 16, fixed: null }],
    },
    {
      name: "CronJob",
      code: `apiVersion: batch/v1
kind: CronJob
metadata: {name: cleanup}
spec:
  schedule: "@daily"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - {name: cleanup, image: busybox}
          volumes:
            - name: root
              hostPath: {path: /}
`,
      errors: [{ line: 15, fixed: null }],
    },
    {
      name: "shared through an alias: reported where it is used",
      code: `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers: [{name: a, image: x}]
      volumes:
        - &sock
          name: sock
          hostPath: {path: /run/containerd/containerd.sock}
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      containers: [{name: b, image: y}]
      volumes:
        - *sock
`,
      errors: [
        { line: 12, fixed: null },
        { line: 19, fixed: null },
      ],
    },
    {
      name: "Helm values: a chart's extraVolumes",
      path: "charts/agent/values.yaml",
      code: "securityContext:\n  runAsNonRoot: true\nextraVolumes:\n  - name: proc\n    hostPath:\n      path: /proc\n",
      errors: [{ line: 5, endLine: 6, container: null, fixed: null }],
    },
  ],
});

describe("host-path-volumes severity and message", () => {
  const finding = (path: string) => {
    const [result] = scan([{ path: "pod.yaml", text: hostPathPod(path) }]);
    const found = (result?.findings ?? []).filter((f) => f.ruleId === "host-path-volumes");
    expect(found).toHaveLength(1);
    return found[0];
  };

  it.each([
    "/var/run/docker.sock",
    "/run/docker.sock",
    "/run/containerd/containerd.sock",
    "/var/run/crio/crio.sock",
    "/var/run",
    "/run",
    "/run/containerd",
    "/var/lib/docker",
    "/var/lib/kubelet",
    "/var/lib/kubelet/",
    "/var//run/./docker.sock",
    "/var",
    "\\\\.\\pipe\\docker_engine",
  ])("a runtime socket, its directory or a directory above it is critical: %s", (path) => {
    const f = finding(path);
    expect(f?.severity).toBe("critical");
    expect(f?.message).toContain("container runtime's socket");
    expect(f?.message).toContain(`\`${path}\``);
  });

  it.each(["/", "/etc", "/proc", "/sys", "/dev", "/root", "/home", "/etc/"])(
    "the host root or a system directory is critical: %s",
    (path) => {
      const f = finding(path);
      expect(f?.severity).toBe("critical");
      expect(f?.message).toContain("system directory");
    },
  );

  it.each([
    "/data",
    "/var/log",
    "/etc/ssl/certs",
    "/var/lib/kubelet/plugins/csi.example.com",
    "/srv/run",
  ])("other paths are high: %s", (path) => {
    const f = finding(path);
    expect(f?.severity).toBe("high");
    expect(f?.message).toBe(
      `Volume \`host\` mounts host path \`${path}\` from the node (\`hostPath\`).`,
    );
    expect(f?.field).toBe("spec.volumes[host].hostPath");
  });

  it("explains that the runtime socket is root on the node", () => {
    expect(finding("/data")?.explanation).toMatch(/runtime socket .* is root on the node/);
  });
});

describe("host paths a recognised node workload needs", () => {
  /** flannel's DaemonSet, shortened: the agent on the host network, its CNI installer beside it. */
  const flannel = (path: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: kube-flannel-ds
spec:
  selector:
    matchLabels: {app: flannel}
  template:
    metadata:
      labels: {app: flannel}
    spec:
      hostNetwork: true
      initContainers:
      - name: install-cni
        image: example/installer:1
        volumeMounts:
        - {name: cni, mountPath: /etc/cni/net.d}
      containers:
      - name: kube-flannel
        image: example/agent:1
        volumeMounts:
        - {name: host, mountPath: /mnt}
      volumes:
      - name: cni
        hostPath: {path: /etc/cni/net.d}
      - name: host
        hostPath: {path: ${path}}
`;
  const remediationOf = (text: string) =>
    scan([{ path: "flannel.yaml", text }])[0]
      ?.findings.filter((f) => f.ruleId === "host-path-volumes")
      .map((f) => f.remediation) ?? [];

  it("a CNI agent's own host paths: the isolated exception, not another volume type", () => {
    const [cni, lock] = remediationOf(flannel("/run/xtables.lock"));
    expect(cni).toContain("This looks like a CNI agent (mount `/etc/cni/net.d`)");
    expect(lock).toContain("needs the host path `/run/xtables.lock` mounted");
    expect(lock).toContain("justified exception");
  });

  it("a host path the workload does not need keeps the ordinary remediation", () => {
    const [, other] = remediationOf(flannel("/var/lib/docker"));
    expect(other).toBe(hostPathVolumes.remediation);
  });

  it("off the host network, the same pod is no CNI agent", () => {
    const [cni] = remediationOf(
      flannel("/run/xtables.lock").replace("hostNetwork: true", "hostNetwork: false"),
    );
    expect(cni).toBe(hostPathVolumes.remediation);
  });
});
