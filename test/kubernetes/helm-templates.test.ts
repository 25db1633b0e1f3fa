/**
 * Helm chart templates: Go template actions are blanked so that the YAML around them is read
 * with the file's own positions; literal settings are findings, templated ones are left to the
 * chart's values.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";
import { applyLineFix, scan } from "../../src/catalogue/index.js";
import { firstBranchView, templateView } from "../../src/yaml/go-template.js";
import { LineIndex } from "../../src/yaml/line-index.js";

const template = readFileSync("test/fixtures/helm-daemonset-template.yaml", "utf8");

describe("Go template actions", () => {
  it("become placeholders of their own width, keeping every offset and line break", () => {
    const text = 'name: {{ include "x" . }}\n{{/* a\ncomment */}}\nimage: "{{ .Values.image }}"\n';
    const view = templateView(text);
    expect(view.text).toHaveLength(text.length);
    expect(view.text.split("\n")).toHaveLength(text.split("\n").length);
    // A value stands where it is output; an include after `key:` and a comment are nothing.
    expect(view.text).toBe(
      `name: ${" ".repeat(19)}\n${" ".repeat(6)}\n${" ".repeat(12)}\nimage: "_0${"_".repeat(17)}"\n`,
    );
    expect(templateView("a: b\n").text).toBe("a: b\n");
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

const POD = (image: string, extra = "") =>
  [
    "apiVersion: v1",
    "kind: Pod",
    "metadata:",
    "  name: web",
    "spec:",
    "  containers:",
    "    - name: app",
    `      image: ${image}`,
    '      command: ["sh", "-c", "sed -i s/PROJECT/{{PROJECT_ID}}/ /app/conf"]',
    extra,
    "",
  ].join("\n");

const ruleIds = (text: string, path = "k8s/pod.yaml", options = {}) =>
  scan([{ path, text }], options)[0]?.findings.map((f) => f.ruleId);

describe("what a template sets with an action, in messages", () => {
  it.each<[string, string, string]>([
    [
      "a container's name",
      "      containers:\n        - name: {{ .Chart.Name }}\n          image: busybox:1.36\n          securityContext:\n            privileged: true\n",
      "Container `{{ .Chart.Name }}` runs privileged",
    ],
    [
      "a volume's name and host path",
      "      volumes:\n        - name: {{ .Values.volume }}\n          hostPath:\n            path: {{ .Values.root }}\n",
      "Volume `{{ .Values.volume }}` mounts host path `{{ .Values.root }}` from the node",
    ],
    [
      "a quoted host path, and a name with a backtick",
      '      volumes:\n        - name: {{ printf "`x" }}\n          hostPath:\n            path: "{{ .Values.root }}/run"\n',
      'Volume ``{{ printf "`x" }}`` mounts host path `{{ .Values.root }}/run` from the node',
    ],
  ])("%s: as the template writes it", (_name, spec, message) => {
    const text = `apiVersion: apps/v1\nkind: DaemonSet\nspec:\n  template:\n    spec:\n${spec}`;
    const [result] = scan([{ path: "chart/templates/ds.yaml", text }], { charts: ["chart"] });
    expect(result?.problems).toEqual([]);
    // The message begins with the text as written, Markdown-safe (a longer fence around a backtick).
    expect(result?.findings.map((f) => f.message.slice(0, message.length))).toEqual([message]);
  });
});

describe("when a text is a template", () => {
  it("`{{` inside a string of an ordinary manifest does not make it one: restricted checks still apply", () => {
    const withAction = ruleIds(POD("nginx:1.27"), "k8s/pod.yaml", { level: "restricted" });
    const without = ruleIds(POD("nginx:1.27").replace("{{PROJECT_ID}}", "demo"), "k8s/pod.yaml", {
      level: "restricted",
    });
    expect(withAction).toContain("run-as-non-root");
    expect(withAction).toEqual(without);
  });

  it("actions in structural positions do, without a chart: literal settings are still found", () => {
    const text = POD(
      "{{ .Values.image }}",
      "  {{- if .Values.host }}\n  hostNetwork: true\n  {{- end }}",
    );
    const [result] = scan([{ path: "k8s/pod.yaml", text }], { level: "restricted" });
    expect(result?.problems).toEqual([]);
    expect(result?.findings.map((f) => f.ruleId)).toEqual(["host-namespaces"]);
  });

  it("every file under a chart's templates/ is one, even with actions only inside strings", () => {
    const text = POD('"{{ .Values.image }}"');
    const options = { level: "restricted", charts: ["deploy/chart"] } as const;
    expect(ruleIds(text, "deploy/chart/templates/pod.yaml", options)).toEqual([]);
    expect(ruleIds(text, "deploy/other/pod.yaml", options)).toContain("run-as-non-root");
  });
});

