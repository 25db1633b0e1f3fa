import { composeService as svc } from "../../../test/support/compose-case.js";
import { runContainerRuleTests, setting } from "../../../test/support/container-rule-tester.js";
import { runRuleTests } from "../../../test/support/rule-tester.js";
import { containerHostNamespaces } from "./container-host-namespaces.js";

runContainerRuleTests(containerHostNamespaces, {
  valid: [
    { name: "network of another service", settings: [setting.namespace("network", "service:db")] },
    { name: "network of a container", settings: [setting.namespace("network", "container:vpn")] },
    {
      name: "bridge and none",
      settings: [setting.namespace("network", "bridge"), setting.namespace("network", "none")],
    },
    { name: "shareable IPC", settings: [setting.namespace("ipc", "shareable")] },
    { name: "private cgroup namespace", settings: [setting.namespace("cgroup", "private")] },
    { name: "pid of another container", settings: [setting.namespace("pid", "container:app")] },
  ],
  invalid: [
    {
      name: "every namespace shared with the host, severities by what it opens",
      settings: [
        setting.namespace("pid", "host"),
        setting.namespace("network", "host"),
        setting.namespace("ipc", "host"),
        setting.namespace("userns", "host"),
        setting.namespace("uts", "host"),
        setting.namespace("cgroup", "host"),
      ],
      verdicts: [
        {
          setting: 0,
          messageId: "pid",
          severity: "critical",
          fix: "remove",
          says: ["pid namespace", "it sees and can signal or trace every process on the host."],
        },
        {
          setting: 1,
          messageId: "network",
          severity: "high",
          fix: "remove",
          // The rule's own sentence, never set in code as a value from the file would be.
          says: ["network namespace", "it uses the host's network stack and reaches services"],
        },
        {
          setting: 2,
          messageId: "ipc",
          severity: "high",
          fix: "remove",
          says: ["it reads and writes the host's shared memory."],
        },
        {
          setting: 3,
          messageId: "userns",
          severity: "medium",
          fix: "remove",
          says: ["it skips the daemon's user namespace remapping, so its root is the host's root."],
        },
        {
          setting: 4,
          messageId: "uts",
          severity: "medium",
          fix: "remove",
          says: ["it shares the host's hostname and domain name."],
        },
        {
          setting: 5,
          messageId: "cgroup",
          severity: "medium",
          fix: "remove",
          says: ["it sees the host's whole cgroup tree."],
        },
      ],
    },
    {
      name: "a node agent (host PID, the host's /proc mounted) keeps the host PID namespace, not the network",
      settings: [
        setting.namespace("pid", "host"),
        setting.namespace("network", "host"),
        setting.hostMount("/proc", "/host/proc", true),
      ],
      workload: { image: "example/process-agent:1.0" },
      verdicts: [
        {
          setting: 0,
          messageId: "pid",
          severity: "critical",
          fix: null,
          advises: ["Node agent reading the host's processes", "the host's pid namespace"],
        },
        { setting: 1, messageId: "network", severity: "high", fix: "remove" },
      ],
    },
    {
      name: "the node exporter keeps both: it reports the node's interfaces and processes",
      settings: [
        setting.namespace("pid", "host"),
        setting.namespace("network", "host"),
        setting.hostMount("/", "/host", true),
      ],
      workload: { image: "quay.io/prometheus/node-exporter:v1.8.2" },
      verdicts: [
        {
          setting: 0,
          messageId: "pid",
          severity: "critical",
          fix: null,
          advises: ["Prometheus node exporter", "the host's pid namespace"],
        },
        {
          setting: 1,
          messageId: "network",
          severity: "high",
          fix: null,
          advises: ["Prometheus node exporter", "the host's network namespace"],
        },
      ],
    },
    {
      name: "the host's /proc without host PID is no node agent",
      settings: [setting.namespace("network", "host"), setting.hostMount("/proc", "/host/proc")],
      verdicts: [{ setting: 0, messageId: "network", severity: "high", fix: "remove" }],
    },
    {
      name: "HOST in capitals is read as Docker reads it",
      settings: [setting.namespace("network", "HOST")],
      verdicts: [{ setting: 0, messageId: "network", severity: "high", fix: "remove" }],
    },
  ],
});

runRuleTests(containerHostNamespaces, {
  valid: [
    {
      name: "compose: the network of another service",
      path: "compose.yaml",
      code: svc("    network_mode: service:vpn\n"),
    },
    {
      name: "compose: a string that says host",
      path: "compose.yaml",
      code: svc("    hostname: host\n    labels: [pid=host]\n"),
    },
  ],
  invalid: [
    {
      name: "compose: pid, ipc and network of the host",
      path: "compose.yaml",
      code: svc("    pid: host\n    ipc: host\n    network_mode: host\n"),
      errors: [
        { line: 4, fixed: svc("    ipc: host\n    network_mode: host\n") },
        { line: 5, fixed: svc("    pid: host\n    network_mode: host\n") },
        { line: 6, fixed: svc("    pid: host\n    ipc: host\n") },
      ],
    },
    {
      name: "compose: a node agent's host PID namespace is explained, not removed",
      path: "compose.yaml",
      code: svc(
        "    pid: host\n    network_mode: host\n    volumes:\n      - /proc:/host/proc:ro\n",
        "example/process-agent:1.0",
      ),
      errors: [
        { line: 4, says: ["pid namespace"], fixed: null },
        {
          line: 5,
          fixed: svc(
            "    pid: host\n    volumes:\n      - /proc:/host/proc:ro\n",
            "example/process-agent:1.0",
          ),
        },
      ],
    },
    {
      name: "compose: the node exporter keeps the host's network and PID namespaces",
      path: "compose.yaml",
      code: svc(
        "    pid: host\n    network_mode: host\n    volumes:\n      - /:/host:ro,rslave\n",
        "quay.io/prometheus/node-exporter:v1.8.2",
      ),
      errors: [
        { line: 4, says: ["pid namespace"], fixed: null },
        { line: 5, fixed: null },
      ],
    },
    {
      // ingress-nginx's test/e2e/run-chart-test.sh: chart-testing against the kind cluster.
      name: "script: a local cluster's client keeps the host network its kubeconfig points into",
      path: "run-chart-test.sh",
      // biome-ignore lint/suspicious/noTemplateCurlyInString: shell text
      code: 'docker run --rm \\\n  --volume "${KUBECONFIG}:/root/.kube/config:ro" \\\n  --network host \\\n  --entrypoint ct \\\n  registry.k8s.io/ingress-nginx/e2e-test-runner:v2.2.9 install\n',
      errors: [{ line: 3, says: ["network namespace"], fixed: null }],
    },
    {
      name: "compose: userns, uts and cgroup",
      path: "compose.yaml",
      code: svc('    userns_mode: "host"\n    uts: host\n    cgroup: host\n'),
      errors: [
        { line: 4, fixed: svc("    uts: host\n    cgroup: host\n") },
        { line: 5, fixed: svc('    userns_mode: "host"\n    cgroup: host\n') },
        { line: 6, fixed: svc('    userns_mode: "host"\n    uts: host\n') },
      ],
    },
  ],
});
