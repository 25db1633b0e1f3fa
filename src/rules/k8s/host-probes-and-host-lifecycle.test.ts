import { describe, expect, it } from "@jest/globals";
import { scan } from "../../catalogue/index.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { hostProbesAndHostLifecycle } from "./host-probes-and-host-lifecycle.js";

/** A node agent on the host network probed on the loopback, as Cilium's chart does (line 10). */
const ON_HOST = (hostNetwork: string, host = "127.0.0.1") => `apiVersion: v1
kind: Pod
metadata: {name: agent}
spec:
  hostNetwork: ${hostNetwork}
  containers:
    - name: agent
      image: quay.io/cilium/cilium:v1.18.0
      livenessProbe:
        httpGet: {host: ${host}, path: /healthz, port: 9879}
`;

/** A Pod whose container `app` has the given lines (6 spaces deep). */
const pod = (lines: string) => `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: app
      image: nginx:1.27
${lines}`;

runRuleTests(hostProbesAndHostLifecycle, {
  valid: [
    {
      name: "probes and hooks without host",
      code: pod(`      livenessProbe:
        httpGet:
          # host: bad.host (commented out)
          path: /healthz
          port: 8080
      readinessProbe:
        tcpSocket: {port: 8080}
      startupProbe:
        grpc: {port: 9090, service: startup}
      lifecycle:
        postStart:
          exec: {command: [sh, -c, "echo started"]}
        preStop:
          sleep: {seconds: 5}
`),
    },
    {
      name: "an empty or null host is allowed",
      code: pod(`      livenessProbe:
        httpGet: {host: "", port: 8080}
      readinessProbe:
        tcpSocket:
          host:
          port: 8080
`),
    },
    {
      name: "a Host header is not the host field",
      code: pod(`      livenessProbe:
        httpGet:
          port: 8080
          # host: api.example.com, now sent as a header
          httpHeaders:
            - {name: Host, value: api.example.com}
`),
    },
    {
      name: "gRPC probes, exec hooks and env have no probe host",
      code: pod(`      startupProbe:
        grpc: {port: 9090, host: bad.host}
      lifecycle:
        preStop:
          exec: {command: [curl, --fail, http://bad.host/], host: bad.host}
      env:
        - {name: host, value: bad.host}
      config:
        host: bad.host
`),
    },
  ],
  invalid: [
    {
      name: "liveness probe httpGet host",
      code: pod(`      livenessProbe:
        httpGet:
          host: bad.host
          path: /healthz
          port: 8080
`),
      errors: [
        {
          line: 11,
          container: "app",
          fixed: pod(`      livenessProbe:
        httpGet:
          path: /healthz
          port: 8080
`),
        },
      ],
    },
    {
      name: "every probe and hook, httpGet and tcpSocket: one finding each",
      code: pod(`      livenessProbe:
        tcpSocket: {host: 127.0.0.1, port: 8080}
      readinessProbe:
        httpGet: {host: 169.254.169.254, path: /latest/meta-data/, port: 80}
      startupProbe:
        tcpSocket:
          host: "::1"
          port: 8080
      lifecycle:
        postStart:
          httpGet: {host: bad.host, port: 8080}
        preStop:
          tcpSocket: {host: 10.0.0.1, port: 22}
`),
      errors: [
        {
          line: 10,
          fixed: pod(`      livenessProbe:
        tcpSocket: {port: 8080}
      readinessProbe:
        httpGet: {host: 169.254.169.254, path: /latest/meta-data/, port: 80}
      startupProbe:
        tcpSocket:
          host: "::1"
          port: 8080
      lifecycle:
        postStart:
          httpGet: {host: bad.host, port: 8080}
        preStop:
          tcpSocket: {host: 10.0.0.1, port: 22}
`),
        },
        {
          line: 12,
          fixed: pod(`      livenessProbe:
        tcpSocket: {host: 127.0.0.1, port: 8080}
      readinessProbe:
        httpGet: {path: /latest/meta-data/, port: 80}
      startupProbe:
        tcpSocket:
          host: "::1"
          port: 8080
      lifecycle:
        postStart:
          httpGet: {host: bad.host, port: 8080}
        preStop:
          tcpSocket: {host: 10.0.0.1, port: 22}
`),
        },
        {
          line: 15,
          fixed: pod(`      livenessProbe:
        tcpSocket: {host: 127.0.0.1, port: 8080}
      readinessProbe:
        httpGet: {host: 169.254.169.254, path: /latest/meta-data/, port: 80}
      startupProbe:
        tcpSocket:
          port: 8080
      lifecycle:
        postStart:
          httpGet: {host: bad.host, port: 8080}
        preStop:
          tcpSocket: {host: 10.0.0.1, port: 22}
`),
        },
        {
          line: 19,
          fixed: pod(`      livenessProbe:
        tcpSocket: {host: 127.0.0.1, port: 8080}
      readinessProbe:
        httpGet: {host: 169.254.169.254, path: /latest/meta-data/, port: 80}
      startupProbe:
        tcpSocket:
          host: "::1"
          port: 8080
      lifecycle:
        postStart:
          httpGet: {port: 8080}
        preStop:
          tcpSocket: {host: 10.0.0.1, port: 22}
`),
        },
        {
          line: 21,
          fixed: pod(`      livenessProbe:
        tcpSocket: {host: 127.0.0.1, port: 8080}
      readinessProbe:
        httpGet: {host: 169.254.169.254, path: /latest/meta-data/, port: 80}
      startupProbe:
        tcpSocket:
          host: "::1"
          port: 8080
      lifecycle:
        postStart:
          httpGet: {host: bad.host, port: 8080}
        preStop:
          tcpSocket: {port: 22}
`),
        },
      ],
    },
    {
      name: "sidecar init container and ephemeral container",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: app, image: nginx}
  initContainers:
    - name: proxy
      image: envoy
      restartPolicy: Always
      readinessProbe:
        tcpSocket: {host: 8.8.8.8, port: 8080}
  ephemeralContainers:
    - {name: debug, image: busybox, lifecycle: {preStop: {httpGet: {host: bad.host, port: 80}}}}
`,
      errors: [
        {
          line: 12,
          container: "proxy",
          fixed: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: app, image: nginx}
  initContainers:
    - name: proxy
      image: envoy
      restartPolicy: Always
      readinessProbe:
        tcpSocket: {port: 8080}
  ephemeralContainers:
    - {name: debug, image: busybox, lifecycle: {preStop: {httpGet: {host: bad.host, port: 80}}}}
`,
        },
        {
          line: 14,
          container: "debug",
          fixed: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - {name: app, image: nginx}
  initContainers:
    - name: proxy
      image: envoy
      restartPolicy: Always
      readinessProbe:
        tcpSocket: {host: 8.8.8.8, port: 8080}
  ephemeralContainers:
    - {name: debug, image: busybox, lifecycle: {preStop: {httpGet: {port: 80}}}}
`,
        },
      ],
    },
    {
      name: "Deployment",
      code: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      containers:
      - name: api
        image: api
        livenessProbe:
          httpGet:
            host: localhost
            port: 8080
`,
      errors: [
        {
          line: 12,
          container: "api",
          fixed: `apiVersion: apps/v1
kind: Deployment
metadata: {name: api}
spec:
  template:
    spec:
      containers:
      - name: api
        image: api
        livenessProbe:
          httpGet:
            port: 8080
`,
        },
      ],
    },
    {
      name: "Job: init container hook",
      code: `apiVersion: batch/v1
kind: Job
metadata: {name: seed}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: wait
        image: busybox
        lifecycle:
          postStart:
            tcpSocket:
              port: 5432
              host: db.internal
      containers:
      - name: seed
        image: seed
`,
      errors: [
        {
          line: 15,
          container: "wait",
          fixed: `apiVersion: batch/v1
kind: Job
metadata: {name: seed}
spec:
  template:
    spec:
      restartPolicy: Never
      initContainers:
      - name: wait
        image: busybox
        lifecycle:
          postStart:
            tcpSocket:
              port: 5432
      containers:
      - name: seed
        image: seed
`,
        },
      ],
    },
    {
      name: "anchor, alias and merge key: reported where each takes effect, no fix",
      code: `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  containers:
    - name: a
      image: x
      livenessProbe: &probe
        httpGet: {host: bad.host, port: 8080}
    - name: b
      image: x
      livenessProbe: *probe
    - name: c
      image: x
      readinessProbe:
        <<: *probe
        periodSeconds: 5
`,
      errors: [
        { line: 9, container: "a", fixed: null },
        { line: 12, container: "b", fixed: null },
        { line: 16, container: "c", fixed: null },
      ],
    },
    {
      name: "Helm values: a chart's sidecar container",
      path: "charts/web/values.yaml",
      code: `image:
  repository: web
sidecars:
  - name: exporter
    image: exporter
    readinessProbe:
      httpGet:
        host: 127.0.0.1
        port: 9100
`,
      errors: [
        {
          line: 8,
          container: "exporter",
          fixed: `image:
  repository: web
sidecars:
  - name: exporter
    image: exporter
    readinessProbe:
      httpGet:
        port: 9100
`,
        },
      ],
    },
    {
      name: "the loopback of a pod on the node's network stays: the agent may listen there only",
      code: ON_HOST("true"),
      errors: [{ line: 10, container: "agent", fixed: null }],
    },
    {
      name: "localhost and ::1 alike",
      code: ON_HOST("true", "localhost"),
      errors: [{ line: 10, container: "agent", fixed: null }],
    },
    {
      name: "a host network set by a chart value may be the node's: no fix either",
      code: ON_HOST('"{{ .Values.hostNetwork }}"'),
      errors: [{ line: 10, container: "agent", fixed: null }],
    },
    {
      name: "off the node's network the loopback is the node's, not the pod's: removed",
      code: ON_HOST("false"),
      errors: [
        {
          line: 10,
          container: "agent",
          fixed: ON_HOST("false").replace("{host: 127.0.0.1, ", "{"),
        },
      ],
    },
    {
      name: "another address on the node's network: removed",
      code: ON_HOST("true", "169.254.169.254"),
      errors: [
        {
          line: 10,
          container: "agent",
          fixed: ON_HOST("true").replace("{host: 127.0.0.1, ", "{"),
        },
      ],
    },
  ],
});

describe("host-probes-and-host-lifecycle findings", () => {
  it("say why a loopback probe of a pod on the node's network keeps its host", () => {
    const [result] = scan([{ path: "agent.yaml", text: ON_HOST("true", "::1") }]);
    const [finding] =
      result?.findings.filter((f) => f.ruleId === "host-probes-and-host-lifecycle") ?? [];
    expect(finding?.fix).toBeUndefined();
    expect(finding?.remediation).toContain(
      "On the node's network the pod's IP is the node's, and this liveness probe goes to the node's loopback address",
    );
    expect(finding?.remediation).toContain(
      "privilege-guard.io/allow-host-probes-and-host-lifecycle",
    );
  });
});
