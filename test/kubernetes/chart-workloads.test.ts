/**
 * What a chart's containers run, as its other files tell it: the image a template writes with
 * actions, as the chart's default values give it (each way charts write an image: a repository and
 * a tag, a registry beside them, an override that is off by default, a named template, an image
 * mapping passed to a library's named template; and what is not known: a list item, a value the
 * template renders again); the containers a named template writes into a pod's list; and the
 * containers that call a named template writing a security context for them.
 */
import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/catalogue/index.js";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import { ChartDefaults } from "../../src/kubernetes/chart-defaults.js";
import { ChartImages } from "../../src/kubernetes/chart-images.js";
import { readChart } from "../../src/kubernetes/chart-reading.js";
import { lines } from "../support/chart-values.js";

/** A DaemonSet template whose pod spec holds `spec` (lines at the pod spec's indentation). */
const daemonsetSpec = (...spec: string[]) =>
  lines(
    "apiVersion: apps/v1",
    "kind: DaemonSet",
    "metadata:",
    "  name: {{ .Release.Name }}",
    "spec:",
    "  template:",
    "    spec:",
    ...spec,
  );

/** A DaemonSet whose one container's image is written `image`. */
const daemonset = (image: string, extra = "") =>
  daemonsetSpec("      containers:", "        - name: agent", `          image: ${image}`, extra);

const CHART_YAML = { path: "Chart.yaml", text: "apiVersion: v2\nname: agent\nversion: 0.1.0\n" };

/** A named template writing the agent's container, its image from values. */
const AGENT_CONTAINER = {
  path: "templates/_container.tpl",
  text: lines(
    '{{- define "agent.container" -}}',
    "- name: agent",
    '  image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    "{{- end -}}",
  ),
};

const PATH = "templates/daemonset.yaml";

/** The images the template's containers get from `values`, by the scalar as written. */
function images(image: string, values: string, helpers = ""): Record<string, string | null> {
  const templates = [
    { path: PATH, text: daemonset(image) },
    ...(helpers === "" ? [] : [{ path: "templates/_helpers.tpl", text: helpers }]),
  ];
  const defaults = ChartDefaults.of("", [{ path: "values.yaml", text: values }]);
  if (!defaults) throw new Error("values do not read");
  const found = new ChartImages(readChart(templates), defaults).byWritten(PATH, DEFAULT_LIMITS);
  return Object.fromEntries(found);
}

const TETRAGON_VALUES = lines(
  "tetragon:",
  "  image:",
  "    override: ~",
  "    repository: quay.io/cilium/tetragon",
  "    tag: v1.7.0",
);

