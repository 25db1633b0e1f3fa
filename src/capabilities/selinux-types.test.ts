import { describe, expect, it } from "@jest/globals";
import { ALLOWED_SELINUX_TYPES } from "../rules/k8s/se-linux-options.js";
import { SELINUX_TYPE_NEEDS, seLinuxTypeNeeded } from "./selinux-types.js";
import type { ContainerFacts } from "./types.js";

describe("the SELinux types workloads need", () => {
  it("gives each entry its evidence, and types the baseline does not already allow", () => {
    const ids = SELINUX_TYPE_NEEDS.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const need of SELINUX_TYPE_NEEDS) {
      expect([need.id, need.evidence.length > 0]).toEqual([need.id, true]);
      for (const e of need.evidence) expect(e.url).toMatch(/^https:\/\/\S+$/);
      for (const type of need.types) {
        expect([need.id, type, ALLOWED_SELINUX_TYPES.has(type)]).toEqual([need.id, type, false]);
        expect(type).toMatch(/^[a-z0-9_]+_t$/);
      }
    }
  });

  it.each<[string, ContainerFacts, string, string | null]>([
    ["Cilium's image", { image: "quay.io/cilium/cilium:v1.18.0" }, "spc_t", "cilium"],
    [
      "Piraeus' DRBD module loader, by the variables it reads",
      { image: "drbd-module-loader", environment: ["LB_SELINUX_AS"] },
      "spc_t",
      "drbd-module-loader",
    ],
    ["Bitnami's Cilium image", { image: "docker.io/bitnami/cilium:1.18.1" }, "spc_t", "cilium"],
    ["Cilium's Envoy", { image: "quay.io/cilium/cilium-envoy:v1.34" }, "spc_t", "cilium"],
    ["Datadog's agent image", { image: "gcr.io/datadoghq/agent:7.70.0" }, "spc_t", "datadog-agent"],
    ["Datadog's system-probe", { command: ["system-probe", "run"] }, "spc_t", "datadog-agent"],
    [
      "Inspektor Gadget's image",
      { image: "ghcr.io/inspektor-gadget/inspektor-gadget:v0.40.0" },
      "spc_t",
      "inspektor-gadget",
    ],
    [
      "Intel's GPU plugin",
      { image: "intel/intel-gpu-plugin:0.34.0" },
      "container_device_plugin_t",
      "intel-device-plugin",
    ],
    [
      "Intel's init container",
      { image: "intel/intel-dsa-initcontainer:0.34.0" },
      "container_device_plugin_init_t",
      "intel-device-plugin",
    ],
    [
      "a type its manifests do not set",
      { image: "quay.io/cilium/cilium:v1.18.0" },
      "unconfined_t",
      null,
    ],
    ["another workload's type", { image: "intel/intel-gpu-plugin:0.34.0" }, "spc_t", null],
    ["a workload the table does not know", { image: "nginx:1.27" }, "spc_t", null],
    ["nothing known", {}, "spc_t", null],
  ])("%s", (_name, facts, type, id) => {
    expect(seLinuxTypeNeeded(facts, type)?.entry.id ?? null).toBe(id);
  });
});
