/**
 * Real PodSecurity admission configurations (test/fixtures/realworld/admission, see SOURCES.md):
 * kubevirtci's, whose exempt namespaces grew by one between two versions.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { diff, scan } from "../../src/catalogue/index.js";

const read = (file: string) =>
  readFileSync(new URL(`../fixtures/realworld/admission/${file}`, import.meta.url), "utf8");
const BEFORE = read("kubevirtci-psa-2022-09.yaml");
const AFTER = read("kubevirtci-psa.yaml");
const PATH = "cluster-provision/psa.yaml";

describe("kubevirtci's PodSecurity admission configuration", () => {
  it("a scan reports each exempt namespace on its own item of the flow list", () => {
    const [result] = scan([{ path: PATH, text: AFTER }], { level: "restricted" });
    expect(result?.problems).toEqual([]);
    const found = result?.findings ?? [];
    expect(found.map((f) => f.ruleId)).toEqual(Array(9).fill("pod-security-exemption"));
    const line = AFTER.split("\n").findIndex((l) => l.includes("namespaces:")) + 1;
    expect(new Set(found.map((f) => f.line))).toEqual(new Set([line]));
    // Each finding covers its own quoted item: distinct columns, in order.
    const columns = found.map((f) => f.column);
    expect(columns).toEqual([...columns].sort((a, b) => a - b));
    expect(new Set(columns).size).toBe(9);
    const lineText = AFTER.split("\n")[line - 1] ?? "";
    expect(found.map((f) => lineText.slice(f.column - 1, f.endColumn))).toEqual([
      '"kube-system"',
      '"default"',
      '"istio-operator"',
      '"istio-system"',
      '"nfs-csi"',
      '"monitoring"',
      '"rook-ceph"',
      '"cluster-network-addons"',
      '"sonobuoy"',
    ]);
  });

  it("the change that added sonobuoy introduces that one exemption alone", () => {
    const change = diff([{ path: PATH, base: BEFORE, head: AFTER }], { level: "restricted" });
    expect(change.problems).toEqual([]);
    expect(change.introduced.map((f) => f.message)).toEqual([
      "The PodSecurity admission configuration exempts namespace `sonobuoy`: Pod Security admission checks none of its pods, whatever its labels say.",
    ]);
    expect(change.existing).toHaveLength(8);
    expect(change.resolved).toEqual([]);
  });
});