describe("named templates (.tpl)", () => {
  const tpl = [
    "{{/* The pod template, included by the DaemonSet and the Deployment. */}}",
    '{{- define "agent.podTemplate" -}}',
    "metadata:",
    "  name: {{ .Release.Name }}",
    "spec:",
    "  containers:",
    "    - name: agent",
    '      image: "{{ .Values.image }}"',
    "      securityContext:",
    "        privileged: true",
    "{{- end }}",
    "",
    '{{- define "agent.fullname" -}}',
    '{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 }}:',
    "{{- end }}",
    "",
  ].join("\n");

  it("are read under templates/, each define as a fragment of its own; a define that renders a string is left", () => {
    const [result] = scan([{ path: "chart/templates/pod-template.tpl", text: tpl }]);
    expect(result?.kind).toBe("kubernetes");
    expect(result?.problems).toEqual([]);
    expect(result?.findings.map((f) => [f.ruleId, f.line])).toEqual([["privileged", 10]]);
  });

  it("are not claimed outside a templates/ folder", () => {
    expect(scan([{ path: "docs/pod.tpl", text: tpl }])[0]?.kind).toBeNull();
  });

  it("a define that is a whole container, its name written where it is included, is that container", () => {
    // actions/actions-runner-controller charts/gha-runner-scale-set/templates/_helpers.tpl: the
    // includer writes `- name: dind` and then this body.
    const text = [
      '{{- define "gha-runner-scale-set.dind-container" -}}',
      "image: docker:dind",
      "args:",
      "  - dockerd",
      "  - --host=unix:///var/run/docker.sock",
      "securityContext:",
      "  privileged: true",
      "{{- end }}",
      "",
    ].join("\n");
    const [result] = scan([{ path: "chart/templates/_helpers.tpl", text }]);
    expect(result?.problems).toEqual([]);
    const [finding] = result?.findings ?? [];
    expect(finding).toMatchObject({ ruleId: "privileged", line: 7, container: "#0" });
    expect(finding?.message).toMatch(
      /^The unnamed container \(image `docker:dind`\) runs privileged/,
    );
    expect(finding?.remediation).toMatch(/Docker-in-Docker daemon/);
  });
});

describe("a template whose first line is a comment holding `}}` (issue 14)", () => {
  it("is read: the literal setting below it is a finding, with no problem", () => {
    const text = `{{- /* renders }} safely */ -}}\n${template}`;
    const [result] = scan([{ path: "chart/templates/ds.yaml", text }], { charts: ["chart"] });
    expect(result?.problems).toEqual([]);
    expect(result?.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ["privileged", 26],
      ["host-namespaces", 21],
    ]);
  });
});

describe("a template that cannot be read", () => {
  it("is `template-not-checked`, naming the construct, never a broken file", () => {
    const text = "apiVersion: v1\nkind: Pod\nspec:\n  containers: {{ .Values.c\n";
    const [result] = scan([{ path: "chart/templates/pod.yaml", text }], { charts: ["chart"] });
    expect(result?.problems).toEqual([
      {
        path: "chart/templates/pod.yaml",
        code: "template-not-checked",
        message: expect.stringContaining("unclosed action"),
        line: 4,
        column: 15,
      },
    ]);
    const broken = "kind: Pod\nspec:\n  containers:\n  - name: a\n    {{ .Values.x }}: [\n";
    const [again] = scan([{ path: "chart/templates/pod.yaml", text: broken }], {
      charts: ["chart"],
    });
    expect(again?.problems.map((p) => p.code)).toEqual(["template-not-checked"]);
    expect(again?.problems[0]?.message).toContain("`{{ .Values.x }}`");
  });
});

