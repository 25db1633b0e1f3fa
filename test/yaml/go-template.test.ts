/** Chart templates read as YAML with placeholders in place of their actions. */
import { describe, expect, it } from "@jest/globals";
import { parse } from "yaml";
import { templateView } from "../../src/yaml/go-template.js";

const view = (text: string) => templateView(text).text;

describe("templateView", () => {
  it("keeps a value inside a scalar as a scalar: `image: {{ .a }}:{{ .b }}` (flannel)", () => {
    const text = "image: {{ .Values.a }}:{{ .Values.b }}\n";
    const out = view(text);
    expect(out).toHaveLength(text.length);
    expect(parse(out)).toEqual({ image: expect.stringMatching(/^_0_+:_1_+$/) });
  });

  it("reads nothing for control flow and for blocks alone on their line or after `key:`", () => {
    const text = [
      "spec:",
      "  {{- if .Values.x }}",
      "  tolerations: {{- toYaml .Values.t | nindent 4 }}",
      "  labels:",
      '    {{- include "labels" . | nindent 4 }}',
      "  {{- end }}",
      "  hostNetwork: true",
      "",
    ].join("\n");
    expect(parse(view(text))).toEqual({
      spec: { tolerations: null, labels: null, hostNetwork: true },
    });
  });

  it("reads a block scalar that opens with `{{- if }}`", () => {
    const text = [
      "args:",
      "  - |",
      "    {{- if .Values.debug }}",
      "    set -x",
      "    {{- end }}",
      "    exec agent",
      "",
    ].join("\n");
    const parsed = parse(view(text)) as { args: string[] };
    expect(parsed.args[0]).toContain("set -x\n");
    expect(parsed.args[0]).toContain("exec agent");
  });

  it("ends a block scalar of a sequence entry (`- expr: |-`) at the entry's next key (kube-prometheus-stack's rules)", () => {
    const text = [
      "rules:",
      "- expr: |-",
      '    up{job="{{ $job }}"} == 0',
      "  record: job:up",
      "  {{- if .Values.labels }}",
      "  labels:",
      "    {{- toYaml .Values.labels | nindent 8 }}",
      "  {{- end }}",
      "",
    ].join("\n");
    const out = view(text);
    expect(out.split("\n")).toHaveLength(text.split("\n").length);
    expect(parse(out)).toEqual({
      rules: [
        { expr: expect.stringMatching(/^up\{job="_0_+"\} == 0$/), record: "job:up", labels: null },
      ],
    });
  });

  it("reads a block scalar whose first lines are control actions at its key's indentation (Datadog's chart)", () => {
    // Helm joins a `{{-` line to the line before it: the line renders as nothing.
    const text = [
      "helm.yaml: |-",
      "{{- if and .Values.a .Values.b }}",
      "  cluster_check: true",
      "{{- end }}",
      "  init_config:",
      "",
    ].join("\n");
    const out = view(text);
    expect(out).toHaveLength(text.length);
    expect(out.split("\n")).toHaveLength(text.split("\n").length);
    expect(parse(out)).toEqual({
      "helm.yaml": expect.stringMatching(/^\n?cluster_check: true\s*\ninit_config:$/),
    });
  });

  it("reads output at the start of a line, before a block scalar's text, as that text", () => {
    const text = [
      "data:",
      "  datadog.yaml: |",
      "  {{- if .Values.custom }}",
      "{{ tpl (toYaml .Values.custom) . | indent 4 }}",
      "  {{- else }}",
      "    listeners:",
      "      - name: kubelet",
      "  {{- end }}",
      "",
    ].join("\n");
    const read = templateView(text);
    const { data } = parse(read.text) as { data: Record<string, string> };
    expect(data["datadog.yaml"]).toMatch(/^\n?_0_+ *\n(?: *\n)* listeners:\n {3}- name: kubelet\n/);
    // The placeholder is a value: the scalar holding it reads as unknown.
    expect(read.values).toHaveLength(1);
  });

  it("takes the indentation of a block scalar's key written as an action (`{{ .Values.key }}: |`, netdata's chart)", () => {
    const text = [
      "data:",
      "  {{ .Values.key }}: |",
      "    {{- with .Values.from }}",
      "      {{- .value | nindent 4 }}",
      "    {{- end }}",
      "",
    ].join("\n");
    expect(Object.values((parse(view(text)) as { data: object }).data)).toEqual([
      expect.stringContaining("_"),
    ]);
  });

  it("reads a block output on a block scalar's header line as that scalar's text (Grafana's sampling chart)", () => {
    const text = [
      "data:",
      '  config.alloy: |- {{- (include "alloy.config" .) | nindent 4 }}',
      "  other: x",
      "",
    ].join("\n");
    expect(parse(view(text))).toEqual({ data: { "config.alloy": "", other: "x" } });
  });

  it("reads a block value glued to its key or block header by output that starts with a line break (Linkerd's charts)", () => {
    const text = [
      "spec:",
      "  revisionHistoryLimit: {{.Values.revisionHistoryLimit}}",
      "  updateStrategy:{{ .Values.updateStrategy | toYaml | nindent 4 }}",
      "  template: {}",
      "data:",
      "  ca-bundle.crt: |-{{.Values.identityTrustAnchorsPEM | trim | nindent 4}}",
      "",
    ].join("\n");
    const out = view(text);
    expect(out).toHaveLength(text.length);
    expect(parse(out)).toEqual({
      spec: {
        revisionHistoryLimit: expect.stringMatching(/^_0_+$/),
        updateStrategy: null,
        template: {},
      },
      data: { "ca-bundle.crt": "" },
    });
    // Output that does not start with a line break stays a value glued to the key's text.
    expect(parse(view('a:{{ include "x" . }}\n'))).toEqual(expect.stringMatching(/^a:_0_+$/));
  });

  it("reads a block scalar whose leading lines are left-trimming actions and a comment over several lines (Linkerd's config.yaml)", () => {
    const text = [
      "data:",
      "  values: |",
      "  {{- $values := deepCopy .Values }}",
      "  {{- /*",
      "    WARNING! All sensitive or private data such as TLS keys must be removed",
      "    here to avoid it being publicly readable.",
      "  */ -}}",
      '  {{- if kindIs "map" $values.identity.issuer.tls -}}',
      '    {{- $_ := unset $values.identity.issuer.tls "keyPEM"}}',
      "  {{- end -}}",
      "  {{- toYaml $values | trim | nindent 4 }}",
      "kind: ConfigMap",
      "",
    ].join("\n");
    const out = view(text);
    expect(out).toHaveLength(text.length);
    expect(out.split("\n")).toHaveLength(text.split("\n").length);
    expect(parse(out)).toEqual({
      data: { values: expect.stringMatching(/^\n*_0_+\n/) },
      kind: "ConfigMap",
    });
  });

  it("reads a block scalar whose leading lines are assignments trimming the line break after them (Istio's sidecar injector values)", () => {
    const text = [
      "data:",
      "  values: |-",
      '{{ $vals := pick .Values "global" "sidecarInjectorWebhook" -}}',
      '{{ $vals = set $vals "pilot" (pick .Values "cni") -}}',
      "{{ $vals | toPrettyJson | indent 4 }}",
      "",
      "  # what follows is the next key's",
      "  config: |-",
      "    policy: enabled",
      "",
    ].join("\n");
    const read = templateView(text);
    expect(read.text).toHaveLength(text.length);
    expect(read.text.split("\n")).toHaveLength(text.split("\n").length);
    expect(parse(read.text)).toEqual({
      data: { values: expect.stringMatching(/^\n*_0_+$/), config: "policy: enabled" },
    });
    expect(read.values).toHaveLength(1);
  });

  it("reads such a line as empty where it starts with an action that does not trim, and keeps output", () => {
    // `{{ $x := … }}` at column 0 outputs nothing: Helm leaves an empty line.
    const silent = [
      "data:",
      "  values: |-",
      '{{ $vals := pick .Values "global" }}',
      "    text",
      "",
    ];
    expect(parse(view(silent.join("\n")))).toEqual({ data: { values: "\ntext" } });
    const output = ["data:", "  values: |-", "{{ .Values.a -}}", "    text", ""].join("\n");
    expect(view(output).split("\n")[2]).toMatch(/^ +_0_+$/);
  });

  it("keeps a value after `key:` without a space inside the scalar (`sa:{{ include }}`)", () => {
    const text = '- system:serviceaccount:{{ include "ns" . }}:{{ include "sa" . }}\n';
    expect(parse(view(text))).toEqual([expect.stringMatching(/^system:serviceaccount:_0_+:_1_+$/)]);
  });

  it("numbers placeholders, so that two templated keys never read as one key set twice", () => {
    const text = "{{ .Values.k1 }}: a\n{{ .Values.k2 }}: b\n";
    expect(Object.keys(parse(view(text)) as object)).toHaveLength(2);
  });

  it("reads a file whose first line is a comment holding `}}` (issue 14)", () => {
    const text = "{{- /* renders }} safely */ -}}\nkind: Pod\n";
    expect(parse(view(text))).toEqual({ kind: "Pod" });
  });

  it("reads a block written through `indent N` at a line's start and continued deeper as a key of its own (csi-driver-nfs's labels)", () => {
    const text = [
      "metadata:",
      "  name: {{ .Values.name }}",
      "  namespace: {{ .Release.Namespace }}",
      '{{ include "nfs.labels" . | indent 2 }}',
      "    app: {{ .Values.name }}",
      "spec:",
      "  replicas: 1",
      "",
    ].join("\n");
    const v = templateView(text);
    expect(v.text).toHaveLength(text.length);
    const read = parse(v.text) as { metadata: Record<string, unknown>; spec: unknown };
    // Helm writes `labels:` and its first entries there; the deeper line is its last key's value.
    const keys = Object.keys(read.metadata);
    expect(keys.slice(0, 2)).toEqual(["name", "namespace"]);
    expect(keys[2]).toMatch(/^_\w+$/);
    expect(read.metadata[keys[2] ?? ""]).toEqual({ app: expect.stringMatching(/^_/) });
    expect(read.spec).toEqual({ replicas: 1 });
    // The key is a placeholder like a templated key's, listed with the values, in order.
    const at = text.indexOf("{{ include");
    expect(v.values).toContainEqual([
      at + 2,
      at + '{{ include "nfs.labels" . | indent 2 }}'.length - 1,
    ]);
    expect(v.values).toEqual([...v.values].sort((x, y) => x[0] - y[0]));
  });

  it("leaves such a block blank where the text reads without it", () => {
    const read = (lines: string[]) => parse(view([...lines, ""].join("\n")));
    // After a key with no value on its line, the deeper lines are that key's (as when it renders nothing).
    expect(
      read(["metadata:", "  labels:", '{{ include "x" . | indent 2 }}', "    app: a"]),
    ).toEqual({ metadata: { labels: { app: "a" } } });
    // Followed at its own column: entries beside the ones it writes.
    expect(
      read(["metadata:", "  name: n", '{{ include "x" . | indent 2 }}', "  namespace: a"]),
    ).toEqual({ metadata: { name: "n", namespace: "a" } });
    // `nindent`, a left trim, or another output on the line: not this shape.
    for (const block of [
      '{{ include "x" . | nindent 2 }}',
      '{{- include "x" . | indent 2 }}',
      '{{ include "x" . | indent 2 }}{{ .Values.y }}',
    ]) {
      expect(() => read(["metadata:", "  name: n", block, "    app: a"])).toThrow();
    }
  });

  it("lists the spans of value placeholders and the lexer's error", () => {
    const text = "a: {{ .x }}\nb: {{ if .y }}\nc: {{ .z";
    const v = templateView(text);
    expect(v.values).toEqual([[3, 11]]);
    expect(v.error?.message).toBe("unclosed action");
  });
});
