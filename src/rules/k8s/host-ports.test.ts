import { describe, expect, it } from "@jest/globals";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { scan } from "../../catalogue/index.js";
import { hostPorts } from "./host-ports.js";

/** A Pod with container `app`; `ports` starts at line 9. */
const pod = (ports: string, extra = "") => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
${ports}${extra}`;

/** An OpenTelemetry Collector agent as its chart renders it in daemonset mode (ports on line 10). */
const OTEL_AGENT = (image: string) => `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: otel-agent}
spec:
  template:
    spec:
      containers:
        - name: opentelemetry-collector
          image: ${image}
          ports:
            - {name: otlp, containerPort: 4317, hostPort: 4317, protocol: TCP}
            - {name: jaeger-compact, containerPort: 6831, hostPort: 6831, protocol: UDP}
            - {name: zpages, containerPort: 55679, hostPort: 55679}
`;

const cronJob = (ports: string) => `apiVersion: batch/v1
kind: CronJob
metadata:
  name: probe
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
            - name: probe
              image: probe:1
${ports}`;

runRuleTests(hostPorts, {
  valid: [
    { name: "container port only", code: pod("      ports:\n        - containerPort: 80\n") },
    {
      name: "hostPort 0 is allowed",
      code: pod("      ports:\n        - {containerPort: 80, hostPort: 0}\n"),
    },
    {
      name: "a Service's port and nodePort are not host ports",
      code: "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  type: NodePort\n  ports:\n    - {port: 80, targetPort: 8080, nodePort: 30080}\n",
    },
    {
      name: "quoted hostPort is a string, which the API rejects anyway",
      code: pod('      ports:\n        - containerPort: 80\n          hostPort: "8080"\n'),
    },
  ],
  invalid: [
    {
      // kube-prometheus' nodeExporter-daemonset.yaml: kube-rbac-proxy's 9100 on the host network.
      name: "on the host network, no fix: Kubernetes sets hostPort to containerPort there",
      code: pod(
        "      ports:\n        - name: https\n          containerPort: 9100\n          hostPort: 9100\n",
      ).replace("spec:\n  containers:", "spec:\n  hostNetwork: true\n  containers:"),
      errors: [{ line: 13, container: "app", fixed: null }],
    },
    {
      name: "block style; hostIP goes with hostPort, containerPort stays",
      code: pod(
        "      ports:\n        - name: http\n          containerPort: 80\n          hostPort: 80\n          hostIP: 0.0.0.0\n",
      ),
      errors: [
        {
          line: 12,
          container: "app",
          fixed: pod("      ports:\n        - name: http\n          containerPort: 80\n"),
        },
      ],
    },
    {
      name: "flow style port, one finding per port",
      code: pod(
        "      ports: [{containerPort: 53, protocol: UDP, hostPort: 53}, {containerPort: 53, hostPort: 1053}]\n",
      ),
      errors: [
        {
          line: 9,
          fixed: pod(
            "      ports: [{containerPort: 53, protocol: UDP}, {containerPort: 53, hostPort: 1053}]\n",
          ),
        },
        {
          line: 9,
          fixed: pod(
            "      ports: [{containerPort: 53, protocol: UDP, hostPort: 53}, {containerPort: 53}]\n",
          ),
        },
      ],
    },
    {
      name: "init and ephemeral containers too",
      code: pod(
        "",
        "  initContainers:\n    - name: init\n      image: busybox\n      ports:\n        - {containerPort: 9000, hostPort: 9000}\n  ephemeralContainers:\n    - name: debug\n      image: busybox\n      ports:\n        - {containerPort: 9001, hostPort: 9001}\n",
      ),
      errors: [
        {
          line: 13,
          container: "init",
          fixed: pod(
            "",
            "  initContainers:\n    - name: init\n      image: busybox\n      ports:\n        - {containerPort: 9000}\n  ephemeralContainers:\n    - name: debug\n      image: busybox\n      ports:\n        - {containerPort: 9001, hostPort: 9001}\n",
          ),
        },
        {
          line: 18,
          container: "debug",
          fixed: pod(
            "",
            "  initContainers:\n    - name: init\n      image: busybox\n      ports:\n        - {containerPort: 9000, hostPort: 9000}\n  ephemeralContainers:\n    - name: debug\n      image: busybox\n      ports:\n        - {containerPort: 9001}\n",
          ),
        },
      ],
    },
    {
      name: "without a containerPort there is nothing to keep: no fix",
      code: pod("      ports:\n        - hostPort: 8080\n"),
      errors: [{ line: 10, fixed: null }],
    },
    {
      name: "Deployment with kubectl's indentless sequences",
      code: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress
spec:
  template:
    spec:
      containers:
      - name: controller
        image: ingress:1
        ports:
        - containerPort: 443
          hostPort: 443
`,
      errors: [
        {
          line: 13,
          container: "controller",
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ingress
spec:
  template:
    spec:
      containers:
      - name: controller
        image: ingress:1
        ports:
        - containerPort: 443
`,
        },
      ],
    },
    {
      name: "CronJob",
      code: cronJob(
        "              ports:\n                - containerPort: 8080\n                  hostPort: 8080\n",
      ),
      errors: [
        {
          line: 17,
          fixed: cronJob("              ports:\n                - containerPort: 8080\n"),
        },
      ],
    },
    {
      name: "ports shared through an anchor: reported at each use, no fix",
      code: pod(
        "      ports: &ports\n        - containerPort: 80\n          hostPort: 80\n",
        "    - name: sidecar\n      image: envoy\n      ports: *ports\n",
      ),
      errors: [
        { line: 11, container: "app", fixed: null },
        { line: 14, container: "sidecar", fixed: null },
      ],
    },
    {
      name: "a hostIP shared through an anchor stays: no fix",
      code: pod(
        "      ports:\n        - containerPort: 80\n          hostPort: 80\n          hostIP: &ip 10.0.0.1\n        - containerPort: 81\n          hostPort: 81\n          hostIP: *ip\n",
      ),
      errors: [
        { line: 11, fixed: null },
        { line: 14, fixed: null },
      ],
    },
    {
      name: "Helm values: a chart's extra container",
      path: "charts/exporter/values.yaml",
      code: "hostNetwork: false\nextraContainers:\n  - name: exporter\n    image: exporter:1\n    ports:\n      - containerPort: 9100\n        hostPort: 9100\n",
      errors: [
        {
          line: 7,
          container: "exporter",
          fixed:
            "hostNetwork: false\nextraContainers:\n  - name: exporter\n    image: exporter:1\n    ports:\n      - containerPort: 9100\n",
        },
      ],
    },
    {
      name: "a node agent's receivers keep their host ports; another port of it does not",
      code: OTEL_AGENT("otel/opentelemetry-collector-k8s:0.131.0"),
      errors: [
        { line: 11, container: "opentelemetry-collector", fixed: null },
        { line: 12, container: "opentelemetry-collector", fixed: null },
        {
          line: 13,
          container: "opentelemetry-collector",
          fixed: OTEL_AGENT("otel/opentelemetry-collector-k8s:0.131.0").replace(
            ", hostPort: 55679}",
            "}",
          ),
        },
      ],
    },
    {
      name: "the same ports of a workload the data does not know are removed",
      code: OTEL_AGENT("example/telemetry:1"),
      errors: [
        {
          line: 11,
          container: "opentelemetry-collector",
          fixed: OTEL_AGENT("example/telemetry:1").replace(", hostPort: 4317,", ","),
        },
        {
          line: 12,
          container: "opentelemetry-collector",
          fixed: OTEL_AGENT("example/telemetry:1").replace(", hostPort: 6831,", ","),
        },
        {
          line: 13,
          container: "opentelemetry-collector",
          fixed: OTEL_AGENT("example/telemetry:1").replace(", hostPort: 55679}", "}"),
        },
      ],
    },
  ],
});

describe("host-ports findings", () => {
  it("identify the port by name, else by number and protocol", () => {
    const text = pod(
      "      ports:\n        - {name: dns, containerPort: 53, hostPort: 53}\n        - {containerPort: 53, protocol: UDP, hostPort: 53}\n        - {containerPort: 80, hostPort: 80}\n",
    );
    const [result] = scan([{ path: "pod.yaml", text }]);
    const found = (result?.findings ?? []).filter((f) => f.ruleId === "host-ports");
    expect(found.map((f) => f.field)).toEqual([
      "spec.containers[app].ports[dns].hostPort",
      "spec.containers[app].ports[53/UDP].hostPort",
      "spec.containers[app].ports[80].hostPort",
    ]);
    expect(found[2]?.message).toBe(
      "Container `app` binds host port 80 on the node (`ports[80].hostPort`).",
    );
  });
});

describe("host-ports advice for a node agent", () => {
  it("says why the host port stays, and the Service that replaces it", () => {
    const [result] = scan([
      { path: "otel.yaml", text: OTEL_AGENT("otel/opentelemetry-collector-k8s:0.131.0") },
    ]);
    const [otlp] = result?.findings ?? [];
    expect(otlp?.fix).toBeUndefined();
    expect(otlp?.remediation).toContain(
      "This looks like an OpenTelemetry Collector agent (image `otel/opentelemetry-collector-k8s`), to which applications on the node send their traces, metrics and logs (OTLP, Jaeger, Zipkin) at the node's IP on host port 4317",
    );
    expect(otlp?.remediation).toContain("`internalTrafficPolicy: Local`");
    expect(otlp?.remediation).toContain("privilege-guard.io/allow-host-ports");
  });

  it("knows Datadog's agent by what it runs, whatever its registry", () => {
    const agent = `apiVersion: apps/v1
kind: DaemonSet
metadata: {name: datadog}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: registry.datadoghq.com/agent:7.81.1
          command: [agent, run]
          ports:
            - {name: dogstatsdport, containerPort: 8125, hostPort: 8125, protocol: UDP}
        - name: trace-agent
          image: registry.datadoghq.com/agent:7.81.1
          command: [trace-loader, /etc/datadog-agent/datadog.yaml, trace-agent]
          ports:
            - {name: traceport, containerPort: 8126, hostPort: 8126, protocol: TCP}
`;
    const [result] = scan([{ path: "datadog.yaml", text: agent }]);
    expect(result?.findings.map((f) => [f.ruleId, f.line, f.fix])).toEqual([
      ["host-ports", 12, undefined],
      ["host-ports", 17, undefined],
    ]);
    expect(result?.findings[1]?.remediation).toContain(
      "This looks like a Datadog Agent (program `trace-loader`)",
    );
  });
});

describe("a host port on the host network", () => {
  it("says why removing it alone would change nothing", () => {
    const text = pod("      ports:\n        - {containerPort: 9100, hostPort: 9100}\n").replace(
      "spec:\n  containers:",
      "spec:\n  hostNetwork: true\n  containers:",
    );
    const [result] = scan([{ path: "pod.yaml", text }]);
    const finding = result?.findings.find((f) => f.ruleId === "host-ports");
    expect(finding?.fix).toBeUndefined();
    expect(finding?.remediation).toContain(
      "Kubernetes sets `hostPort` to the `containerPort` in such a pod",
    );
  });
});
