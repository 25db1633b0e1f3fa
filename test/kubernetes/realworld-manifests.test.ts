/**
 * Real manifests from public projects (test/fixtures/realworld/manifests, see SOURCES.md), scanned
 * at both levels: read without a problem, every offered fix accepted by Kubernetes and local, and
 * the findings each project's workloads call for; and every fix on node workloads, in these
 * manifests and in the real charts beside them (test/fixtures/realworld/charts), keeps what the
 * workload needs.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { parseAllDocuments, parseDocument } from "yaml";
import { applyLineFix, scan } from "../../src/catalogue/index.js";
import type { Finding, Level } from "../../src/core/types.js";
import { templateView } from "../../src/yaml/go-template.js";
import { LineIndex } from "../../src/yaml/line-index.js";
import { templateChunks } from "../../src/yaml/template-chunks.js";
import { expectAcceptedLocalFix } from "../support/accepted-fix.js";

const DIR = new URL("../fixtures/realworld/manifests/", import.meta.url);
const FILES = readdirSync(DIR)
  .filter((f) => /\.ya?ml$/.test(f))
  .sort();

function scanFile(file: string, level: Level): { text: string; findings: readonly Finding[] } {
  const text = readFileSync(new URL(file, DIR), "utf8");
  const [result] = scan([{ path: file, text }], { level });
  expect(result?.problems).toEqual([]);
  return { text, findings: result?.findings ?? [] };
}

const privilegedOf = (findings: readonly Finding[], container: string) =>
  findings.find((f) => f.ruleId === "privileged" && f.container === container);

/**
 * The containers of node workloads in the corpus that run as root and need what they have (CNI
 * agents and their installers, CSI node plugins, device plugins, the MetalLB speaker and FRR, and
 * ip-masq-agent, which the capability catalogue knows): no fix may set runAsNonRoot over them,
 * take privileged mode or a capability they add, or confine an AppArmor or seccomp profile they
 * run unconfined, and none drops ALL from them (ip-masq-agent and kured's signal method aside:
 * dropping all with the NET_ADMIN and NET_RAW, or the KILL, they add kept is what the catalogue
 * allows).
 */
const DROP_ALL_KEEPS_IT = new Set([
  "ip-masq-agent.yaml",
  // kured's signal method, as root, signals the node's root-owned PID 1 with KILL kept.
  "kured-ds-signal.yaml",
]);
const NODE_WORKLOADS: Readonly<Record<string, readonly string[]>> = {
  "kube-flannel.yml": ["kube-flannel", "install-cni", "install-cni-plugin"],
  "calico.yaml": ["calico-node", "install-cni", "upgrade-ipam", "ebpf-bootstrap"],
  "canal.yaml": ["calico-node", "kube-flannel", "install-cni", "ebpf-bootstrap"],
  "calico-csi-driver.yaml": ["calico-csi", "csi-node-driver-registrar"],
  "aws-ebs-csi-node.yaml": ["ebs-plugin"],
  "longhorn.yaml": ["longhorn-manager"],
  "ip-masq-agent.yaml": ["ip-masq-agent"],
  "metallb-native.yaml": ["speaker"],
  "metallb-frr.yaml": ["speaker", "frr", "reloader", "frr-metrics"],
  "kured-ds.yaml": ["kured"],
  "kube-router-dsr.yaml": ["kube-router", "install-cni"],
  "csi-nfs-node.yaml": ["nfs", "node-driver-registrar"],
  "csi-nfs-controller.yaml": ["nfs"],
  "node-problem-detector.yaml": ["node-problem-detector"],
  "sriovdp-daemonset.yaml": ["kube-sriovdp"],
  "kured-ds-signal.yaml": ["kured"],
  "nvidia-device-plugin.yml": ["nvidia-device-plugin-ctr"],
  "nvidia-device-plugin-privileged.yml": ["nvidia-device-plugin-ctr"],
  "nvidia-gpu-driver.yaml": [
    "k8s-driver-manager",
    "nvidia-driver-ctr",
    "nvidia-peermem-ctr",
    "nvidia-fs-ctr",
    "nvidia-gdrcopy-ctr",
    "openshift-driver-toolkit-ctr",
  ],
};

