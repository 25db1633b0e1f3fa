/**
 * Containers a chart's templates write whole from a value (`extraContainers`, `initContainers`,
 * `sidecars`…), judged in values.yaml as containers of their pod: each case gives the findings on
 * the values lines and, where one is offered, a fix on those lines alone, verified by scanning
 * the fixed file again.
 */
import { describe, expect, it } from "@jest/globals";
import { type Files, fixedAlone, lines, scanValues } from "../support/chart-values.js";

/** A chart's Deployment with one literal container, and `after` lines below it. */
const chart = (...after: string[]): Files => ({
  "c/templates/deploy.yaml": lines(
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: {{ .Release.Name }}",
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    "        - name: main",
    "          image: example/app:1.0",
    ...after,
  ),
});

/** `extraContainers` written as entries after the literal container, as most charts write it. */
const EXTRA = chart(
  "        {{- with .Values.extraContainers }}",
  "        {{- toYaml . | nindent 8 }}",
  "        {{- end }}",
);

/** The chart of the reproduction: `initContainers` after its key, `extraContainers` as entries. */
const BOTH = chart(
  "        {{- with .Values.extraContainers }}",
  "        {{- toYaml . | nindent 8 }}",
  "        {{- end }}",
  "      {{- with .Values.initContainers }}",
  "      initContainers:",
  "        {{- toYaml . | nindent 8 }}",
  "      {{- end }}",
);

const brief = (values: string, templates: Files, level: "baseline" | "restricted" = "baseline") =>
  scanValues(values, templates, level)
    .map((f) => [f.ruleId, f.line, f.fix ? "fix" : "no fix"])
    .sort((a, b) => Number(a[1]) - Number(b[1]));

