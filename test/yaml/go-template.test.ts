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

  it("lists the spans of value placeholders and the lexer's error", () => {
    const text = "a: {{ .x }}\nb: {{ if .y }}\nc: {{ .z";
    const v = templateView(text);
    expect(v.values).toEqual([[3, 11]]);
    expect(v.error?.message).toBe("unclosed action");
  });
});