/**
 * The same promise on node workloads as real charts write them (test/fixtures/realworld/charts):
 * in a template, every container of its documents and `define`s (Falco's sensor, which runs
 * AppArmor-unconfined with its least-privileged driver, and its privileged driver loader); in a
 * values file, the security context blocks the chart gives node workload containers, each with
 * the capabilities its workload needs: the Bitnami MetalLB speaker block adds NET_ADMIN, NET_RAW
 * and SYS_ADMIN, of which the speaker needs NET_RAW alone (MetalLB's manifests give it only that,
 * and MetalLB removed the other two as not needed: metallb/metallb e0687ef), while its FRR block
 * is FRR's (NET_ADMIN, NET_RAW and SYS_ADMIN in MetalLB's FRR manifests).
 */
const CHARTS_DIR = new URL("../fixtures/realworld/charts/", import.meta.url);
const EVERY_CONTAINER = "every container";
const CHART_NODE_WORKLOADS: Readonly<
  Record<string, typeof EVERY_CONTAINER | Readonly<Record<string, readonly string[]>>>
> = {
  "falco/templates/pod-template.tpl": EVERY_CONTAINER,
  "istio-cni/templates/daemonset.yaml": EVERY_CONTAINER,
  "ztunnel/templates/daemonset.yaml": EVERY_CONTAINER,
  "metallb/values.yaml": {
    "speaker.containerSecurityContext": ["NET_RAW"],
    "speaker.frr.containerSecurityContext": ["NET_ADMIN", "NET_RAW", "SYS_ADMIN"],
  },
};
const CHARTS = readdirSync(CHARTS_DIR);

interface Seen {
  readonly nonRoot: boolean;
  readonly privileged: boolean;
  readonly add: readonly string[];
  readonly dropsAll: boolean;
  /** The AppArmor and seccomp profiles that reach it unconfined, by where they are written. */
  readonly unconfined: readonly string[];
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === "object" ? (v as Obj) : {});
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.map(obj) : []);
const APPARMOR_ANNOTATION = "container.apparmor.security.beta.kubernetes.io/";

/** What a container ends up with, as the kubelet resolves its and its pod's settings. */
function seenOf(container: Obj, spec: Obj, podMetadata: Obj): Seen {
  const podContext = obj(spec.securityContext);
  const sc = obj(container.securityContext);
  const caps = obj(sc.capabilities);
  const type = (context: Obj, key: string) => obj(context[key]).type;
  const unconfined = [
    ...Object.entries(obj(podMetadata.annotations))
      .filter(([key, value]) => key.startsWith(APPARMOR_ANNOTATION) && value === "unconfined")
      .map(([key]) => key),
    ...(type(sc, "appArmorProfile") === "Unconfined" ? ["container appArmorProfile"] : []),
    ...(type(podContext, "appArmorProfile") === "Unconfined" ? ["pod appArmorProfile"] : []),
    ...(type(sc, "seccompProfile") === "Unconfined" ? ["container seccompProfile"] : []),
    ...(type(podContext, "seccompProfile") === "Unconfined" ? ["pod seccompProfile"] : []),
  ];
  return {
    nonRoot: (sc.runAsNonRoot ?? podContext.runAsNonRoot) === true,
    privileged: sc.privileged === true,
    // As the container runtime reads them: `CAP_KILL` is `KILL` (the baseline's fix renames it).
    add: (Array.isArray(caps.add) ? caps.add : []).map((c) => String(c).replace(/^CAP_/, "")),
    dropsAll: Array.isArray(caps.drop) && caps.drop.includes("ALL"),
    unconfined,
  };
}