describe("containers written whole from a value", () => {
  it("each item of extraContainers and initContainers, on its own lines, named by value and template", () => {
    const values = lines(
      "image: nginx",
      "extraContainers:",
      "  - name: debug",
      "    image: busybox",
      "    securityContext:",
      "      privileged: true",
      "      runAsUser: 1000",
      "initContainers:",
      "  - name: sysctl",
      "    image: busybox",
      '    command: ["sysctl", "-w", "net.core.somaxconn=1024"]',
      "    securityContext:",
      "      privileged: true",
    );
    const findings = scanValues(values, BOTH);
    expect(findings.map((f) => [f.ruleId, f.line, f.field])).toEqual([
      ["privileged", 6, "extraContainers[0].securityContext.privileged"],
      ["privileged", 13, "initContainers[0].securityContext.privileged"],
    ]);
    expect(findings.map((f) => f.message)).toEqual([
      "Container `debug` (the chart value `extraContainers[0]`, written whole by `c/templates/deploy.yaml` line 12) runs privileged: all capabilities, no seccomp/AppArmor/SELinux confinement, all host devices.",
      "Init container `sysctl` (the chart value `initContainers[0]`, written whole by `c/templates/deploy.yaml` line 16) runs privileged: all capabilities, no seccomp/AppArmor/SELinux confinement, all host devices.",
    ]);
    // The sysctl writer needs privilege: advice, not a fix.
    expect(findings[1]?.fix).toBeUndefined();
    expect(findings[1]?.remediation).toContain("Node-level sysctl writer");
    expect(fixedAlone(values, BOTH, "privileged", 6)).toBe(
      values.replace("      privileged: true\n      runAsUser", "      runAsUser"),
    );
  });

  it.each<[string, Files, string, [string, number, string][]]>([
    [
      "a host port of a sidecar",
      EXTRA,
      lines(
        "extraContainers:",
        "  - name: proxy",
        "    image: envoyproxy/envoy:v1.30",
        "    ports:",
        "      - containerPort: 8080",
        "        hostPort: 80",
      ),
      [["host-ports", 6, "fix"]],
    ],
    [
      "capabilities, procMount, seccomp, AppArmor and SELinux of an item",
      EXTRA,
      lines(
        "extraContainers:",
        "  - name: tool",
        "    image: example/tool:1",
        "    securityContext:",
        "      capabilities:",
        "        add: [SYS_ADMIN, NET_BIND_SERVICE]",
        "      procMount: Unmasked",
        "      seccompProfile:",
        "        type: Unconfined",
        "      appArmorProfile:",
        "        type: Unconfined",
        "      seLinuxOptions:",
        "        type: spc_t",
      ),
      [
        ["capabilities-baseline", 6, "fix"],
        ["proc-mount", 7, "fix"],
        ["seccomp-profile-baseline", 9, "fix"],
        ["app-armor-profile", 11, "fix"],
        ["se-linux-options", 13, "fix"],
      ],
    ],
    [
      "one entry per item of a range, merged with defaults (node-exporter's sidecars)",
      chart(
        "        {{- range .Values.sidecars }}",
        '        {{- $defaults := dict "imagePullPolicy" $.Values.pullPolicy }}',
        "        - {{- toYaml (merge . $defaults) | nindent 10 }}",
        "        {{- end }}",
      ),
      lines(
        "sidecars:",
        "  - name: ok",
        "    image: busybox:1.36",
        "  - name: root",
        "    image: busybox:1.36",
        "    securityContext:",
        "      privileged: true",
        "      runAsUser: 0",
      ),
      [["privileged", 7, "fix"]],
    ],
    [
      "Bitnami's tplvalues render, as the key's value and as entries",
      chart(
        "        {{- if .Values.sidecars }}",
        '        {{- include "common.tplvalues.render" (dict "value" .Values.sidecars "context" $) | nindent 8 }}',
        "        {{- end }}",
        '      initContainers: {{- include "common.tplvalues.render" (dict "value" .Values.initContainers "context" $) | nindent 8 }}',
      ),
      lines(
        "sidecars:",
        "  - name: side",
        "    image: busybox:1.36",
        "    securityContext: {privileged: true, runAsUser: 1000}",
        "initContainers:",
        "  - name: init",
        "    image: busybox:1.36",
        "    securityContext:",
        "      capabilities:",
        "        add: [NET_ADMIN]",
      ),
      [
        ["privileged", 4, "fix"],
        ["capabilities-baseline", 10, "fix"],
      ],
    ],
    [
      "ephemeral containers, and a list written with no `with`",
      chart("      ephemeralContainers:", "        {{- toYaml .Values.debug | nindent 8 }}"),
      lines(
        "debug:",
        "  - name: shell",
        "    image: busybox:1.36",
        "    securityContext:",
        "      privileged: true",
        "      runAsUser: 1000",
      ),
      [["privileged", 5, "fix"]],
    ],
  ])("%s", (_name, templates, values, expected) => {
    expect(brief(values, templates)).toEqual(expected);
    const [first] = expected;
    if (first?.[2] === "fix") fixedAlone(values, templates, first[0], first[1]);
  });

  it.each<[string, string]>([
    ["an empty list, the common default", lines("extraContainers: []")],
    ["no value at all", lines("extraContainers:")],
    ["a string (a template for tpl)", lines('extraContainers: "{{ .Values.x }}"')],
    ["a mapping where the list stands", lines("extraContainers:", "  privileged: true")],
    [
      "items that are not mappings",
      lines("extraContainers:", "  - privileged", "  - [a, b]", "  - 3"),
    ],
    [
      "an item with nothing set, at restricted: the chart user's choice, as for a security context block",
      lines("extraContainers:", "  - name: plain", "    image: busybox:1.36"),
    ],
  ])("gives nothing for %s", (_name, values) => {
    expect(brief(values, EXTRA, "restricted")).toEqual([]);
  });

  it("judges a setting inside the item once, when another template also reads it", () => {
    const templates = {
      ...EXTRA,
      "c/templates/job.yaml": lines(
        "apiVersion: batch/v1",
        "kind: Job",
        "spec:",
        "  template:",
        "    spec:",
        "      containers:",
        "        {{- range .Values.extraContainers }}",
        "        - name: {{ .name }}",
        "          image: {{ .image }}",
        "          securityContext: {{- toYaml .securityContext | nindent 12 }}",
        "        {{- end }}",
      ),
    };
    const values = lines(
      "extraContainers:",
      "  - name: debug",
      "    image: busybox",
      "    securityContext:",
      "      privileged: true",
    );
    expect(brief(values, templates)).toEqual([["privileged", 5, "fix"]]);
  });

  it("reads the item with the template pod's volumes and host namespaces, which stay the template's", () => {
    const csi = chart(
      "        {{- toYaml .Values.extraContainers | nindent 8 }}",
      "      hostNetwork: true",
      "      volumes:",
      "        - name: plugins",
      "          hostPath:",
      "            path: /var/lib/kubelet/plugins/example.com",
    );
    const values = lines(
      "extraContainers:",
      "  - name: driver",
      "    image: example/driver:1",
      "    volumeMounts:",
      "      - name: plugins",
      "        mountPath: /plugin",
      "    securityContext:",
      "      privileged: true",
    );
    // The mount's host path makes it a CSI node plugin: no fix removes its privilege, and the
    // pod's hostNetwork is no finding of the values file.
    const [finding, ...rest] = scanValues(values, csi);
    expect(rest).toEqual([]);
    expect([finding?.ruleId, finding?.line, finding?.fix]).toEqual(["privileged", 8, undefined]);
    expect(finding?.remediation).toContain("CSI node plugin");
    // Without the template's volume, the same item gets the fix.
    expect(brief(values, EXTRA)).toEqual([["privileged", 8, "fix"]]);
  });

  it("offers the restricted fix that adds settings inside the item, which the template renders whole", () => {
    const values = lines(
      "extraContainers:",
      "  - name: debug",
      "    image: busybox:1.36",
      "    securityContext:",
      "      privileged: true",
      "      runAsNonRoot: true",
      "      seccompProfile:",
      "        type: RuntimeDefault",
    );
    const [finding] = scanValues(values, EXTRA, "restricted").filter(
      (f) => f.ruleId === "privileged",
    );
    expect(finding?.fix?.text).toContain("allowPrivilegeEscalation: false");
    expect(finding?.fix?.text).toContain("ALL");
  });
});
