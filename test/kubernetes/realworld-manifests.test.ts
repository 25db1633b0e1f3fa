/**
 * Real manifests from public projects (test/fixtures/realworld/manifests, see SOURCES.md), scanned
 * at both levels: read without a problem, every offered fix accepted by Kubernetes and local, and
 * the findings each project's workloads call for.
 */
import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { applyLineFix, scan } from "../../src/catalogue/index.js";
import type { Finding, Level } from "../../src/core/types.js";
import { LineIndex } from "../../src/yaml/line-index.js";
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

  it("CSI node plugins keep privileged mode for their Bidirectional mounts", () => {
    for (const [file, container] of [
      ["aws-ebs-csi-node.yaml", "ebs-plugin"],
      ["calico-csi-driver.yaml", "calico-csi"],
      ["longhorn.yaml", "longhorn-manager"],
    ] as const) {
      const finding = privilegedOf(scanFile(file, "baseline").findings, container);
      expect([file, finding?.fix]).toEqual([file, undefined]);
      expect(finding?.remediation).toContain("CSI node plugin");
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

  it("runAsNonRoot is never set over an effective UID 0", () => {
    for (const file of ["aws-ebs-csi-node.yaml", "longhorn.yaml", "rook-direct-mount.yaml"]) {
      const { text, findings } = scanFile(file, "restricted");
      for (const f of findings.filter((x) => x.ruleId === "run-as-non-root" && x.fix)) {
        const fixed = applyLineFix(text, new LineIndex(text), f.fix as NonNullable<Finding["fix"]>);
        expectAcceptedLocalFix(text, fixed);
      }
    }
  });
});