/** What each named container of the text's pods ends up with. */
function containersOf(text: string, names: readonly string[]): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  for (const doc of parseAllDocuments(text)) {
    const o = obj(doc.toJS());
    const template = o.kind === "Pod" ? o : obj(obj(o.spec).template);
    const spec = obj(template.spec);
    for (const c of [...list(spec.initContainers), ...list(spec.containers)]) {
      const name = String(c.name);
      if (!names.includes(name)) continue;
      seen.set(`${String(obj(o.metadata).name)}/${name}`, seenOf(c, spec, obj(template.metadata)));
    }
  }
  return seen;
}

/**
 * What every container of a chart template ends up with, read with its template actions as
 * placeholders: each document and each `define` (a pod template's `metadata` and `spec`, or a
 * list of containers), the containers by their place.
 */
function templateContainersOf(text: string): Map<string, Seen> {
  const seen = new Map<string, Seen>();
  const chunks = templateChunks(text);
  if (!Array.isArray(chunks)) throw new Error(`not a template: ${chunks.message}`);
  chunks.forEach((chunk, i) => {
    for (const doc of parseAllDocuments(templateView(chunk.text).text, { uniqueKeys: false })) {
      const root = doc.toJS() as unknown;
      const pod = obj(Array.isArray(root) ? {} : root);
      const template = pod.kind ? obj(obj(pod.spec).template) : pod;
      const spec = obj(template.spec);
      const containers = Array.isArray(root)
        ? list(root)
        : [...list(spec.initContainers), ...list(spec.containers)];
      containers.forEach((c, j) => {
        seen.set(`${i}/${j}`, seenOf(c, spec, obj(template.metadata)));
      });
    }
  });
  return seen;
}

/** What the security context blocks at `paths` of a values file hold. */
function valuesContextsOf(text: string, paths: readonly string[]): Map<string, Seen> {
  const values = obj(parseDocument(text).toJS());
  const at = (path: string) => path.split(".").reduce<Obj>((o, key) => obj(o[key]), values);
  return new Map(paths.map((p) => [p, seenOf({ securityContext: at(p) }, {}, {})]));
}

/**
 * What a fix broke of what a node workload had: of its capabilities, those it needs (by default
 * every one it adds).
 */
function broken(
  was: Seen,
  now: Seen | undefined,
  {
    dropAllKeepsIt = false,
    needs = was.add,
  }: { dropAllKeepsIt?: boolean; needs?: readonly string[] } = {},
): string[] {
  return [
    ...(now?.nonRoot && !was.nonRoot ? ["sets runAsNonRoot"] : []),
    ...(was.privileged && !now?.privileged ? ["removes privileged"] : []),
    ...needs.filter((c) => !now?.add.includes(c)).map((c) => `removes ${c}`),
    ...(now?.dropsAll && !was.dropsAll && !dropAllKeepsIt ? ["drops ALL"] : []),
    ...was.unconfined.filter((u) => !now?.unconfined.includes(u)).map((u) => `confines ${u}`),
  ];
}