describe("a template whose branches hold two shapes of one value", () => {
  // The Prometheus chart's server Deployment: `emptyDir:` is a mapping in one branch, `{}` in the
  // other, which do not read as one YAML text.
  const text = [
    "apiVersion: apps/v1",
    "kind: Deployment",
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    "        - name: server",
    "          image: prom/prometheus:v3.0.0",
    "      volumes:",
    "        - name: storage-volume",
    "          emptyDir:",
    "          {{- if .Values.server.emptyDir.medium }}",
    "            medium: {{ .Values.server.emptyDir.medium }}",
    "          {{- else }}",
    "            {}",
    "          {{- end }}",
    "        - name: host",
    "          hostPath:",
    "            path: /var/run/docker.sock",
    "",
  ].join("\n");

  it("is read with the first branch when no other branch holds a setting, its findings in place", () => {
    const [result] = scan([{ path: "chart/templates/deploy.yaml", text }], { charts: ["chart"] });
    expect(result?.problems).toEqual([]);
    expect(result?.findings.map((f) => [f.ruleId, f.line])).toEqual([["host-path-volumes", 18]]);
  });

  it("stays not checked when the branch left out may hold a setting", () => {
    const risky = text.replace("            {}", "            {}\n            privileged: true");
    const [result] = scan([{ path: "chart/templates/deploy.yaml", text: risky }], {
      charts: ["chart"],
    });
    expect(result?.problems.map((p) => p.code)).toEqual(["template-not-checked"]);
  });

  it("blanks only the else branches, every offset and line kept", () => {
    const view = templateView(text);
    const first = firstBranchView(view, text, () => false);
    expect(first?.text).toHaveLength(text.length);
    expect(first?.text.split("\n")).toHaveLength(text.split("\n").length);
    expect(first?.text).not.toContain("{}");
    expect(first?.text).toContain("            medium: _");
    // Blocks that do not nest are not guessed at.
    expect(firstBranchView(templateView("{{ else }}\na: 1\n"), "", () => false)).toBeNull();
  });
});

describe("fixes in templates", () => {
  const text = [
    "apiVersion: apps/v1",
    "kind: DaemonSet",
    "metadata:",
    "  name: agent",
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    "        - name: agent",
    "          image: agent:1.0",
    "          securityContext:",
    "          {{- if .Values.securityContext }}",
    "            {{- toYaml .Values.securityContext | nindent 12 }}",
    "          {{- else }}",
    "            privileged: true",
    "          {{- end }}",
    "",
  ].join("\n");

  it("are withheld when they would drop a template action, and the finding says why", () => {
    const [result] = scan([{ path: "chart/templates/ds.yaml", text }], { charts: ["chart"] });
    const [finding] = result?.findings ?? [];
    expect(finding?.ruleId).toBe("privileged");
    expect(finding?.line).toBe(15);
    expect(finding?.fix).toBeUndefined();
    expect(finding?.remediation).toContain("Go template actions");
  });
});

