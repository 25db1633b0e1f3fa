import { compileMatch, type Found, indexFacts, tableFinder } from "./match.js";
import type { ContainerFacts, Evidence, Match } from "./types.js";

/**
 * A node agent that applications on the same node reach at the node's IP (`status.hostIP` through
 * the downward API), on host ports of its own: a fix that removed one would cut them off. A
 * Service with `internalTrafficPolicy: Local` reaches the agent on the same node without a host
 * port, once the applications are pointed at it.
 */
export interface NodeLocalPorts {
  /** kebab-case, unique. */
  readonly id: string;
  /** As a reader knows it ("OpenTelemetry Collector agent"). */
  readonly title: string;
  /** When it applies: any one signal is enough, as in the capability catalogue. */
  readonly match: Match;
  /** The ports applications send to, as `Match.ports` writes them (`4317`, `8125/UDP`). */
  readonly ports: readonly string[];
  /** Completes "applications on the node ... to it at the node's IP on this port". */
  readonly why: string;
  readonly evidence: readonly Evidence[];
}

const OTEL_CHART =
  "https://github.com/open-telemetry/opentelemetry-helm-charts/blob/main/charts/opentelemetry-collector";
const DATADOG_VALUES =
  "https://github.com/DataDog/helm-charts/blob/main/charts/datadog/values.yaml";

export const NODE_LOCAL_PORTS: readonly NodeLocalPorts[] = [
  {
    id: "opentelemetry-collector-agent",
    title: "OpenTelemetry Collector agent",
    match: {
      // Splunk's distribution of the Collector too (quay.io/signalfx/splunk-otel-collector).
      images: ["*opentelemetry-collector*", "signalfx/splunk-otel-collector"],
      programs: ["otelcol", "otelcol-contrib", "otelcol-k8s"],
    },
    ports: ["4317/TCP", "4318/TCP", "6831/UDP", "6832/UDP", "14250/TCP", "14268/TCP", "9411/TCP"],
    why: "send their traces, metrics and logs (OTLP, Jaeger, Zipkin)",
    evidence: [
      {
        url: `${OTEL_CHART}/values.yaml`,
        says: "ports.otlp hostPort 4317, otlp-http 4318, jaeger-compact 6831/UDP, jaeger-thrift 14268, jaeger-grpc 14250, zipkin 9411",
      },
      {
        url: `${OTEL_CHART}/templates/_config.tpl`,
        says: "{{- if and $.isAgent $port.hostPort }} hostPort: {{ $port.hostPort }}: host ports only in daemonset (agent) mode",
      },
      {
        url: "https://github.com/signalfx/splunk-otel-collector-chart/blob/main/helm-charts/splunk-otel-collector/values.yaml",
        says: "agent.ports: the ports to be exposed by the agent to the host: otlp hostPort 4317, otlp-http 4318, zipkin 9411, jaeger-thrift 14268, jaeger-grpc 14250",
      },
    ],
  },
  {
    id: "datadog-agent",
    title: "Datadog Agent",
    match: {
      images: ["datadog/agent", "datadoghq/agent"],
      // Its main container runs `agent run` (the image is often registry.datadoghq.com/agent).
      programs: ["agent run", "trace-agent", "trace-loader", "otel-agent"],
    },
    ports: ["8125/UDP", "8126/TCP", "4317/TCP", "4318/TCP"],
    why: "send their custom metrics (DogStatsD), traces (APM) and OTLP data",
    evidence: [
      {
        url: DATADOG_VALUES,
        says: "datadog.dogstatsd.useHostPort: sets the hostPort to the same value of the container port; needs to be used for sending custom metrics",
      },
      {
        url: DATADOG_VALUES,
        says: "datadog.apm.portEnabled: enable APM over TCP communication (hostPort 8126 by default); datadog.apm.useLocalService: APM over TCP through the local service only, the hostPort 8126 disabled",
      },
      {
        url: DATADOG_VALUES,
        says: "datadog.otlp.receiver.protocols.grpc.useHostPort and http.useHostPort: true, the host ports of the OTLP endpoints",
      },
    ],
  },
  {
    id: "consul-client-agent",
    title: "Consul client agent",
    match: {
      // The chart's default image on its main branch is a preview build's.
      images: ["hashicorp/consul", "hashicorp/consul-enterprise", "hashicorppreview/consul"],
      // The chart starts it through the image's entrypoint script.
      programs: ["consul agent", "docker-entrypoint.sh consul"],
    },
    ports: ["8500/TCP", "8501/TCP", "8502/TCP"],
    why: "send their requests to the Consul API (HTTP, HTTPS, gRPC)",
    evidence: [
      {
        url: "https://github.com/hashicorp/consul-k8s/blob/main/charts/consul/templates/client-daemonset.yaml",
        says: "the client DaemonSet's consul agent container: containerPort 8500 hostPort 8500 (http), 8501 hostPort 8501 (https, with TLS), 8502 hostPort 8502 (grpc)",
      },
      {
        url: "https://github.com/hashicorp/consul-k8s/blob/main/charts/consul/values.yaml",
        says: "client.hostNetwork: whether or not we use host networking instead of hostPort in the event that a CNI plugin doesn't support hostPort",
      },
      {
        url: "https://developer.hashicorp.com/consul/docs/k8s/installation/install#accessing-the-consul-http-api",
        says: "the Consul HTTP API is reached through the client agent on the same node, at the node's IP (HOST_IP from status.hostIP) on port 8500",
      },
    ],
  },
];

const find = tableFinder(NODE_LOCAL_PORTS);
const PORTS = new Map(NODE_LOCAL_PORTS.map((e) => [e, compileMatch({ ports: e.ports })]));

/**
 * The first node agent the container is whose applications send to host port `port` (with its
 * `protocol`, TCP by default), or null.
 */
export function nodeLocalPortNeeded(
  facts: ContainerFacts,
  port: number,
  protocol = "TCP",
): Found<NodeLocalPorts> | null {
  const asked = indexFacts({ ports: [`${port}/${protocol}`] });
  return find(facts, (entry) => Boolean(PORTS.get(entry)?.(asked)));
}
