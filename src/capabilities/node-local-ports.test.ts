import { describe, expect, it } from "@jest/globals";
import { NODE_LOCAL_PORTS, nodeLocalPortNeeded } from "./node-local-ports.js";
import type { ContainerFacts } from "./types.js";

describe("the host ports applications send to a node agent at", () => {
  it("gives each entry its evidence and ports as the catalogue writes them", () => {
    const ids = NODE_LOCAL_PORTS.map((n) => n.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const entry of NODE_LOCAL_PORTS) {
      expect([entry.id, entry.evidence.length > 0, entry.ports.length > 0]).toEqual([
        entry.id,
        true,
        true,
      ]);
      for (const e of entry.evidence) expect(e.url).toMatch(/^https:\/\/\S+$/);
      for (const port of entry.ports) expect(port).toMatch(/^\d{1,5}\/(TCP|UDP)$/);
    }
  });

  const OTEL: ContainerFacts = { image: "otel/opentelemetry-collector-k8s:0.131.0" };
  const DATADOG: ContainerFacts = {
    image: "registry.datadoghq.com/agent:7.81.1",
    command: ["agent", "run"],
  };
  it.each<[string, ContainerFacts, number, string, string | null]>([
    ["the Collector's OTLP receiver", OTEL, 4317, "TCP", "opentelemetry-collector-agent"],
    [
      "the Collector's Jaeger receiver, over UDP",
      OTEL,
      6831,
      "UDP",
      "opentelemetry-collector-agent",
    ],
    [
      "Splunk's distribution of the Collector, its Zipkin receiver",
      { image: "quay.io/signalfx/splunk-otel-collector:0.158.0" },
      9411,
      "TCP",
      "opentelemetry-collector-agent",
    ],
    ["a port over the other protocol", OTEL, 6831, "TCP", null],
    ["a port applications do not send to (zpages)", OTEL, 55679, "TCP", null],
    ["Datadog's DogStatsD", DATADOG, 8125, "UDP", "datadog-agent"],
    [
      "Datadog's APM port, by the trace agent",
      { command: ["trace-agent"] },
      8126,
      "TCP",
      "datadog-agent",
    ],
    [
      "the Consul client agent's HTTP API",
      {
        image: "hashicorp/consul:1.22.0",
        command: ["/bin/sh", "-ec", "exec consul agent -node=x"],
      },
      8500,
      "TCP",
      "consul-client-agent",
    ],
    [
      "the Consul client agent's gossip port is no port applications send to",
      { image: "hashicorp/consul:1.22.0" },
      8301,
      "TCP",
      null,
    ],
    ["a workload the table does not know", { image: "nginx:1.27" }, 4317, "TCP", null],
    [
      "a program named agent that is not run as Datadog's",
      { command: ["agent"] },
      8125,
      "UDP",
      null,
    ],
  ])("%s", (_name, facts, port, protocol, id) => {
    expect(nodeLocalPortNeeded(facts, port, protocol)?.entry.id ?? null).toBe(id);
  });
});
