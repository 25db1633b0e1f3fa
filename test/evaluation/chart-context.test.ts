/**
 * The Helm charts a change touches, found through the side-reading port: a change to a chart's
 * values.yaml alone is judged through the chart's templates read at the head.
 */
import { describe, expect, it } from "@jest/globals";
import { defaultConfig } from "../../src/config/schema.js";
import { chartCandidates, readChartContext } from "../../src/evaluation/chart-context.js";
import { evaluateChange } from "../../src/evaluation/evaluate-change.js";
import { planReads } from "../../src/evaluation/plan-reads.js";
import { AGENT_CHART_YAML, AGENT_TEMPLATE } from "../support/chart-case.js";
import { repository } from "../support/side-reader.js";

/** `debug.securityContext` is rendered by no template: a security context by its key names only. */
const BASE_VALUES =
  "image: example/agent:1.0\nagent:\n  privileged: false\ndebug:\n  securityContext:\n    privileged: true\n";
const HEAD_VALUES = BASE_VALUES.replace("privileged: false", "privileged: true");

const CHART = {
  "deploy/agent/Chart.yaml": AGENT_CHART_YAML,
  "deploy/agent/templates/daemonset.yaml": AGENT_TEMPLATE,
  "deploy/agent/templates/NOTES.txt": "Installed.\n",
};

describe("chart candidates", () => {
  it.each([
    ["deploy/agent/values.yaml", ["deploy/agent"]],
    ["values.yml", [""]],
    ["deploy/agent/templates/speaker/daemonset.yaml", ["deploy/agent"]],
    ["deploy/agent/my-values.yaml", []],
    ["deploy/templates", []],
  ])("%s", (path, folders) => {
    expect(chartCandidates([path])).toEqual(folders);
  });
});

describe("a change to a chart's values.yaml alone", () => {
  const entries = [{ path: "deploy/agent/values.yaml", status: "modified" as const }];

  it("reads the chart's templates at the head and reports the value that turns privileged on", async () => {
    const reader = repository({
      base: { ...CHART, "deploy/agent/values.yaml": BASE_VALUES },
      head: { ...CHART, "deploy/agent/values.yaml": HEAD_VALUES },
    });
    const evaluation = await evaluateChange(entries, reader, defaultConfig());
    expect(evaluation.problems).toEqual([]);
    // Line 3 is `agent.privileged`, which the template writes as `privileged:`; the debug block
    // feeds no setting: not judged on either side.
    expect(evaluation.reported.map((f) => [f.path, f.ruleId, f.line])).toEqual([
      ["deploy/agent/values.yaml", "privileged", 3],
    ]);
    expect(evaluation.reported[0]?.remediation).not.toContain("Judged by key name");
    expect(evaluation.existing).toEqual([]);
    // Its Chart.yaml declares no dependencies: no subchart is looked for.
    expect(reader.listed).toEqual(["head:deploy/agent/templates"]);
    // NOTES.txt is no template Helm renders as YAML: not read.
    expect(reader.reads.map((r) => r.path)).not.toContain("deploy/agent/templates/NOTES.txt");
  });

  it("without a way to list the templates, judges by key name and says so (and misses agent.privileged)", async () => {
    const reader = repository(
      {
        base: { ...CHART, "deploy/agent/values.yaml": BASE_VALUES },
        head: { ...CHART, "deploy/agent/values.yaml": HEAD_VALUES },
      },
      false,
    );
    const evaluation = await evaluateChange(entries, reader, defaultConfig());
    expect(evaluation.reported).toEqual([]);
    // The debug block looks like a security context by its key names alone.
    expect(evaluation.existing.map((f) => f.line)).toEqual([6]);
    expect(evaluation.existing[0]?.remediation).toContain("Judged by key name");
  });

  it("reads the templates of a subchart unpacked under charts/, fed by the values under its name", async () => {
    const subchart = {
      "deploy/agent/charts/relay/Chart.yaml": AGENT_CHART_YAML.replace("agent", "relay"),
      "deploy/agent/charts/relay/values.yaml": "agent:\n  privileged: false\n",
      "deploy/agent/charts/relay/templates/daemonset.yaml": AGENT_TEMPLATE,
      "deploy/agent/charts/relay-0.1.0.tgz": "not read",
    };
    const values = (on: string) => `${BASE_VALUES}relay:\n  agent:\n    privileged: ${on}\n`;
    const chart = {
      ...CHART,
      ...subchart,
      "deploy/agent/Chart.yaml": `${AGENT_CHART_YAML}dependencies:\n  - name: relay\n    version: 0.1.0\n`,
    };
    const reader = repository({
      base: { ...chart, "deploy/agent/values.yaml": values("false") },
      head: { ...chart, "deploy/agent/values.yaml": values("true") },
    });
    const evaluation = await evaluateChange(entries, reader, defaultConfig());
    expect(evaluation.problems).toEqual([]);
    expect(evaluation.reported.map((f) => [f.ruleId, f.line, f.message.split(" runs")[0]])).toEqual(
      [["privileged", 9, "Container `agent` (set by the chart value `relay.agent`)"]],
    );
    expect(reader.listed).toEqual(["head:deploy/agent/templates", "head:deploy/agent/charts"]);
    const read = reader.reads.map((r) => r.path);
    expect(read).toContain("deploy/agent/charts/relay/templates/daemonset.yaml");
    // The subchart's own defaults, for the images its templates write from values.
    expect(read).toContain("deploy/agent/charts/relay/values.yaml");
    expect(read).not.toContain("deploy/agent/charts/relay-0.1.0.tgz");
  });

  it("reads a subchart declared with an alias, fed by the values under the alias", async () => {
    const chart = {
      ...CHART,
      "deploy/agent/charts/relay/Chart.yaml": AGENT_CHART_YAML.replace("agent", "relay"),
      "deploy/agent/charts/relay/templates/daemonset.yaml": AGENT_TEMPLATE,
      "deploy/agent/Chart.yaml": `${AGENT_CHART_YAML}dependencies:\n  - name: relay\n    alias: edge\n    version: 0.1.0\n`,
    };
    const values = (on: string) =>
      `${BASE_VALUES}relay:\n  agent:\n    privileged: true\nedge:\n  agent:\n    privileged: ${on}\n`;
    const reader = repository({
      base: { ...chart, "deploy/agent/values.yaml": values("false") },
      head: { ...chart, "deploy/agent/values.yaml": values("true") },
    });
    const evaluation = await evaluateChange(entries, reader, defaultConfig());
    expect(evaluation.problems).toEqual([]);
    // `relay.agent.privileged` is rendered by no template: the subchart's values are `edge`'s.
    expect(evaluation.reported.map((f) => [f.ruleId, f.line, f.message.split(" runs")[0]])).toEqual(
      [["privileged", 12, "Container `agent` (set by the chart value `edge.agent`)"]],
    );
    expect(evaluation.existing).toEqual([]);
    expect(reader.reads.map((r) => r.path)).toContain("deploy/agent/charts/relay/Chart.yaml");
  });

  it("outside a chart (no Chart.yaml), lists nothing and reads no template", async () => {
    const { "deploy/agent/Chart.yaml": _, ...noChart } = CHART;
    const reader = repository({
      base: { ...noChart, "deploy/agent/values.yaml": BASE_VALUES },
      head: { ...noChart, "deploy/agent/values.yaml": HEAD_VALUES },
    });
    const files = planReads(entries, () => true);
    const context = await readChartContext(files, reader);
    expect(context).toEqual({ charts: [], context: [] });
    expect(reader.listed).toEqual([]);
  });

  it("a template the change holds is read from the change, not again as context", async () => {
    const reader = repository({
      base: { ...CHART, "deploy/agent/values.yaml": BASE_VALUES },
      head: { ...CHART, "deploy/agent/values.yaml": HEAD_VALUES },
    });
    const files = planReads(
      [...entries, { path: "deploy/agent/templates/daemonset.yaml", status: "modified" }],
      () => true,
    );
    const context = await readChartContext(files, reader);
    expect(context).toEqual({ charts: ["deploy/agent"], context: [] });
  });
});