describe("the image a template writes with actions, from the chart's defaults", () => {
  it.each<[string, string, string, string | null]>([
    [
      "a repository and a tag",
      '"{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
      "image:\n  repository: docker.io/aquasec/tracee\n  tag: 0.24.1\n",
      "docker.io/aquasec/tracee:0.24.1",
    ],
    [
      "an empty tag that falls back to the chart's appVersion",
      '"{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}"',
      "image:\n  repository: netdata/netdata\n  tag: ''\n",
      "netdata/netdata",
    ],
    [
      "a tag rendered again by tpl (written as a template in values)",
      '"{{ .Values.image.repository }}:{{ tpl .Values.image.tag . }}"',
      'image:\n  repository: netdata/netdata\n  tag: "{{ .Chart.AppVersion }}"\n',
      "netdata/netdata",
    ],
    [
      "literal text around a value",
      '"docker.io/{{ .Values.org }}/agent:{{ .Values.tag }}"',
      "org: example\ntag: 2\n",
      "docker.io/example/agent:2",
    ],
    [
      "an override that is off by default (Tetragon)",
      '"{{ if .Values.tetragon.image.override }}{{ .Values.tetragon.image.override }}{{ else }}{{ .Values.tetragon.image.repository }}:{{ .Values.tetragon.image.tag }}{{ end }}"',
      TETRAGON_VALUES,
      "quay.io/cilium/tetragon:v1.7.0",
    ],
    [
      "an override set by default",
      '"{{ if .Values.tetragon.image.override }}{{ .Values.tetragon.image.override }}{{ else }}{{ .Values.tetragon.image.repository }}:{{ .Values.tetragon.image.tag }}{{ end }}"',
      TETRAGON_VALUES.replace("override: ~", "override: mirror.example/tetragon:v1"),
      "mirror.example/tetragon:v1",
    ],
    [
      "a registry beside the repository",
      "{{ .Values.image.registry }}/{{ .Values.image.repository }}:{{ .Values.image.tag }}",
      "image:\n  registry: ghcr.io\n  repository: example/agent\n  tag: '1.0'\n",
      "ghcr.io/example/agent:1.0",
    ],
    [
      "an image mapping passed to a library's named template not at hand (Bitnami)",
      '{{ include "common.images.image" (dict "imageRoot" .Values.speaker.image "global" .Values.global) }}',
      "speaker:\n  image:\n    registry: docker.io\n    repository: bitnami/metallb-speaker\n    tag: 0.14.9\n",
      "docker.io/bitnami/metallb-speaker:0.14.9",
    ],
    [
      "a value the chart leaves empty",
      '"{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
      "image:\n  repository: ''\n  tag: '1.0'\n",
      null,
    ],
    [
      "an image from a list item (a range: not one default)",
      '"{{ .Values.images }}"',
      "images: [a/b]\n",
      null,
    ],
  ])("%s", (_, image, values, expected) => {
    expect(Object.values(images(image, values))).toEqual([expected]);
  });

  it("follows a named template of the chart that writes the image (Tetragon's rthooks)", () => {
    const helpers = lines(
      '{{- define "rthooks.image" -}}',
      '"{{ if .Values.rthooks.image.override }}{{ .Values.rthooks.image.override }}{{ else }}{{ .Values.rthooks.image.repository }}:{{ .Values.rthooks.image.tag }}{{ end }}"',
      "{{- end -}}",
    );
    const values =
      "rthooks:\n  image:\n    override: ~\n    repository: quay.io/cilium/tetragon-rthooks\n    tag: v0.7\n";
    expect(images('{{ include "rthooks.image" . }}', values, helpers)).toEqual({
      '{{ include "rthooks.image" . }}': "quay.io/cilium/tetragon-rthooks:v0.7",
    });
  });

  it("reads an image a named template puts together with printf from the mapping it is given (Cilium's)", () => {
    const helpers = lines(
      '{{- define "cilium.image" -}}',
      '{{- $digest := (.useDigest | default false) | ternary (printf "@%s" .digest) "" -}}',
      "{{- if .override -}}",
      '{{- printf "%s" .override -}}',
      "{{- else -}}",
      '{{- printf "%s:%s%s" .repository .tag $digest -}}',
      "{{- end -}}",
      "{{- end -}}",
    );
    const values =
      'image:\n  override: ~\n  repository: "quay.io/cilium/cilium"\n  tag: "v1.18.0"\n  digest: ""\n  useDigest: false\n';
    expect(images('{{ include "cilium.image" .Values.image | quote }}', values, helpers)).toEqual({
      '{{ include "cilium.image" .Values.image | quote }}': "quay.io/cilium/cilium:v1.18.0",
    });
  });

  it("reads an image inside `with` on the value the dot was moved to", () => {
    const template = lines(
      "{{- with .Values.agent }}",
      daemonset('"{{ .image.repository }}:{{ .image.tag }}"'),
      "{{- end }}",
    );
    const defaults = ChartDefaults.of("", [
      {
        path: "values.yaml",
        text: "agent:\n  image:\n    repository: falcosecurity/falco\n    tag: 0.40.0\n",
      },
    ]);
    if (!defaults) throw new Error("values do not read");
    const found = new ChartImages(readChart([{ path: PATH, text: template }]), defaults).byWritten(
      PATH,
      DEFAULT_LIMITS,
    );
    expect([...found.values()]).toEqual(["falcosecurity/falco:0.40.0"]);
  });

  it("recognises a chart template's workload by it when the values file is at hand", () => {
    const template = daemonset(
      '"{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
      "      hostPID: true",
    );
    const values = "image:\n  repository: docker.io/aquasec/tracee\n  tag: 0.24.1\n";
    const chart = [
      { path: "Chart.yaml", text: "apiVersion: v2\nname: tracee\nversion: 0.1.0\n" },
      { path: PATH, text: template },
    ];
    const hostPID = (files: typeof chart, context: typeof chart = []) =>
      scan(files, { charts: [""], context })[1]?.findings.find(
        (f) => f.ruleId === "host-namespaces",
      );
    const known = hostPID(chart, [{ path: "values.yaml", text: values }]);
    expect(known?.fix).toBeUndefined();
    expect(known?.remediation).toContain("Tracee runtime security agent (image `aquasec/tracee`)");
    expect(hostPID(chart)?.fix?.description).toBe(
      "Remove `hostPID: true` so the pod gets its own PID namespace.",
    );
  });
});

