/**
 * Go template actions delimited as Go's `text/template/parse/lex.go` delimits them: comments may
 * hold `}}`, strings and raw strings may hold `}}`, trim markers need a space beside the `-`.
 */
import { describe, expect, it } from "@jest/globals";
import { lexTemplate, templateBlocks } from "../../src/yaml/go-template-lexer.js";

const spans = (text: string) => lexTemplate(text).actions.map((a) => text.slice(a.start, a.end));
const roles = (text: string) => lexTemplate(text).actions.map((a) => [a.role, a.keyword]);

describe("lexTemplate", () => {
  it("reads a comment that holds `}}`, with trim markers (issue 14's first line)", () => {
    const text = "{{- /* renders }} safely */ -}}\nkind: Pod\n";
    expect(spans(text)).toEqual(["{{- /* renders }} safely */ -}}"]);
    expect(roles(text)).toEqual([["comment", ""]]);
    expect(spans("{{/* a\n}} b */}}x")).toEqual(["{{/* a\n}} b */}}"]);
  });

  it("ends an action at `}}` outside strings, raw strings, character constants and parentheses", () => {
    expect(spans('a: {{ "}}" | quote }} b')).toEqual(['{{ "}}" | quote }}']);
    expect(spans("a: {{ `x\n}}` }}")).toEqual(["{{ `x\n}}` }}"]);
    expect(spans("{{ printf '}' }}")).toEqual(["{{ printf '}' }}"]);
    expect(spans('{{ "a\\"}}" }}')).toEqual(['{{ "a\\"}}" }}']);
    expect(spans("{{ (.a) }}{{.b}}")).toEqual(["{{ (.a) }}", "{{.b}}"]);
  });

  it("takes `-` as a trim marker only with a space beside it", () => {
    expect(spans("{{- .a -}}")).toEqual(["{{- .a -}}"]);
    expect(lexTemplate("{{-3}}").actions[0]?.body).toBe("-3");
    expect(lexTemplate("{{- .a -}}").actions[0]?.body).toBe(".a");
  });

  it("allows line breaks inside an action", () => {
    expect(spans('{{- include "x"\n    . }}')).toEqual(['{{- include "x"\n    . }}']);
  });

  it("says what each action does", () => {
    const text =
      '{{ define "x" }}{{ if .a }}{{ else if .b }}{{ end }}{{ range .c }}{{ end }}{{ $v := 1 }}' +
      '{{ $_ = set . "a" 1 }}{{ .Values.x | quote }}{{ include "y" . | nindent 4 }}{{ toYaml .r }}{{/* c */}}';
    expect(roles(text)).toEqual([
      ["define", "define"],
      ["control", "if"],
      ["control", "else"],
      ["control", "end"],
      ["control", "range"],
      ["control", "end"],
      ["assign", ""],
      ["assign", ""],
      ["value", ""],
      ["block", ""],
      ["block", ""],
      ["comment", ""],
    ]);
  });

  it("reports what Go's lexer refuses, with its offset", () => {
    expect(lexTemplate("a: 1\nb: {{ .x").error).toEqual({ offset: 8, message: "unclosed action" });
    expect(lexTemplate("{{/* x }}").error?.message).toBe("unclosed comment");
    expect(lexTemplate("{{/* x */ .a }}").error?.message).toBe(
      "comment ends before closing delimiter",
    );
    expect(lexTemplate('{{ "x\n" }}').error?.message).toBe("unterminated quoted string");
    expect(lexTemplate("{{ (.a }}").error?.message).toBe("unclosed left paren");
    // Actions before the error are still listed.
    expect(lexTemplate("{{ .a }} {{ .b").actions).toHaveLength(1);
  });

  it("finds no action in text without `{{`", () => {
    expect(lexTemplate("a: '}}'\n")).toEqual({ actions: [], error: null });
  });
});

describe("templateBlocks", () => {
  it("pairs each block with its first else, every else and its end, inner blocks first", () => {
    const text =
      '{{ if .a }}x{{ else if .b }}y{{ else }}z{{ end }}{{ define "n" }}{{ range .l }}{{ end }}{{ end }}';
    const { actions } = lexTemplate(text);
    expect(templateBlocks(actions)).toEqual({
      blocks: [
        { open: 0, else: 1, elses: [1, 2], end: 3 },
        { open: 5, else: null, elses: [], end: 6 },
        { open: 4, else: null, elses: [], end: 7 },
      ],
      nested: true,
      stray: null,
    });
  });

  it("says when the blocks do not nest", () => {
    expect(templateBlocks(lexTemplate("{{ end }}{{ if .a }}").actions).nested).toBe(false);
    expect(templateBlocks(lexTemplate("{{ else }}").actions).nested).toBe(false);
    expect(templateBlocks(lexTemplate("{{ if .a }}{{ end }}{{ end }}").actions).stray).toBe(2);
    expect(templateBlocks(lexTemplate("{{ if .a }}{{ with .b }}{{ end }}").actions).stray).toBe(0);
  });
});