describe("a setting only an option of the chart writes", () => {
  /** A Pod whose container `proxy` has a security context of `lines`, ending in a line break. */
  const proxyPod = (...lines: string[]) =>
    [
      "apiVersion: v1",
      "kind: Pod",
      "metadata:",
      "  name: proxy",
      "spec:",
      "  containers:",
      "    - name: proxy",
      "      image: example/proxy:1.0",
      "      securityContext:",
      ...lines,
      "",
    ].join("\n");
  /** A Deployment template whose pod spec holds `spec` (lines at the pod spec's indentation). */
  const deployment = (...spec: string[]) =>
    [
      "apiVersion: apps/v1",
      "kind: Deployment",
      "metadata:",
      "  name: operator",
      "spec:",
      "  template:",
      "    spec:",
      ...spec,
      "      containers:",
      "        - name: operator",
      "          image: example/operator:1.0",
      "",
    ].join("\n");
  const hostNetwork = (text: string) => {
    const [result] = scan([{ path: "chart/templates/deployment.yaml", text }], {
      charts: ["chart"],
    });
    expect(result?.problems).toEqual([]);
    const found = result?.findings.filter((f) => f.ruleId === "host-namespaces") ?? [];
    expect(found).toHaveLength(1);
    return found[0];
  };

  it.each([
    // Rook's operator (deploy/charts/rook-ceph/templates/deployment.yaml).
    ["{{- if .Values.useOperatorHostNetwork }}"],
    // Kubescape's storage and the SPIFFE CSI driver write the option as it is named.
    ["{{- if .Values.storage.hostNetwork }}"],
    // Rook's toolbox: host networking when the Ceph cluster's network provider is the host's.
    ['{{- if ($network.provider | default "") | eq "host" }}'],
    // Istio's ztunnel: the inner of two conditionals names it.
    ["{{- if .Values.ambient.enabled }}", "{{- if .Values.shareHostNetworkNamespace }}"],
  ])("is reported without a fix, the option named (%s)", (...gates) => {
    const found = hostNetwork(
      deployment(
        ...gates.map((g) => `      ${g}`),
        "      hostNetwork: true",
        "      dnsPolicy: ClusterFirstWithHostNet",
        ...gates.map(() => "      {{- end }}"),
      ),
    );
    expect(found?.fix).toBeUndefined();
    const gate = gates.at(-1) ?? "";
    expect(found?.remediation).toContain(`this line is written only when \`${gate}\` holds`);
    expect(found?.remediation).toContain("leave that option silently doing nothing");
  });

  it("keeps its fix where the conditional does not name the setting, or in a plain `else`", () => {
    for (const [open, mid] of [
      ["{{- if .Values.podSettings.enabled }}", null],
      ["{{- if .Values.hostNetwork }}", "{{- else }}"],
    ] as const) {
      const found = hostNetwork(
        deployment(
          `      ${open}`,
          ...(mid ? ["      dnsPolicy: ClusterFirst", `      ${mid}`] : []),
          "      hostNetwork: true",
          "      {{- end }}",
        ),
      );
      expect(found?.fix).toBeDefined();
    }
  });

  it("is reported without a fix where an option that exposes ports writes the host port", () => {
    // Consul's client DaemonSet (charts/consul/templates/client-daemonset.yaml).
    const text = [
      "apiVersion: apps/v1",
      "kind: DaemonSet",
      "metadata:",
      "  name: client",
      "spec:",
      "  template:",
      "    spec:",
      "      containers:",
      "        - name: consul",
      "          image: example/agent:1.0",
      "          ports:",
      "            - containerPort: 8301",
      "              {{- if .Values.client.exposeGossipPorts }}",
      "              hostPort: 8301",
      "              {{- end }}",
      '              protocol: "TCP"',
      "              name: serflan-tcp",
      "",
    ].join("\n");
    const [result] = scan([{ path: "chart/templates/client.yaml", text }], { charts: ["chart"] });
    const [finding] = result?.findings.filter((f) => f.ruleId === "host-ports") ?? [];
    expect(finding?.line).toBe(14);
    expect(finding?.fix).toBeUndefined();
    expect(finding?.remediation).toContain("`{{- if .Values.client.exposeGossipPorts }}`");
  });

  it("keeps its fix where the conditional names only a key many settings share (`type`)", () => {
    const text = [
      "apiVersion: v1",
      "kind: Pod",
      "metadata:",
      "  name: proxy",
      "spec:",
      "  securityContext:",
      "    seccompProfile:",
      "      {{- if .Values.profile.type }}",
      "      type: Unconfined",
      "      {{- end }}",
      "  containers:",
      "    - name: proxy",
      "      image: example/proxy:1.0",
      "",
    ].join("\n");
    const [result] = scan([{ path: "chart/templates/pod.yaml", text }], { charts: ["chart"] });
    const [finding] = result?.findings.filter((f) => f.ruleId === "seccomp-profile-baseline") ?? [];
    expect(finding?.line).toBe(9);
    expect(finding?.fix).toBeDefined();
    expect(finding?.remediation).not.toContain("this line is written only when");
  });

  it("keeps its fix where the conditional names another setting, and for a container's option", () => {
    const text = deployment(
      "      {{- if .Values.hostPID }}",
      "      hostNetwork: true",
      "      {{- end }}",
    );
    expect(hostNetwork(text)?.fix).toBeDefined();
    const privileged = proxyPod(
      "        runAsUser: 1000",
      "        {{- if .Values.proxy.privileged }}",
      "        privileged: true",
      "        {{- end }}",
    );
    const [result] = scan([{ path: "chart/templates/pod.yaml", text: privileged }], {
      charts: ["chart"],
    });
    const [finding] = result?.findings.filter((f) => f.ruleId === "privileged") ?? [];
    expect(finding?.fix).toBeUndefined();
    expect(finding?.remediation).toContain("`{{- if .Values.proxy.privileged }}`");
  });

  // Vault's chart (templates/_helpers.tpl, `csi.daemonSet.securityContext.container`): its CSI
  // provider gets `privileged: true` on OpenShift only, included into the container.
  const vault = (condition: string) =>
    [
      '{{- define "csi.daemonSet.securityContext.container" -}}',
      "  {{- if .Values.csi.daemonSet.securityContext.container }}",
      "          securityContext:",
      "    {{- toYaml .Values.csi.daemonSet.securityContext.container | nindent 12 }}",
      `  {{- else if ${condition} }}`,
      "          securityContext:",
      "            privileged: true",
      "  {{- end }}",
      "{{- end -}}",
      "",
    ].join("\n");
  const vaultFinding = (condition: string) => {
    const [result] = scan([{ path: "chart/templates/_helpers.tpl", text: vault(condition) }], {
      charts: ["chart"],
    });
    expect(result?.problems).toEqual([]);
    const [finding] = result?.findings.filter((f) => f.ruleId === "privileged") ?? [];
    expect(finding?.line).toBe(7);
    return finding;
  };

  it.each([
    [".Values.global.openshift", "OpenShift"],
    ['.Capabilities.APIVersions.Has "security.openshift.io/v1"', "OpenShift"],
    ['(include "agent.gke.autopilot" .)', "GKE Autopilot"],
    ['eq .Values.provider "eks"', "EKS"],
  ])(
    "is reported without a fix where only installs on a platform get it (%s)",
    (condition, platform) => {
      const finding = vaultFinding(condition);
      expect(finding?.fix).toBeUndefined();
      expect(finding?.remediation).toContain(
        `written only when \`{{- else if ${condition} }}\` holds, for installs on ${platform}`,
      );
    },
  );

  it("keeps its fix where the platform is negated, or the conditional holds a whole object", () => {
    expect(vaultFinding("not .Values.global.openshift")?.fix).toBeDefined();
    const text = `{{- if .Values.openshift.enabled }}\n${proxyPod("        privileged: true")}{{- end }}\n`;
    const [result] = scan([{ path: "chart/templates/pod.yaml", text }], { charts: ["chart"] });
    const [finding] = result?.findings.filter((f) => f.ruleId === "privileged") ?? [];
    expect(finding?.fix).toBeDefined();
  });

  it("names a security context written alone as the container that takes it, not as a container", () => {
    expect(vaultFinding(".Values.global.openshift")?.message).toMatch(
      /^The container that takes the security context `securityContext` runs privileged/,
    );
  });

  it("is reported without a fix where an AppArmor annotation's conditional names AppArmor", () => {
    // Datadog's agent DaemonSet (charts/datadog/templates/daemonset.yaml): unconfined for the
    // agent only when the install turns on AppArmor settings and uncompressed SBOM layers.
    const text = [
      "apiVersion: apps/v1",
      "kind: DaemonSet",
      "metadata:",
      "  name: agent",
      "spec:",
      "  template:",
      "    metadata:",
      "      annotations:",
      "        {{- if and .Values.agents.podSecurity.apparmor.enabled .Values.datadog.sbom.containerImage.uncompressedLayersSupport }}",
      "        container.apparmor.security.beta.kubernetes.io/agent: unconfined",
      "        {{- end }}",
      "    spec:",
      "      containers:",
      "        - name: agent",
      "          image: example/agent:1.0",
      "",
    ].join("\n");
    const [result] = scan([{ path: "chart/templates/daemonset.yaml", text }], {
      charts: ["chart"],
    });
    const [finding] = result?.findings.filter((f) => f.ruleId === "app-armor-profile") ?? [];
    expect(finding?.line).toBe(10);
    expect(finding?.fix).toBeUndefined();
    expect(finding?.remediation).toContain("`{{- if and .Values.agents.podSecurity.apparmor");
    // Named otherwise, the conditional is no option of it: the fix stays.
    const other = text.replace(".Values.agents.podSecurity.apparmor.enabled", ".Values.agents.x");
    const [kept] = scan([{ path: "chart/templates/daemonset.yaml", text: other }], {
      charts: ["chart"],
    });
    expect(kept?.findings.find((f) => f.ruleId === "app-armor-profile")?.fix).toBeDefined();
  });
});
