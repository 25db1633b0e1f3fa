/**
 * Helm chart templates are Go templates that render to YAML: `{{ .Values.image }}`,
 * `{{- if .Values.enabled }}`. To read them as YAML, each action is blanked out with spaces
 * (line breaks inside it kept), so every offset, line and column stays that of the file: a
 * setting written literally in a template (`privileged: true`) is found where it stands, and a
 * templated value (`privileged: {{ .Values.privileged }}`) reads as empty, left to the chart's
 * values file, which is scanned on its own.
 */
const ACTION = /\{\{[\s\S]*?\}\}/g;

/** The text with Go template actions blanked, or the text itself when it has none. */
export function blankTemplateActions(text: string): string {
  if (!text.includes("{{")) return text;
  return text.replace(ACTION, (action) => action.replace(/[^\r\n]/g, " "));
}
