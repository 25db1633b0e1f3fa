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