describe("a change to a chart's template alone", () => {
  /** Tracee's DaemonSet as its chart writes it: the image from values, the host PID namespace. */
  const TEMPLATE = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ include "tracee.fullname" . }}
spec:
  template:
    spec:
      hostPID: {{ .Values.hostPID }}
      containers:
        - name: tracee
          image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"
`;
  const VALUES = "hostPID: true\nimage:\n  repository: docker.io/aquasec/tracee\n  tag: ''\n";
  const chart = {
    "deploy/tracee/Chart.yaml": AGENT_CHART_YAML.replace("agent", "tracee"),
    "deploy/tracee/values.yaml": VALUES,
    "deploy/tracee/templates/_helpers.tpl":
      '{{- define "tracee.fullname" -}}\n{{ .Release.Name }}\n{{- end }}\n',
  };
  const path = "deploy/tracee/templates/daemonset.yaml";
  const entries = [{ path, status: "added" as const }];

  it("reads the chart's values file and templates as context, once", async () => {
    const reader = repository({ base: chart, head: { ...chart, [path]: TEMPLATE } });
    const files = planReads(entries, () => true);
    const context = await readChartContext(files, reader);
    expect(context.charts).toEqual(["deploy/tracee"]);
    expect(context.context.map((f) => f.path).sort()).toEqual([
      "deploy/tracee/templates/_helpers.tpl",
      "deploy/tracee/values.yaml",
    ]);
    expect(reader.listed).toEqual(["head:deploy/tracee/templates"]);
    // Helm takes a chart's defaults from values.yaml alone: no other name is asked for.
    expect(reader.reads.map((r) => r.path)).not.toContain("deploy/tracee/values.yml");
  });

  it("recognises the container by the image the chart's defaults give it, and keeps what it needs", async () => {
    const literal = TEMPLATE.replace("{{ .Values.hostPID }}", "true");
    const reader = repository({ base: chart, head: { ...chart, [path]: literal } });
    const evaluation = await evaluateChange(entries, reader, defaultConfig());
    expect(evaluation.problems).toEqual([]);
    const hostPID = evaluation.reported.find((f) => f.ruleId === "host-namespaces");
    expect(hostPID?.fix).toBeUndefined();
    expect(hostPID?.remediation).toContain(
      "This looks like a Tracee runtime security agent (image `aquasec/tracee`)",
    );
    // Without the values file at hand, nothing tells what the container runs.
    const { "deploy/tracee/values.yaml": _, ...noValues } = chart;
    const unknown = await evaluateChange(
      entries,
      repository({ base: noValues, head: { ...noValues, [path]: literal } }),
      defaultConfig(),
    );
    const removed = unknown.reported.find((f) => f.ruleId === "host-namespaces");
    expect(removed?.fix?.description).toBe(
      "Remove `hostPID: true` so the pod gets its own PID namespace.",
    );
  });
});