describe("real-world manifests", () => {
  it("holds at least a dozen files", () => {
    expect(FILES.length).toBeGreaterThanOrEqual(12);
  });

  for (const level of ["baseline", "restricted"] as const) {
    describe(level, () => {
      for (const file of FILES) {
        it(`${file}: read without a problem, every fix accepted and local`, () => {
          const { text, findings } = scanFile(file, level);
          const index = new LineIndex(text);
          for (const f of findings) {
            if (!f.fix) continue;
            const fixed = applyLineFix(text, index, f.fix);
            expect(fixed).not.toBe(text);
            expectAcceptedLocalFix(text, fixed);
          }
        }, 60_000);
      }
    });
  }

  it("storage workloads keep privileged mode for their Bidirectional mounts, each named for what it is", () => {
    for (const [file, container, workload] of [
      ["aws-ebs-csi-node.yaml", "ebs-plugin", "a CSI node plugin"],
      ["calico-csi-driver.yaml", "calico-csi", "a CSI node plugin"],
      // Longhorn's manager is no CSI plugin: what it needs privileged mode for is its mounts.
      ["longhorn.yaml", "longhorn-manager", "a workload sharing its mounts with the node"],
    ] as const) {
      const finding = privilegedOf(scanFile(file, "baseline").findings, container);
      expect([file, finding?.fix]).toEqual([file, undefined]);
      expect(finding?.remediation).toContain(`This looks like ${workload}`);
      expect(finding?.remediation).toContain("justified exception");
    }
  });

  it("CNI agents keep privileged mode and the host network", () => {
    for (const [file, containers] of [
      ["calico.yaml", ["calico-node", "install-cni", "ebpf-bootstrap"]],
      ["canal.yaml", ["calico-node", "kube-flannel", "install-cni"]],
    ] as const) {
      const { findings } = scanFile(file, "baseline");
      for (const c of containers) {
        const finding = privilegedOf(findings, c);
        expect([file, c, finding?.fix]).toEqual([file, c, undefined]);
        expect(finding?.remediation).toContain("CNI agent");
      }
      const hostNetwork = findings.filter((f) => f.ruleId === "host-namespaces");
      expect(hostNetwork.length).toBeGreaterThan(0);
      for (const f of hostNetwork) expect(f.fix).toBeUndefined();
    }
    const flannel = scanFile("kube-flannel.yml", "baseline").findings;
    const hostNetwork = flannel.find((f) => f.ruleId === "host-namespaces");
    expect(hostNetwork?.fix).toBeUndefined();
    expect(hostNetwork?.remediation).toContain("CNI agent");
  });

  it("the NVIDIA device plugin keeps privileged mode; the unprivileged variant has no finding of it", () => {
    const finding = privilegedOf(
      scanFile("nvidia-device-plugin-privileged.yml", "baseline").findings,
      "nvidia-device-plugin-ctr",
    );
    expect(finding?.fix).toBeUndefined();
    expect(finding?.remediation).toContain("Device plugin");
    const plain = scanFile("nvidia-device-plugin.yml", "baseline").findings;
    expect(plain.filter((f) => f.ruleId === "privileged")).toEqual([]);
  });

  it("the NVIDIA GPU driver's containers keep privileged mode and host PID, with a driver on the node as the alternative", () => {
    const { findings } = scanFile("nvidia-gpu-driver.yaml", "baseline");
    for (const c of [
      "nvidia-driver-ctr",
      "nvidia-peermem-ctr",
      "nvidia-fs-ctr",
      "nvidia-gdrcopy-ctr",
      "openshift-driver-toolkit-ctr",
    ]) {
      const finding = privilegedOf(findings, c);
      expect([c, finding?.fix]).toEqual([c, undefined]);
      expect(finding?.remediation).toContain("This looks like a GPU driver container");
      expect(finding?.remediation).toContain("`driver.enabled: false`");
    }
    const hostPid = findings.filter((f) => f.ruleId === "host-namespaces");
    expect(hostPid.map((f) => [f.field, f.fix])).toEqual([
      ["spec.template.spec.hostPID", undefined],
    ]);
    expect(hostPid[0]?.remediation).toContain("GPU driver container");
  });

  it("kured keeps the host PID namespace it reboots its node through, and privileged mode only for its command method", () => {
    const command = scanFile("kured-ds.yaml", "baseline").findings;
    const privileged = privilegedOf(command, "kured");
    expect(privileged?.fix).toBeUndefined();
    expect(privileged?.remediation).toContain("kured node reboot daemon");
    expect(privileged?.remediation).toContain("`--reboot-method=signal`");
    const signal = scanFile("kured-ds-signal.yaml", "baseline").findings;
    for (const findings of [command, signal]) {
      const hostPid = findings.filter((f) => f.ruleId === "host-namespaces");
      expect(hostPid.map((f) => [f.field, f.fix])).toEqual([
        ["spec.template.spec.hostPID", undefined],
      ]);
    }
    // Its signal method's `CAP_KILL` is still spelled as the baseline allows it.
    const kill = signal.find((f) => f.ruleId === "capabilities-baseline");
    expect(kill?.fix?.description).toBe(
      "Write `CAP_KILL` as `KILL`, the name the baseline allows.",
    );
  });

  it("kube-router keeps privileged mode, the host network and the host PID and IPC namespaces its DSR mode needs", () => {
    for (const level of ["baseline", "restricted"] as const) {
      const { findings } = scanFile("kube-router-dsr.yaml", level);
      expect(privilegedOf(findings, "kube-router")?.fix).toBeUndefined();
      const namespaces = findings.filter((f) => f.ruleId === "host-namespaces");
      expect(namespaces.map((f) => f.field.split(".").pop()).sort()).toEqual([
        "hostIPC",
        "hostNetwork",
        "hostPID",
      ]);
      for (const f of namespaces) {
        expect(f.fix).toBeUndefined();
        expect(f.remediation).toContain("This looks like a kube-router agent");
        expect(f.remediation).toContain("direct server return");
      }
    }
  });

  it("the NFS CSI driver keeps privileged mode and the host network its NFS mounts live in, node plugin and controller", () => {
    for (const file of ["csi-nfs-node.yaml", "csi-nfs-controller.yaml"]) {
      const { findings } = scanFile(file, "baseline");
      expect([file, privilegedOf(findings, "nfs")?.fix]).toEqual([file, undefined]);
      const hostNetwork = findings.filter((f) => f.ruleId === "host-namespaces");
      expect(hostNetwork.map((f) => [f.field, f.fix])).toEqual([
        ["spec.template.spec.hostNetwork", undefined],
      ]);
      expect(hostNetwork[0]?.remediation).toContain(
        "This looks like a CSI driver for network storage (NFS, SMB, Amazon EFS, Ceph) (image `k8s-staging-sig-storage/nfsplugin`)",
      );
    }
  });

  it("node-problem-detector keeps the privileged mode without which /dev/kmsg cannot be opened", () => {
    const { findings } = scanFile("node-problem-detector.yaml", "baseline");
    const privileged = privilegedOf(findings, "node-problem-detector");
    expect(privileged?.fix).toBeUndefined();
    expect(privileged?.remediation).toContain("This looks like a kernel log reader");
    const kmsg = findings.find(
      (f) => f.ruleId === "host-path-volumes" && f.message.includes("kmsg"),
    );
    expect(kmsg?.remediation).toContain("needs the host path `/dev/kmsg` mounted");
  });

  it("the SR-IOV network device plugin keeps privileged mode and the host network its devices are seen in", () => {
    const { findings } = scanFile("sriovdp-daemonset.yaml", "baseline");
    expect(privilegedOf(findings, "kube-sriovdp")?.fix).toBeUndefined();
    const hostNetwork = findings.filter((f) => f.ruleId === "host-namespaces");
    expect(hostNetwork.map((f) => [f.field, f.fix])).toEqual([
      ["spec.template.spec.hostNetwork", undefined],
    ]);
    expect(hostNetwork[0]?.remediation).toContain("device plugin for SR-IOV network devices");
  });

  it("rook's direct-mount tools: privileged is replaced, and the fix says no capability was inferred", () => {
    const finding = privilegedOf(
      scanFile("rook-direct-mount.yaml", "baseline").findings,
      "rook-direct-mount",
    );
    expect(finding?.fix?.description).toContain("No capability was inferred");
  });

  it("ip-masq-agent and the MetalLB speaker: their documented capabilities are what is reported", () => {
    const masq = scanFile("ip-masq-agent.yaml", "baseline").findings;
    expect(
      masq.filter((f) => f.ruleId === "capabilities-baseline").map((f) => f.field.split("[").pop()),
    ).toEqual(["NET_ADMIN]", "NET_RAW]"]);
    const speaker = scanFile("metallb-native.yaml", "baseline").findings;
    expect(
      speaker
        .filter((f) => f.ruleId === "capabilities-baseline")
        .map((f) => [f.container, f.field.split("[").pop()]),
    ).toEqual([["speaker", "NET_RAW]"]]);
  });

  it("the MetalLB speaker keeps the host network it announces addresses from", () => {
    for (const file of ["metallb-native.yaml", "metallb-frr.yaml"]) {
      const hostNetwork = scanFile(file, "baseline").findings.filter(
        (f) => f.ruleId === "host-namespaces",
      );
      expect([file, hostNetwork.map((f) => f.field)]).toEqual([
        file,
        ["spec.template.spec.hostNetwork"],
      ]);
      expect(hostNetwork[0]?.fix).toBeUndefined();
      expect(hostNetwork[0]?.remediation).toContain("Load-balancer address announcer");
    }
  });

  it("the host paths a CNI agent, CSI node plugin or device plugin needs get the exception path", () => {
    for (const [file, workload, paths] of [
      [
        "kube-flannel.yml",
        "CNI agent",
        ["/run/flannel", "/opt/cni/bin", "/etc/cni/net.d", "/run/xtables.lock"],
      ],
      [
        "aws-ebs-csi-node.yaml",
        "CSI node plugin",
        [
          "/var/lib/kubelet",
          "/var/lib/kubelet/plugins/ebs.csi.aws.com/",
          "/var/lib/kubelet/plugins_registry/",
          "/dev",
        ],
      ],
      ["nvidia-device-plugin-privileged.yml", "Device plugin", ["/var/lib/kubelet/device-plugins"]],
    ] as const) {
      const hostPaths = scanFile(file, "baseline").findings.filter(
        (f) => f.ruleId === "host-path-volumes",
      );
      expect([file, hostPaths.length]).toEqual([file, paths.length]);
      for (const [i, f] of hostPaths.entries()) {
        expect(f.remediation).toContain(`This looks like a ${workload}`);
        expect(f.remediation).toContain(`needs the host path \`${paths[i]}\` mounted`);
      }
    }
    // calico-node's host /proc is for its eBPF data plane only: not taken as needed.
    const calico = scanFile("calico.yaml", "baseline").findings;
    const proc = calico.find(
      (f) => f.ruleId === "host-path-volumes" && f.message.includes("`/proc`"),
    );
    expect(proc?.remediation).not.toContain("CNI agent");
  });

  it("no fix on a recognised node workload sets runAsNonRoot, removes what it needs or drops ALL", () => {
    let checked = 0;
    for (const [file, names] of Object.entries(NODE_WORKLOADS)) {
      for (const level of ["baseline", "restricted"] as const) {
        const { text, findings } = scanFile(file, level);
        const before = containersOf(text, names);
        expect([file, before.size > 0]).toEqual([file, true]);
        for (const f of findings) {
          if (!f.fix) continue;
          const after = containersOf(applyLineFix(text, new LineIndex(text), f.fix), names);
          for (const [id, was] of before) {
            const lost = broken(was, after.get(id), {
              dropAllKeepsIt: DROP_ALL_KEEPS_IT.has(file),
            });
            expect([file, f.ruleId, id, lost]).toEqual([file, f.ruleId, id, []]);
            checked++;
          }
        }
      }
    }
    expect(checked).toBeGreaterThan(50);
  });

  it("the same on node workloads as real charts write them, templates and values", () => {
    const files = readdirSync(CHARTS_DIR, { recursive: true })
      .map(String)
      .filter((f) => /\.(ya?ml|tpl)$/.test(f))
      .map((path) => ({ path, text: readFileSync(new URL(path, CHARTS_DIR), "utf8") }));
    const scanned = files.filter(
      (f) => f.path.includes("/templates/") || f.path.endsWith("/values.yaml"),
    );
    let checked = 0;
    const lost: string[] = [];
    for (const level of ["baseline", "restricted"] as const) {
      const results = scan(scanned, { level, charts: CHARTS });
      for (const [file, which] of Object.entries(CHART_NODE_WORKLOADS)) {
        const text = files.find((f) => f.path === file)?.text ?? "";
        const read = (t: string) =>
          which === EVERY_CONTAINER
            ? templateContainersOf(t)
            : valuesContextsOf(t, Object.keys(which));
        const before = read(text);
        expect([file, before.size > 0]).toEqual([file, true]);
        const result = results.find((r) => r.path === file);
        expect(result?.problems).toEqual([]);
        for (const f of result?.findings ?? []) {
          if (!f.fix) continue;
          const after = read(applyLineFix(text, new LineIndex(text), f.fix));
          for (const [id, was] of before) {
            const needs = which === EVERY_CONTAINER ? was.add : (which[id] ?? was.add);
            expect(needs.every((c) => was.add.includes(c))).toBe(true);
            for (const what of broken(was, after.get(id), { needs }))
              lost.push(
                `${file} at ${level}: the ${f.ruleId} fix on line ${f.line} ${what} (${id})`,
              );
            checked++;
          }
        }
      }
    }
    expect(lost).toEqual([]);
    expect(checked).toBeGreaterThan(0);
  });

  it("the MetalLB FRR container keeps its capabilities and the runtime's defaults, and says why", () => {
    const { findings } = scanFile("metallb-frr.yaml", "restricted");
    const frr = findings.filter(
      (f) => f.ruleId === "capabilities-restricted" && f.container === "frr",
    );
    expect(frr.map((f) => [f.field.split(".").pop(), f.fix])).toEqual([
      ["drop", undefined],
      ["add[NET_ADMIN]", undefined],
      ["add[NET_RAW]", undefined],
      ["add[SYS_ADMIN]", undefined],
    ]);
    expect(frr[0]?.remediation).toContain("setreuid and setregid need SETUID and SETGID");
    expect(frr[1]?.remediation).toContain("needs `NET_ADMIN` (the capability catalogue)");
  });

  it("runAsNonRoot is never set over an effective UID 0", () => {
    for (const file of ["aws-ebs-csi-node.yaml", "longhorn.yaml", "rook-direct-mount.yaml"]) {
      const { text, findings } = scanFile(file, "restricted");
      for (const f of findings.filter((x) => x.ruleId === "run-as-non-root" && x.fix)) {
        const fixed = applyLineFix(text, new LineIndex(text), f.fix as NonNullable<Finding["fix"]>);
        expectAcceptedLocalFix(text, fixed);
      }
    }
  });

  it("the namespaces flannel and MetalLB make privileged are reported on their label, without a fix", () => {
    for (const [file, namespace, line] of [
      ["kube-flannel.yml", "kube-flannel", 8],
      ["metallb-native.yaml", "metallb-system", 6],
      ["metallb-frr.yaml", "metallb-system", 6],
    ] as const) {
      const found = scanFile(file, "baseline").findings.filter((f) =>
        f.ruleId.startsWith("pod-security-"),
      );
      expect(found.map((f) => [file, f.ruleId, f.line, f.fix])).toEqual([
        [file, "pod-security-enforce-privileged", line, undefined],
      ]);
      expect(found[0]?.message).toContain(`Namespace \`${namespace}\``);
      expect(found[0]?.resource).toEqual({
        apiVersion: "v1",
        kind: "Namespace",
        name: namespace,
        namespace: null,
      });
    }
    // Namespaces without a Pod Security label (Longhorn, ingress-nginx) are not judged by a scan.
    for (const file of ["longhorn.yaml", "ingress-nginx-baremetal.yaml"]) {
      const found = scanFile(file, "restricted").findings.filter((f) =>
        f.ruleId.startsWith("pod-security-"),
      );
      expect([file, found]).toEqual([file, []]);
    }
  });
});
