/**
 * Helm chart templates: Go template actions are blanked so that the YAML around them is read
 * with the file's own positions; literal settings are findings, templated ones are left to the
 * chart's values.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { applyLineFix, scan } from "../../src/engine/index.js";
import { LineIndex } from "../../src/yaml/line-index.js";
import { blankTemplateActions } from "../../src/yaml/go-template.js";

const template = readFileSync("test/fixtures/helm-daemonset-template.yaml", "utf8");

describe("Go template actions", () => {
  it("are blanked with spaces, keeping every offset and line break", () => {
    const text = 'name: {{ include "x" . }}\n{{/* a\ncomment */}}\nimage: "{{ .Values.image }}"\n';
    const blank = blankTemplateActions(text);
    expect(blank).toHaveLength(text.length);
    expect(blank.split("\n")).toHaveLength(text.split("\n").length);
    expect(blank).toBe(
      `name: ${" ".repeat(19)}\n${" ".repeat(6)}\n${" ".repeat(12)}\nimage: "${" ".repeat(19)}"\n`,
    );
    expect(blankTemplateActions("a: b\n")).toBe("a: b\n");
  });
});

describe("a chart template", () => {
  it("has no parse problem; literal settings are findings at their own lines, with fixes", () => {
    const [result] = scan([{ path: "chart/templates/daemonset.yaml", text: template }]);
    expect(result?.problems).toEqual([]);
    const findings = result?.findings ?? [];
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([
      ["privileged", 25],
      ["host-namespaces", 20],
    ]);
    const privileged = findings[0];
    expect(privileged?.fix).toBeDefined();
    const fixed = applyLineFix(template, new LineIndex(template), privileged?.fix as never);
    // The fix keeps the template actions around it untouched.
    expect(fixed).toContain('image: "{{ .Values.image.repository }}:');
    expect(fixed).not.toContain("privileged: true");
    const [again] = scan([{ path: "chart/templates/daemonset.yaml", text: fixed }]);
    expect(again?.findings.map((f) => f.ruleId)).toEqual(["host-namespaces"]);
  });

  it("is not a complete pod at restricted: settings a template may render from values are not demanded", () => {
    const [result] = scan([{ path: "chart/templates/daemonset.yaml", text: template }], {
      level: "restricted",
    });
    expect(result?.problems).toEqual([]);
    expect(result?.findings.map((f) => f.ruleId)).toEqual(["privileged", "host-namespaces"]);
  });

  it("a templated value is not a finding", () => {
    const text = template.replace("privileged: true", "privileged: {{ .Values.privileged }}");
    const [result] = scan([{ path: "chart/templates/daemonset.yaml", text }]);
    expect(result?.findings.map((f) => f.ruleId)).toEqual(["host-namespaces"]);
  });
});
