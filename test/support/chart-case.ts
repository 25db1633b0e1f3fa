/**
 * A small Helm chart the chart tests share: an agent DaemonSet whose template renders
 * `privileged` from `.Values.agent.privileged`.
 */

export const AGENT_CHART_YAML = "apiVersion: v2\nname: agent\nversion: 0.1.0\n";

export const AGENT_TEMPLATE = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: {{ .Release.Name }}
spec:
  template:
    spec:
      containers:
        - name: agent
          image: "{{ .Values.image }}"
          securityContext:
            privileged: {{ .Values.agent.privileged }}
`;
