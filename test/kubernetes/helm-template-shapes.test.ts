/**
 * Valid chart templates, as public charts write them, that an earlier reading reported as
 * "template not checked" (which fails the check). Each case: the excerpt (its source in
 * test/fixtures/template-excerpts/SOURCES.md, or noted beside it) reads with no problem, and a
 * literal setting in it is still found at its own line and column.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/catalogue/index.js";
import { mayHoldSetting } from "../../src/kubernetes/screen-triggers.js";
import {
  firstBranchView,
  lineConditionalsView,
  scalarConditionalsView,
  templateView,
  wholeConditionalsView,
} from "../../src/yaml/go-template.js";

const excerpt = (name: string) => readFileSync(`test/fixtures/template-excerpts/${name}`, "utf8");

const read = (path: string, text: string) => {
  const [result] = scan([{ path, text }], { charts: ["chart"] });
  return {
    problems: result?.problems.map((p) => [p.code, p.line]) ?? [],
    findings: result?.findings.map((f) => [f.ruleId, f.line, f.column]) ?? [],
  };
};

describe("a partial (a template file whose name starts with `_`)", () => {
  // Text outside its defines (here a stray `*/}}` left from a comment) is never output by Helm.
  const helpers = excerpt("mysql-exporter-helpers.tpl");
  // Added to the excerpt: a named template holding a literal setting, from line 32.
  const withSetting = `${helpers}{{- define "exporter.securityContext" -}}\nsecurityContext:\n  privileged: true\n{{- end }}\n`;

  it("is read for its named templates only: the text around them is not output", () => {
    expect(read("chart/templates/_helpers.tpl", helpers)).toEqual({ problems: [], findings: [] });
    expect(read("chart/templates/_helpers.tpl", withSetting).findings).toEqual([
      ["privileged", 34, 3],
    ]);
  });

  it("is a partial by its name only: the same text in a rendered file stays not checked", () => {
    expect(read("chart/templates/helpers.tpl", helpers).problems).toEqual([
      ["template-not-checked", 19],
      ["template-not-checked", 30],
    ]);
  });

  it("holds no setting outside its named templates, since none of that text renders", () => {
    const outside = `securityContext:\n  privileged: true\n${withSetting}`;
    expect(read("chart/templates/_helpers.tpl", outside).findings).toEqual([["privileged", 36, 3]]);
    expect(read("chart/templates/pod.tpl", `${outside.split("{{/*")[0]}`).findings).toEqual([
      ["privileged", 2, 3],
    ]);
  });
});

describe("a named template that renders a message, not YAML (Bitnami's validateValues)", () => {
  // Rendered for `fail`: a literal `chart: key` line, then free text that does not read as YAML.
  const helpers = excerpt("elasticsearch-validate-values.tpl");

  it("is not read, as a named template without a key is not: it writes no setting", () => {
    expect(read("chart/templates/_helpers.tpl", helpers)).toEqual({ problems: [], findings: [] });
  });

  it("stays not checked when it may write a setting: a setting word, an object's key, a block", () => {
    const message =
      "elasticsearch: security.tls\n    In order to enable X-Pack Security, do: this.\n";
    for (const body of [
      `${message}    privileged: true\n`,
      `${message}containers:\n    - name: x\n`,
      `${message}{{ toYaml .Values.extra | nindent 4 }}\n`,
    ]) {
      const text = `{{- define "x.validate" -}}\n${body}{{- end -}}\n`;
      const { problems } = read("chart/templates/_helpers.tpl", text);
      expect([body, problems.map(([code]) => code)]).toEqual([body, ["template-not-checked"]]);
    }
  });
});

describe("a named template of notes, rendered into NOTES.txt (Vector's chart)", () => {
  // Vector's `_configure.datadog`: free text with a divider written by another named template of
  // the file that renders a string, and addresses built from `include "x.fullname"` in strings.
  const divider = '{{- define "v.divider" -}}\n{{ print "----------" }}\n{{- end }}\n';
  const notes = (extra: string) =>
    `${divider}{{- define "v.notes" -}}\n{{- template "v.divider" }}\n\n{{ print "datadog_agent:" }}\n\nTo forward logs from Datadog Agents deployed with the chart,\ninclude the following in its values:\n\ndatadog:\n  logs:\n    logs_dd_url: "{{ include "v.fullname" $ }}.{{ $.Release.Namespace }}:8282"\n${extra}{{- end }}\n`;

  it("is not read: its blocks include a string or write part of a scalar, so it writes no setting", () => {
    expect(read("chart/templates/_helpers.tpl", notes(""))).toEqual({ problems: [], findings: [] });
  });

  it("stays not checked where it includes a named template that writes YAML", () => {
    const yaml = '{{- define "v.sc" -}}\nsecurityContext:\n  runAsUser: 0\n{{- end }}\n';
    const { problems } = read(
      "chart/templates/_helpers.tpl",
      yaml + notes('{{ include "v.sc" . | nindent 2 }}\n'),
    );
    expect(problems.map(([code]) => code)).toEqual(["template-not-checked"]);
  });
});

describe("a key after more than 1,024 characters of blank lines", () => {
  // Datadog's `generate-security-context`: 28 lines of control actions, read as blanks, between
  // `windowsOptions:` (empty) and `securityContext:`. go-yaml counts a key's 1,024 characters from
  // the key itself.
  const helper = excerpt("datadog-security-context-helper.tpl");

  it("reads, and the literal Unconfined seccomp profile in it is found", () => {
    const { problems, findings } = read("chart/templates/_helpers.tpl", helper);
    expect(problems).toEqual([]);
    expect(findings).toContainEqual(["seccomp-profile-baseline", 46, 5]);
  });

  it("reads in an ordinary manifest too, while a key truly longer than that is still refused", () => {
    const blank = "\n".repeat(1100);
    const pod = `apiVersion: v1\nkind: Pod\nmetadata:\n  labels:\n${blank}spec:\n  hostPID: true\n  containers: []\n`;
    expect(read("k8s/pod.yaml", pod)).toEqual({
      problems: [],
      findings: [["host-namespaces", 1106, 3]],
    });
    const long = `apiVersion: v1\nkind: Pod\nmetadata:\n  ${"k".repeat(1030)}: 1\nspec:\n  hostPID: true\n`;
    expect(read("k8s/pod.yaml", long).problems).toEqual([["parse-error", 4]]);
  });
});

describe("a block output after a key and a conditional on the key's line", () => {
  // `otel-config.yaml: {{- if .c }} {{ toYaml .c | indent 4 }}`, else a block scalar: where the
  // block renders, it renders after the key.
  it("reads as the key's block value", () => {
    const config = excerpt("datadog-otel-agent-config.yaml");
    expect(read("chart/templates/_otel_agent_config.yaml", config).problems).toEqual([]);
  });

  it("keeps a literal setting of the other branch at its line and column", () => {
    const text = [
      "apiVersion: v1",
      "kind: Pod",
      "spec:",
      "  containers:",
      "    - name: agent",
      "      image: agent:1.0",
      "      securityContext: {{- if .Values.sc }} {{ toYaml .Values.sc | indent 8 }}",
      "        {{- else }}",
      "        privileged: true",
      "        {{- end }}",
      "",
    ].join("\n");
    expect(read("chart/templates/pod.yaml", text)).toEqual({
      problems: [],
      findings: [["privileged", 9, 9]],
    });
  });
});

describe("a conditional written whole on one line, at the start of its line", () => {
  // `{{ if .Values.aws.role}}iam.amazonaws.com/role: {{ .Values.aws.role }}{{ end }}` (line 23):
  // Helm renders the key at the column of the `if`, or an empty line.
  const deployment = excerpt("yace-deployment.yaml");
  const path = "chart/templates/deployment.yaml";

  it("reads as its empty rendering when what it renders cannot be a setting", () => {
    expect(read(path, deployment)).toEqual({ problems: [], findings: [] });
    // Added to the excerpt: a literal setting two lines into the pod spec (line 34).
    const withSetting = deployment.replace("    spec:\n", "    spec:\n      hostNetwork: true\n");
    expect(read(path, withSetting)).toEqual({
      problems: [],
      findings: [["host-namespaces", 34, 7]],
    });
  });

  it("is blanked whole, every offset and line kept; other conditionals are not", () => {
    const lines = lineConditionalsView(templateView(deployment), deployment, mayHoldSetting);
    expect(lines?.text).toHaveLength(deployment.length);
    expect(lines?.text.split("\n")).toHaveLength(deployment.split("\n").length);
    expect(lines?.text.split("\n")[22]).toBe(" ".repeat(87));
    const whole = templateView(deployment).text;
    const changed = [...deployment].flatMap((_, i) => (lines?.text[i] !== whole[i] ? [i] : []));
    const at = deployment.indexOf("{{ if .Values.aws.role}}");
    expect(changed[0]).toBe(at + "{{ if .Values.aws.role}}".length);
    expect(changed.at(-1)).toBe(deployment.indexOf("{{ end }}", at) - 1);
  });

  it("stays not checked when its text may be a setting (an AppArmor annotation)", () => {
    const apparmor = deployment.replace(
      "iam.amazonaws.com/role: {{ .Values.aws.role }}",
      "container.apparmor.security.beta.kubernetes.io/app: unconfined",
    );
    expect(read(path, apparmor).problems).toEqual([["template-not-checked", 24]]);
  });

  it("stays not checked when an action inside may render a key, not only a value", () => {
    const keyed = deployment.replace(
      "iam.amazonaws.com/role: {{ .Values.aws.role }}",
      "{{ .Values.aws.key }}: {{ .Values.aws.role }}",
    );
    expect(read(path, keyed).problems).toEqual([["template-not-checked", 24]]);
  });
});

describe("a conditional that renders one scalar", () => {
  it("reads as that scalar, unknown, where its branches join the key through trim markers", () => {
    // `apiVersion: {{ if … -}}\nautoscaling/v2\n{{- else -}}\nautoscaling/v2beta2\n{{- end }}`
    const hpa = excerpt("promtail-hpa.yaml");
    expect(read("chart/templates/hpa.yaml", hpa)).toEqual({ problems: [], findings: [] });
    // The `if` is the value's placeholder; the rest of the conditional is blank, lines kept.
    const scalars = scalarConditionalsView(templateView(hpa), hpa);
    expect(scalars?.text).toHaveLength(hpa.length);
    const lines = scalars?.text.split("\n") ?? [];
    expect(lines).toHaveLength(hpa.split("\n").length);
    expect(lines[1]).toMatch(/^apiVersion: _[0-9a-z]+_+$/);
    expect(lines.slice(2, 5).every((l) => l.trim() === "")).toBe(true);
    expect(scalars?.scalarConditionals).toEqual([
      { at: hpa.indexOf("{{ if or"), literal: "\nautoscaling/v2\n\nautoscaling/v2beta2\n" },
    ]);
  });

  it("reads as that scalar where each branch (nested ones too) writes one sequence item", () => {
    // Datadog's RBAC: `- {{ if .r }}\n{{ .r | lower }}\n{{ else }}\n{{ if eq .k "*" }}\n"*"…`
    const rbac = excerpt("datadog-ksm-core-rbac.yaml");
    expect(read("chart/templates/rbac.yaml", rbac)).toEqual({ problems: [], findings: [] });
  });

  const pod = (key: string, first: string, second: string) =>
    [
      "apiVersion: v1",
      "kind: Pod",
      "spec:",
      "  hostNetwork: true",
      `  ${key} {{ if .Values.critical -}}`,
      `  ${first}`,
      "  {{- else -}}",
      `  ${second}`,
      "  {{- end }}",
      "  containers:",
      "    - name: app",
      "      image: app:1.0",
      "",
    ].join("\n");

  it("keeps the literal settings around it at their lines and columns", () => {
    const text = pod("priorityClassName:", "system-node-critical", "default");
    expect(read("chart/templates/pod.yaml", text)).toEqual({
      problems: [],
      findings: [["host-namespaces", 4, 3]],
    });
  });

  it("stays not checked where the scalar may be a setting: by its key or by its text", () => {
    for (const text of [
      pod("hostPID:", "true", "false"),
      pod("- key:", "NET_ADMIN", "NET_RAW").replace("  - key:", "  add:\n  -"),
      pod("runtimeClassName:", "privileged", "runc"),
    ]) {
      expect(read("chart/templates/pod.yaml", text).problems.map((p) => p[0])).toEqual([
        "template-not-checked",
      ]);
    }
  });
});

describe("a conditional spanning whole lines whose text is YAML only when it is not rendered", () => {
  // Falco Talon's ClusterRole: `{{- if .Values.podSecurityPolicy.create }}` (line 183) around one
  // more rule written at column 0, two columns left of the rules before it (PodSecurityPolicy is
  // gone since Kubernetes 1.25): Helm's output is YAML only without it.
  const rbac = excerpt("falco-talon-rbac.yaml");
  const path = "chart/templates/rbac.yaml";
  const open = "{{- if .Values.podSecurityPolicy.create }}";

  it("reads as its empty rendering when what it renders cannot be a setting", () => {
    expect(read(path, rbac)).toEqual({ problems: [], findings: [] });
    // Added to the excerpt: a Pod after the ClusterRoleBinding, its setting found where it stands.
    const pod = "---\napiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n  containers: []\n";
    // The excerpt ends with a line break: the Pod's `---` is on the line after its last.
    const marker = rbac.split("\n").length;
    expect(read(path, `${rbac}${pod}`)).toEqual({
      problems: [],
      findings: [["host-namespaces", marker + 4, 3]],
    });
  });

  it("is blanked whole, from its `if` to its `end`, every offset and line kept", () => {
    const view = templateView(rbac);
    const whole = wholeConditionalsView(view, rbac, mayHoldSetting);
    expect(whole?.text).toHaveLength(rbac.length);
    const changed = [...rbac].flatMap((_, i) => (whole?.text[i] !== view.text[i] ? [i] : []));
    const at = rbac.indexOf(open);
    expect(rbac.slice(changed[0], (changed.at(-1) ?? 0) + 1)).toMatch(/^- apiGroups:[\s\S]*- use$/);
    expect(changed[0]).toBeGreaterThan(at);
    expect(changed.at(-1)).toBeLessThan(rbac.indexOf("{{- end }}", at));
    expect(whole?.text.split("\n")).toHaveLength(rbac.split("\n").length);
  });

  it("stays not checked when its text may be a setting or an output writes a block there", () => {
    const cases = [
      // A volume source restricted refuses, written without the word "volume".
      rbac.replace(
        "    - podsecuritypolicies\n",
        "    - podsecuritypolicies\n  nfs: {server: x}\n",
      ),
      // An output alone on its line, indented by a function: a block of keys of its own.
      rbac.replace(
        "  verbs:\n    - use\n{{- end }}",
        '  verbs:\n{{ include "x" . | nindent 4 }}\n{{- end }}',
      ),
    ];
    for (const text of cases) {
      expect(text).not.toBe(rbac);
      expect(read(path, text).problems.map((p) => p[0])).toEqual(["template-not-checked"]);
    }
  });

  it("is not read so when it has an else, or shares its lines with other text", () => {
    // Whether the rule the conditional writes (its `- policy` line) is blanked.
    const blanked = (text: string) => {
      const at = text.indexOf("    - policy");
      const whole = wholeConditionalsView(templateView(text), text, mayHoldSetting);
      return whole !== null && whole.text.slice(at, at + 12).trim() === "";
    };
    expect(blanked(rbac)).toBe(true);
    expect(
      blanked(rbac.replace("    - use\n{{- end }}", "    - use\n{{- else }}\n{{- end }}")),
    ).toBe(false);
    expect(blanked(rbac.replace("    - use\n{{- end }}", "    - use\n{{- end }} x"))).toBe(false);
    expect(blanked(rbac.replace(open, `x: ${open}`))).toBe(false);
  });
});

describe("a named template that continues the one its first line includes", () => {
  // Bitnami Airflow: `loadDAGs` starts with `{{ include "…shared" . }}` at column 0 (line 62),
  // then continues the container the shared template starts: its `volumeMounts` (indent 4), its
  // `args` and `name` (indent 2).
  const path = "chart/templates/_init_containers_sidecars.tpl";
  const tpl = excerpt("airflow-init-containers.tpl");
  const include = '{{ include "airflow.defaultInitContainers.shared" . }}';
  const securityContext = (text: string) =>
    text.replace(/ {2}\{\{- if [^\n]*containerSecurityContext[\s\S]*?\{\{- end \}\}\n/, "");

  it("reads as Helm renders it, the included body in place of the include", () => {
    expect(tpl.split("\n")[61]).toBe(include);
    expect(read(path, tpl)).toEqual({ problems: [], findings: [] });
  });

  it("reports a setting of its own lines at its line and column, in the container it continues", () => {
    const text = tpl.replace(
      "  name: load-dags\n",
      "  name: load-dags\n  securityContext:\n    privileged: true\n",
    );
    expect(read(path, text)).toEqual({ problems: [], findings: [["privileged", 107, 5]] });
    const [result] = scan([{ path, text }], { charts: ["chart"] });
    expect(result?.findings[0]?.message).toContain("load-dags");
  });

  it("reports a setting of the included body once, on that body's own reading", () => {
    // The shared container's conditional security context (lines 7–9) written literally.
    const text = securityContext(tpl).replace(
      "  imagePullPolicy: {{ .Values.image.pullPolicy }}\n",
      "  imagePullPolicy: {{ .Values.image.pullPolicy }}\n  securityContext:\n    privileged: true\n",
    );
    expect(text.split("\n").length).toBe(tpl.split("\n").length - 1);
    expect(read(path, text)).toEqual({ problems: [], findings: [["privileged", 8, 5]] });
  });

  it("stays not checked where Helm would not render the body in place", () => {
    for (const other of [
      `  ${include}`, // indented: the body's first line alone would move
      include.replace(" . }}", " . | nindent 0 }}"), // a pipeline
      include.replace("shared", "elsewhere"), // no named template of this file
    ]) {
      const { problems } = read(path, tpl.replace(include, other));
      expect([other, problems.map(([code]) => code)]).toEqual([other, ["template-not-checked"]]);
    }
  });
});

describe("a conditional spanning whole lines whose output follows a key through an indent function", () => {
  // kube-prometheus-stack's Services per replica: when `ipDualStack.enabled`, `ipFamilies:` (line
  // 28) stands two columns right of `clusterIP:` and its list four columns left of it, YAML only
  // when it is not rendered.
  const path = "chart/templates/prometheus/serviceperreplica.yaml";
  const services = excerpt("kube-prometheus-stack-serviceperreplica.yaml");
  const families = "ipFamilies: {{ toYaml $serviceValues.ipDualStack.ipFamilies | nindent 4 }}";

  it("reads as its empty rendering when what it renders cannot be a setting", () => {
    expect(services.split("\n")[27]?.trim()).toBe(families);
    expect(read(path, services)).toEqual({ problems: [], findings: [] });
  });

  it("is blanked whole, from its `if` to its `end`, every offset and line kept", () => {
    const whole = wholeConditionalsView(templateView(services), services, mayHoldSetting);
    const at = services.indexOf(families);
    expect(whole?.text).toHaveLength(services.length);
    expect(whole?.text.slice(at, at + families.length).trim()).toBe("");
    expect(whole?.text.split("\n")).toHaveLength(services.split("\n").length);
  });

  it("stays not checked when the output follows a `- ` or the key may be a setting", () => {
    for (const other of [
      families.replace("ipFamilies:", "-"),
      families.replace("ipFamilies:", "securityContext:"),
    ]) {
      const { problems } = read(path, services.replace(families, other));
      expect([other, problems.map(([code]) => code)]).toEqual([other, ["template-not-checked"]]);
    }
  });
});

describe("a conditional whose later branches hold other shapes of one value", () => {
  // Bitnami kube-prometheus's Prometheus (lines 40–51): `alertmanagers` is a block written from
  // values, else if a list of mappings, else `[]`; read together, the `[]` follows the mappings.
  const path = "chart/templates/prometheus/prometheus.yaml";
  const head = "apiVersion: monitoring.coreos.com/v1\nkind: Prometheus\nspec:\n";
  const alerting = excerpt("kube-prometheus-alertmanagers.yaml");
  const pod = "  containers:\n    - name: x\n      securityContext:\n        privileged: true\n";

  it("reads with each later branch that cannot hold a setting blanked, the others in place", () => {
    expect(read(path, `${head}${alerting}`)).toEqual({ problems: [], findings: [] });
    const text = `${head}${alerting}${pod}`;
    expect(read(path, text)).toEqual({ problems: [], findings: [["privileged", 19, 9]] });
    const first = firstBranchView(templateView(text), text, mayHoldSetting)?.text ?? "";
    expect(first.slice(text.indexOf("[]"), text.indexOf("[]") + 2)).toBe("  ");
    const kept = text.indexOf("pathPrefix:");
    expect(first.slice(kept, kept + 11)).toBe("pathPrefix:");
  });

  it("stays not checked when the branch that does not read may hold a setting", () => {
    const text = `${head}${alerting.replace("[]", "{hostPath: {path: /}}")}`;
    expect(read(path, text).problems.map(([code]) => code)).toEqual(["template-not-checked"]);
  });
});

describe("a conditional that renders a key where no key can stand, whatever the values", () => {
  // Bitnami kuberay's RayCluster (lines 76–133): the head container's custom probes are written
  // at column 10, where the dashes of the `containers` entries stand, not at the container's
  // keys' column 12: Helm fails on them whenever `customLivenessProbe` (or the readiness or
  // startup one) is set, so the only rendering it gives is without them.
  const path = "chart/templates/cluster/raycluster.yaml";
  const head =
    "apiVersion: ray.io/v1\nkind: RayCluster\nspec:\n  headGroupSpec:\n    template:\n      spec:\n";
  const ray = `${head}${excerpt("kuberay-head-containers.yaml")}`;
  const probe = '          livenessProbe: {{- include "common.tplvalues.render"';
  const mounts =
    '(dict "value" .Values.cluster.head.extraVolumeMounts "context" $) | nindent 14 }}';

  it("reads as its empty rendering, the rest of the document in place", () => {
    expect(ray.split("\n")[50]?.startsWith(probe)).toBe(true);
    expect(read(path, ray)).toEqual({ problems: [], findings: [] });
    const volume = "          - name: host\n            hostPath:\n              path: /\n";
    expect(read(path, `${ray}${volume}`)).toEqual({
      problems: [],
      findings: [["host-path-volumes", 66, 13]],
    });
  });

  it("stays not checked where an output before it may write a mapping at the key's column", () => {
    // The volume mounts written from values without an indent function: their lines may stand
    // anywhere, a mapping at column 10 among them.
    const text = ray.replace(
      mounts,
      '(dict "value" .Values.cluster.head.extraVolumeMounts "context" $) }}',
    );
    expect(text).not.toBe(ray);
    expect(read(path, text).problems.map(([code]) => code)).toEqual(["template-not-checked"]);
  });

  it("stays not checked in a loop, where the loop's own text may stand before it", () => {
    // The second time round, `livenessProbe:` follows `annotations:` and is its value.
    const loop = [
      "apiVersion: v1",
      "kind: Pod",
      "spec:",
      "  containers:",
      "    - name: a",
      "{{- range .Values.extra }}",
      "{{- if .probe }}",
      "    livenessProbe: {}",
      "{{- end }}",
      "  annotations:",
      "{{- end }}",
      "",
    ].join("\n");
    expect(read("chart/templates/pod.yaml", loop).problems).toEqual([["template-not-checked", 6]]);
  });

  // Bitnami envoy-gateway's certgen Job (lines 36–157): `volumes:` at column 8, inside the
  // containers list rather than at the pod spec's column 6, when `extraVolumes` is set; the
  // sidecars written before it at column 8 cannot open a mapping there either.
  const job = `apiVersion: batch/v1\nkind: Job\nspec:\n  template:\n${excerpt("envoy-gateway-certgen-pod.yaml")}`;
  const sidecars = '( dict "value" .Values.certgen.sidecars "context" $) | nindent 8 }}';

  it("reads so after an output indented at the key's column where no key can stand", () => {
    expect(job).toContain(sidecars);
    expect(read("chart/templates/certgen/job.yaml", job)).toEqual({ problems: [], findings: [] });
    const left = job.replace(sidecars, sidecars.replace("nindent 8", "nindent 6"));
    const { problems } = read("chart/templates/certgen/job.yaml", left);
    expect(problems.map(([code]) => code)).toEqual(["template-not-checked"]);
  });
});

describe("a block written through `indent N` at a line's start and continued deeper (kubernetes-csi's charts)", () => {
  // `namespace: {{ .Release.Namespace }}`, then `{{ include "nfs.labels" . | indent 2 }}` (which
  // writes `labels:` and its first entries), then `    app: ...`, the last label.
  const text = excerpt("csi-nfs-snapshot-controller.yaml");

  it("reads, and a setting written after it is found where it stands", () => {
    expect(read("chart/templates/csi-snapshot-controller.yaml", text)).toEqual({
      problems: [],
      findings: [],
    });
    const privileged = text.replace(
      "          securityContext:\n            capabilities:",
      "          securityContext:\n            privileged: true\n            capabilities:",
    );
    expect(read("chart/templates/csi-snapshot-controller.yaml", privileged).findings).toEqual([
      ["privileged", 93, 13],
    ]);
  });
});

describe("the words without which template text holds no setting", () => {
  it("include the volume sources restricted refuses, a mount's propagation, and what the catalogue reads", () => {
    for (const text of [
      "rbd: {image: x}",
      "cephfs:",
      "mountPropagation: Bidirectional",
      "command: [tcpdump]",
      "args: [-i, any]",
      "mountPath: /dev/net/tun",
    ]) {
      expect(mayHoldSetting(text)).toBe(true);
    }
    expect(mayHoldSetting("- apiGroups: [policy]\n  verbs: [use]")).toBe(false);
  });
});

describe("a chart template whose blocks do not nest", () => {
  it("is not checked, as Go's parser refuses it, naming the stray action", () => {
    const text = "apiVersion: v1\nkind: Pod\nspec:\n  hostPID: true\n{{- end }}\n";
    const [result] = scan([{ path: "chart/templates/pod.yaml", text }], { charts: ["chart"] });
    expect(result?.problems.map((p) => [p.code, p.line, p.column])).toEqual([
      ["template-not-checked", 5, 1],
    ]);
    expect(result?.problems[0]?.message).toContain("{{ end }} closes no block");
  });
});

describe("a conditional that Helm glues onto the line before it through trim markers", () => {
  // kube-ovn's controller: `- --default-cidr=`, then `{{- if … -}}`, a value line per branch,
  // `{{- end }}`: whichever branch renders, its text ends the argument's line.
  const text = excerpt("kube-ovn-controller-deployment.yaml");

  it("reads as its empty rendering, the literal settings around it at their lines and columns", () => {
    const { problems, findings } = read("chart/templates/controller-deployment.yaml", text);
    expect(problems).toEqual([]);
    expect(findings).toContainEqual(["host-namespaces", 60, 7]);
    expect(findings).toContainEqual(["privileged", 77, 13]);
  });

  it("stays not checked when a line break of its output is not trimmed", () => {
    // Without the right trim marker, the branch's value renders on a line of its own.
    const untrimmed = text.replace(
      '- --default-cidr=\n          {{- if eq .Values.networking.stack "Dual" -}}',
      '- --default-cidr=\n          {{- if eq .Values.networking.stack "Dual" }}',
    );
    expect(untrimmed).not.toBe(text);
    expect(read("chart/templates/controller-deployment.yaml", untrimmed).problems).toEqual([
      ["template-not-checked", 100],
    ]);
  });
});

describe("a chart's file written to be included after an indentation of the template's", () => {
  // Kubescape's assets/kubescape-cronjob-full.yaml, output by `cronjobTemplate: |-` then
  // `    {{ tpl (.Files.Get "assets/kubescape-cronjob-full.yaml") . }}`: line 1 at column 0.
  const text = excerpt("kubescape-cronjob-full.yaml");
  const path = "chart/assets/kubescape-cronjob-full.yaml";

  it("reads as included: the first line's pair with the mapping of the others", () => {
    expect(read(path, text)).toEqual({ problems: [], findings: [] });
    // A literal setting in it is found at its own line and column, in the CronJob's pod.
    const privileged = text.replace(
      "                  runAsNonRoot: true\n",
      "                  runAsNonRoot: true\n                  privileged: true\n",
    );
    expect(privileged).not.toBe(text);
    expect(read(path, privileged).findings).toEqual([["privileged", 44, 19]]);
    const [result] = scan([{ path, text: privileged }], { charts: ["chart"] });
    expect(result?.findings[0]?.resource?.kind).toBe("CronJob");
  });

  it("stays not checked when a later line is not indented past the first", () => {
    const broken = text.replace("    spec:\n", "spec:\n");
    expect(read(path, broken).problems.map(([code]) => code)).toEqual(["template-not-checked"]);
  });
});

describe("a `.tpl` in a `templates/` folder of no chart (a mail server's HTML mail templates)", () => {
  // Shaped as mailcow-dockerized's data/assets/templates/*.tpl: HTML with Jinja-style actions,
  // which neither Helm (no Chart.yaml above it) nor kubectl (not .yaml or .json) reads.
  const mail =
    '<html>\n  <head>\n    <style>\n      body { font-family: "Helvetica Neue"; }\n    </style>\n  </head>\n  <body>\n    <!--[if mso]><table><![endif]-->\n    Hi {{username}}!<br />\n    {% if quota %}Your mailbox is {{percent}}% full.{% endif %}\n  </body>\n</html>\n';

  it("reports no problem where it does not read and could write no manifest", () => {
    expect(read("data/assets/templates/quota.tpl", mail)).toEqual({ problems: [], findings: [] });
    // Go's lexer stops at an action left open: still no manifest.
    expect(read("web/templates/mail.tpl", `${mail}{{ if .x\n`)).toEqual({
      problems: [],
      findings: [],
    });
  });

  it("is still not checked in a chart, and where its text could write a manifest", () => {
    expect(read("chart/templates/quota.tpl", mail).problems.map(([code]) => code)).toEqual([
      "template-not-checked",
    ]);
    for (const extra of ["containers:\n  - name: x\n", "privileged: true\n"]) {
      const { problems } = read("data/assets/templates/quota.tpl", `${extra}${mail}`);
      expect([extra, problems.map(([code]) => code)]).toEqual([extra, ["template-not-checked"]]);
    }
  });

  it("is read as a Go template: a manifest in it is judged", () => {
    const pod =
      "apiVersion: v1\nkind: Pod\nmetadata:\n  name: {{ .Name }}\nspec:\n  containers:\n    - name: a\n      image: b\n      securityContext:\n        privileged: true\n";
    expect(read("deploy/templates/pod.tpl", pod)).toEqual({
      problems: [],
      findings: [["privileged", 10, 9]],
    });
  });
});

describe("a Kubernetes version switch in an object that holds no setting (Jenkins's Ingress)", () => {
  // Shaped as jenkinsci/helm-charts' charts/jenkins/templates/jenkins-controller-ingress.yaml:
  // the backend's two shapes (`service:` from Kubernetes 1.19, `serviceName:` before) in the
  // branches of one conditional, which do not read as one YAML text.
  const ingress = (kind: string, elseExtra = "") =>
    [
      "apiVersion: networking.k8s.io/v1",
      `kind: ${kind}`,
      "metadata:",
      '  name: {{ template "jenkins.fullname" . }}',
      "spec:",
      "  rules:",
      "  - http:",
      "      paths:",
      "      - backend:",
      '{{- if semverCompare ">=1.19-0" $kubeTargetVersion }}',
      "          service:",
      '            name: {{ template "jenkins.fullname" . }}',
      "            port:",
      "              number: {{ .Values.controller.servicePort }}",
      "        pathType: {{ .Values.controller.ingress.pathType }}",
      "{{- else }}",
      '          serviceName: {{ template "jenkins.fullname" . }}',
      "          servicePort: {{ .Values.controller.servicePort }}",
      ...(elseExtra ? [elseExtra] : []),
      "{{- end }}",
      "",
    ].join("\n");

  it("reads with the first branch of each conditional: no such object holds a setting", () => {
    expect(read("chart/templates/ingress.yaml", ingress("Ingress"))).toEqual({
      problems: [],
      findings: [],
    });
  });

  it("reports nothing where such an object does not read even so", () => {
    // kubernetes/autoscaler's charts/cluster-autoscaler/templates/pdb.yaml: `apiVersion:` glued
    // after an `{{- end }}`, which Helm renders at the start of the line.
    const pdb = [
      "{{- if .Values.podDisruptionBudget -}}",
      "{{- if and .Values.podDisruptionBudget.minAvailable .Values.podDisruptionBudget.maxUnavailable }}",
      '    {{- fail "Only one of minAvailable or maxUnavailable should be set." }}',
      '{{- end }}apiVersion: {{ template "podDisruptionBudget.apiVersion" . }}',
      "kind: PodDisruptionBudget",
      "metadata:",
      '  name: {{ template "cluster-autoscaler.fullname" . }}',
      "spec:",
      "  minAvailable: {{ .Values.podDisruptionBudget.minAvailable }}",
      "{{- end }}",
      "",
    ].join("\n");
    expect(read("chart/templates/pdb.yaml", pdb)).toEqual({ problems: [], findings: [] });
    const [code] =
      read("chart/templates/pdb.yaml", pdb.replace("PodDisruptionBudget\n", "Deployment\n"))
        .problems[0] ?? [];
    expect(code).toBe("template-not-checked");
  });

  it("still reads an object a branch starts after `---`, as a document of its own", () => {
    const pod =
      "---\napiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n    - name: c\n      image: i\n      securityContext:\n        privileged: true";
    expect(read("chart/templates/ingress.yaml", ingress("Ingress", pod)).findings).toEqual([
      ["privileged", 29, 9],
    ]);
  });

  it("stays not checked where the object may hold one, or a branch may start another object", () => {
    for (const text of [
      ingress("Deployment"),
      ingress("Ingress", "kind: Pod"),
      `${ingress("Ingress")}---\napiVersion: v1\nkind: Service\n`.replace(
        "kind: Ingress",
        "kind: {{ .Values.kind }}",
      ),
    ]) {
      const { problems } = read("chart/templates/ingress.yaml", text);
      expect(problems.map(([code]) => code)).toContain("template-not-checked");
    }
  });
});