describe("what a pod runs, for a setting of the pod in a values file", () => {
  const chart = (containers: string) => [
    CHART_YAML,
    {
      path: "templates/daemonset.yaml",
      text: daemonsetSpec(
        "      hostNetwork: {{ .Values.hostNetwork }}",
        "      containers:",
        containers,
      ),
    },
    AGENT_CONTAINER,
  ];
  const VALUES =
    "hostNetwork: true\nimage:\n  repository: quay.io/cilium/tetragon\n  tag: v1.7.0\n";
  const hostNetwork = (containers: string, values = VALUES) =>
    scan([...chart(containers), { path: "values.yaml", text: values }], {
      charts: [""],
    })[3]?.findings.find((f) => f.ruleId === "host-namespaces");

  it("reads the containers a named template of the chart writes into the pod's list", () => {
    const found = hostNetwork('      {{- include "agent.container" . | nindent 6 }}');
    expect(found?.fix).toBeUndefined();
    expect(found?.remediation).toContain(
      "This looks like a Tetragon runtime security agent (image `cilium/tetragon`)",
    );
  });

  it("reads the containers the template writes literally", () => {
    const found = hostNetwork(
      '        - name: agent\n          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
    );
    expect(found?.remediation).toContain("Tetragon runtime security agent");
  });

  it("without containers it can read, takes the image the values name beside the setting", () => {
    const found = hostNetwork("        {{- toYaml .Values.containers | nindent 8 }}");
    expect(found?.remediation).toContain("Tetragon runtime security agent");
  });

  it("without containers it can read or an image beside the setting, offers to remove it", () => {
    const found = hostNetwork(
      "        {{- toYaml .Values.containers | nindent 8 }}",
      VALUES.replace("image:", "agent:\n  image:").replace(/^ {2}(repository|tag)/gm, "    $1"),
    );
    expect(found?.fix?.description).toBe(
      "Remove `hostNetwork: true` so the pod gets its own network namespace.",
    );
  });
});

describe("what a pod runs, for its security context in a values file", () => {
  /** A chart whose DaemonSet writes `securityContext` lines from values, its containers included. */
  const chart = (securityContext: readonly string[], values: string) => [
    CHART_YAML,
    {
      path: "templates/daemonset.yaml",
      text: daemonsetSpec(
        "      securityContext:",
        ...securityContext,
        "      containers:",
        '      {{- include "agent.container" . | nindent 6 }}',
      ),
    },
    AGENT_CONTAINER,
    { path: "values.yaml", text: values },
  ];
  const image = (repository: string, tag: string) =>
    `image:\n  repository: ${repository}\n  tag: ${tag}\n`;

  // Datadog's chart writes the pod's SELinux options from values (for OpenShift's SCC).
  const seLinuxType = (values: string) =>
    scan(
      chart(["        seLinuxOptions:", "{{ toYaml .Values.seLinuxOptions | indent 10 }}"], values),
      { charts: [""] },
    )[3]?.findings.find((f) => f.ruleId === "se-linux-options" && f.field?.endsWith(".type"));
  // Cilium's chart runs its agent's pod without AppArmor, from values.
  const appArmor = (repository: string) =>
    scan(
      chart(
        ["        {{- toYaml .Values.podSecurityContext | nindent 8 }}"],
        `podSecurityContext:\n  appArmorProfile:\n    type: Unconfined\n${image(repository, "v1.18.0")}`,
      ),
      { charts: [""] },
    )[3]?.findings.find((f) => f.ruleId === "app-armor-profile");

  it("keeps the SELinux type the pod's workload needs, with the reason", () => {
    const found = seLinuxType(
      `seLinuxOptions:\n  type: spc_t\n${image("gcr.io/datadoghq/agent", "7.70.0")}`,
    );
    expect(found?.fix).toBeUndefined();
    expect(found?.remediation).toContain(
      "This looks like a Datadog Agent (image `datadoghq/agent`), which needs the SELinux type `spc_t`",
    );
  });

  it("offers to remove the SELinux type where the pod runs nothing that needs it", () => {
    const found = seLinuxType(`seLinuxOptions:\n  type: spc_t\n${image("nginx", "1.27.0")}`);
    expect(found?.fix?.description).toBe(
      "Remove the custom SELinux type, so that the runtime's confined container type (`container_t`) applies.",
    );
  });

  it("keeps an unconfined AppArmor profile the pod's workload needs, with the reason", () => {
    const found = appArmor("quay.io/cilium/cilium");
    expect(found?.fix).toBeUndefined();
    expect(found?.remediation).toContain(
      "This looks like a Cilium agent (image `cilium/cilium`), which needs an unconfined AppArmor profile",
    );
  });

  it("confines the profile for another workload", () => {
    expect(appArmor("nginx")?.fix?.description).toBe(
      "Use the container runtime's default AppArmor profile (`RuntimeDefault`).",
    );
  });
});

describe("what a pod runs, in a template whose containers named templates write", () => {
  it("recognises the workload by the containers a named template of the chart writes", () => {
    const files = [
      CHART_YAML,
      {
        path: "templates/daemonset.yaml",
        text: daemonsetSpec(
          "      hostNetwork: true",
          "      containers:",
          '      {{- include "agent.container" . | nindent 6 }}',
          "      volumes: []",
        ),
      },
      AGENT_CONTAINER,
    ];
    const values = {
      path: "values.yaml",
      text: "image:\n  repository: quay.io/cilium/tetragon\n  tag: v1.7.0\n",
    };
    const hostNetwork = (context: typeof files) =>
      scan(files, { charts: [""], context })[1]?.findings.find(
        (f) => f.ruleId === "host-namespaces",
      );
    const known = hostNetwork([values]);
    expect(known?.fix).toBeUndefined();
    expect(known?.remediation).toContain(
      "This looks like a Tetragon runtime security agent (image `cilium/tetragon`)",
    );
    // Without the chart's values, the container's image is not known.
    expect(hostNetwork([])?.fix?.description).toBe(
      "Remove `hostNetwork: true` so the pod gets its own network namespace.",
    );
  });
});

describe("a container's settings written by a named template the containers call", () => {
  /** Datadog's shape: each container calls one helper with its own values' security context. */
  const HELPERS = lines(
    '{{- define "generate-security-context" -}}',
    "{{- if .securityContext }}",
    "securityContext:",
    "  {{- toYaml .securityContext | nindent 2 }}",
    "{{- end }}",
    "{{- end -}}",
  );
  const container = (define: string, name: string, command: string, values: string) =>
    lines(
      `{{- define "${define}" -}}`,
      `- name: ${name}`,
      "  image: example/agent:1.0",
      `  command: ["${command}"]`,
      `{{ include "generate-security-context" (dict "securityContext" .Values.${values}.securityContext) | nindent 2 }}`,
      "{{- end -}}",
    );
  const VALUES = lines(
    "profiler:",
    "  securityContext:",
    "    capabilities:",
    "      add: [BPF, PERFMON]",
    "agent:",
    "  securityContext:",
    "    capabilities:",
    "      add: [BPF]",
  );
  const files = [
    CHART_YAML,
    { path: "templates/_helpers.tpl", text: HELPERS },
    {
      path: "templates/_containers.yaml",
      text:
        container("container-profiler", "host-profiler", "host-profiler", "profiler") +
        container("container-agent", "agent", "agent", "agent"),
    },
    {
      path: "templates/daemonset.yaml",
      text: daemonsetSpec(
        "      containers:",
        '      {{- include "container-profiler" . | nindent 6 }}',
        '      {{- include "container-agent" . | nindent 6 }}',
      ),
    },
    { path: "values.yaml", text: VALUES },
  ];

  it("judges each value with the container whose call passes it", () => {
    const findings = scan(files, { charts: [""] })[4]?.findings ?? [];
    const bpf = (line: number) =>
      findings.find((f) => f.line === line && f.message.includes("`BPF`"));
    // The profiler's, which the capability catalogue knows by its program: kept, with the reason.
    expect(bpf(4)?.fix).toBeUndefined();
    expect(bpf(4)?.remediation).toContain("Datadog host profiler");
    // The agent's, which needs no BPF: removed.
    expect(bpf(8)?.fix?.description).toBe("Stop adding `BPF`.");
  });
});
