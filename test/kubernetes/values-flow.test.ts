/**
 * Values that reach a security setting however a chart passes them: through named templates
 * (`include`/`template` with `.` or a `dict`, a define anywhere in the chart or a library chart
 * under `charts/`), `range` over a values list, `tpl`, variables, and subcharts unpacked under
 * `charts/`. Each case: the map the templates give, then the finding on the values.yaml line with
 * a fix on that line alone, verified by scanning the fixed file again.
 */
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import { chartTemplates } from "../../src/kubernetes/chart-paths.js";
import { MAX_DEPTH } from "../../src/kubernetes/values-flow.js";
import { valuesMap } from "../../src/kubernetes/values-map.js";
import { parsePipeline } from "../../src/yaml/go-template-expr.js";
import { type Files, fixedAlone, lines, scanValues } from "../support/chart-values.js";

/** A Deployment whose one container's security context is written by `context`. */
const deployment = (context: string, name = "app") =>
  lines(
    "apiVersion: apps/v1",
    "kind: Deployment",
    "metadata:",
    "  name: {{ .Release.Name }}",
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    `        - name: ${name}`,
    "          image: example/app:1.0",
    `          securityContext: ${context}`,
  );

/** The values map of a chart's templates, as `path → role@template:line/container`. */
function mapOf(files: Files, prefixes: Record<string, string> = {}): Record<string, string[]> {
  const templates = Object.entries(files).map(([path, text]) => ({
    path,
    text,
    valuesPrefix: prefixes[path] ?? "",
  }));
  const map = valuesMap(templates, DEFAULT_LIMITS);
  return Object.fromEntries(
    [...map].map(([k, uses]) => [
      k,
      uses.map(
        (u) =>
          `${"key" in u.role ? u.role.key : u.role.kind === "containers" ? `${u.role.group}:${u.role.form}` : u.role.kind}@${u.template}:${u.line}${u.container ? `/${u.container}` : ""}`,
      ),
    ]),
  );
}

const HELPERS_DOT = lines(
  '{{- define "app.securityContext" -}}',
  "{{- toYaml .Values.securityContext }}",
  "{{- end -}}",
);

/** A helper in the shape of Bitnami's renderSecurityContext: a dict argument, a variable. */
const HELPERS_DICT = lines(
  '{{- define "lib.renderSecurityContext" -}}',
  "{{- $adapted := .secContext -}}",
  "{{- if .context.Values.global.openshift -}}",
  '  {{- $adapted = omit $adapted "runAsUser" -}}',
  "{{- end -}}",
  '{{- omit $adapted "enabled" | toYaml -}}',
  "{{- end -}}",
);

/** A Deployment's pod spec with one literal container, and `after` lines below it. */
const podWith = (...after: string[]) =>
  lines(
    "apiVersion: apps/v1",
    "kind: Deployment",
    "spec:",
    "  template:",
    "    spec:",
    "      containers:",
    "        - name: main",
    "          image: example/app:1.0",
    ...after,
  );

describe("the values map finds containers written whole from a value", () => {
  it.each<[string, string | Files, Record<string, string[]>]>([
    [
      "entries after the literal container, inside `with`",
      podWith(
        "        {{- with .Values.extraContainers }}",
        "        {{- toYaml . | nindent 8 }}",
        "        {{- end }}",
      ),
      { extraContainers: ["containers:list@t.yaml:10"] },
    ],
    [
      "the whole list after its key, inside `with`",
      lines(
        podWith().trimEnd(),
        "      {{- with .Values.initContainers }}",
        "      initContainers:",
        "        {{- toYaml . | nindent 8 }}",
        "      {{- end }}",
      ),
      { initContainers: ["initContainers:list@t.yaml:11"] },
    ],
    [
      "entries with no `with`, in a compact list, before the next key",
      lines(
        "spec:",
        "  containers:",
        "  - name: main",
        "    image: example/app:1.0",
        "  {{- toYaml .Values.extraContainers | nindent 2 }}",
        "  nodeSelector: {}",
      ),
      { extraContainers: ["containers:list@t.yaml:5"] },
    ],
    [
      "Bitnami's tplvalues render on the key's line and among the entries",
      lines(
        podWith(
          "        {{- if .Values.sidecars }}",
          '        {{- include "common.tplvalues.render" (dict "value" .Values.sidecars "context" $) | nindent 8 }}',
          "        {{- end }}",
        ).trimEnd(),
        '      initContainers: {{- include "common.tplvalues.render" (dict "value" .Values.initContainers "context" $) | nindent 8 }}',
        "      ephemeralContainers:",
        '        {{- include "common.tplvalues.render" (dict "value" .Values.debug "context" $) | nindent 8 }}',
        "        - name: literal",
        "          image: busybox:1.36",
      ),
      {
        sidecars: ["containers:list@t.yaml:10"],
        initContainers: ["initContainers:list@t.yaml:12"],
        debug: ["ephemeralContainers:list@t.yaml:14"],
      },
    ],
    [
      "the list before literal entries written at another column (Bitnami's MetalLB speaker)",
      lines(
        podWith().trimEnd(),
        "      initContainers:",
        "        {{- toYaml .Values.initContainers | nindent 8 }}",
        "          - name: cp-frr-files",
        "            image: frr:9",
      ),
      { initContainers: ["initContainers:list@t.yaml:10"] },
    ],
    [
      "one entry per item of a range, merged with defaults",
      podWith(
        "        {{- range .Values.sidecars }}",
        '        {{- $d := dict "imagePullPolicy" "IfNotPresent" }}',
        "        - {{- toYaml (merge . $d) | nindent 10 }}",
        "        {{- end }}",
      ),
      { "sidecars[]": ["containers:item@t.yaml:11"] },
    ],
    [
      "entries after a container whose last key is written from a value too",
      podWith(
        "          securityContext: {{- toYaml .Values.securityContext | nindent 12 }}",
        "        {{- toYaml .Values.sidecars | nindent 8 }}",
      ),
      {
        securityContext: ["container-context@t.yaml:9/main"],
        sidecars: ["containers:list@t.yaml:10"],
      },
    ],
    [
      "a pod's only containers, in a workload",
      lines(
        "apiVersion: apps/v1",
        "kind: DaemonSet",
        "spec:",
        "  template:",
        "    spec:",
        "      hostNetwork: true",
        "      containers: {{- toYaml .Values.containers | nindent 8 }}",
      ),
      { containers: ["containers:list@t.yaml:7"] },
    ],
    [
      "Bitnami's render with no indentation, at the start of a line of a pod written in a define",
      {
        "templates/_pod.tpl": lines(
          '{{- define "app.pod" -}}',
          "initContainers:",
          "{{- if .Values.initContainers }}",
          '{{ include "common.tplvalues.render" (dict "value" .Values.initContainers "context" $) }}',
          "{{- end }}",
          "containers:",
          "  - name: main",
          "    image: example/app:1.0",
          "{{- end -}}",
        ),
        "templates/deploy.yaml": lines(
          "apiVersion: apps/v1",
          "kind: Deployment",
          "spec:",
          "  template:",
          '    spec: {{- include "app.pod" . | nindent 6 }}',
        ),
      },
      { initContainers: ["initContainers:list@templates/_pod.tpl:4"] },
    ],
    [
      "one entry from a mapping value",
      podWith("        - {{ toYaml .Values.sidecar | nindent 10 }}"),
      { sidecar: ["containers:item@t.yaml:9"] },
    ],
  ])("%s", (_name, template, expected) => {
    expect(mapOf(typeof template === "string" ? { "t.yaml": template } : template)).toEqual(
      expected,
    );
  });

  it.each<[string, string]>([
    [
      "a list written into a container's keys (deeper than its entries)",
      podWith("          {{- toYaml .Values.extraFields | nindent 10 }}"),
    ],
    [
      "a list written under another key of the last container",
      podWith("          env:", "            {{- toYaml .Values.env | nindent 12 }}"),
    ],
    [
      "a list written as keys of the pod spec (shallower than the entries)",
      podWith("      {{- toYaml .Values.podFields | nindent 6 }}"),
    ],
    [
      "output with no indentation known, on its own line",
      podWith("        {{ toYaml .Values.x }}"),
    ],
    [
      "`indent` that trims the line break before it",
      podWith("        {{- toYaml .Values.x | indent 8 }}"),
    ],
    [
      "a list under the `containers` key of something that is not a pod",
      lines("config:", "  containers:", "    {{- toYaml .Values.x | nindent 4 }}"),
    ],
  ])("but not %s", (_name, template) => {
    expect(mapOf({ "t.yaml": template })).toEqual({});
  });
});

describe("the values map follows", () => {
  it.each<[string, Files, Record<string, string[]>]>([
    [
      "include with `.`, to a define in _helpers.tpl",
      {
        "templates/_helpers.tpl": HELPERS_DOT,
        "templates/deploy.yaml": deployment('{{- include "app.securityContext" . | nindent 12 }}'),
      },
      { securityContext: ["container-context@templates/deploy.yaml:11/app"] },
    ],
    [
      "template with `.`, to a define in another template",
      {
        "templates/deploy.yaml": deployment('{{- template "app.securityContext" . }}'),
        "templates/other.yaml": HELPERS_DOT,
      },
      { securityContext: ["container-context@templates/deploy.yaml:11/app"] },
    ],
    [
      "include with a dict, through variables, to a library chart's define",
      {
        "charts/lib/templates/_security.tpl": HELPERS_DICT,
        "templates/deploy.yaml": deployment(
          '{{- include "lib.renderSecurityContext" (dict "secContext" .Values.agent.containerSecurityContext "context" $) | nindent 12 }}',
        ),
      },
      { "agent.containerSecurityContext": ["container-context@templates/deploy.yaml:11/app"] },
    ],
    [
      "a define that includes another, passing its dot on",
      {
        "templates/_helpers.tpl": lines(
          HELPERS_DICT,
          '{{- define "app.context" -}}',
          '{{ include "lib.renderSecurityContext" (dict "secContext" .Values.app.securityContext "context" $) }}',
          "{{- end -}}",
        ),
        "templates/deploy.yaml": deployment('{{- include "app.context" . | nindent 12 }}'),
      },
      { "app.securityContext": ["container-context@templates/deploy.yaml:11/app"] },
    ],
    [
      "Bitnami's common library, not at hand, by what its define is known to render",
      {
        "templates/deploy.yaml": deployment(
          '{{- include "common.compatibility.renderSecurityContext" (dict "secContext" .Values.containerSecurityContext "context" $) | nindent 12 }}',
        ),
      },
      { containerSecurityContext: ["container-context@templates/deploy.yaml:11/app"] },
    ],
    [
      "tpl over toYaml, as toYaml",
      {
        "templates/deploy.yaml": deployment(
          "{{- tpl (toYaml .Values.securityContext) . | nindent 12 }}",
        ),
      },
      { securityContext: ["container-context@templates/deploy.yaml:11/app"] },
    ],
    [
      "index and get, for keys that are not identifiers",
      {
        "templates/deploy.yaml": lines(
          deployment(
            '{{- toYaml (index .Values "frr-k8s" "securityContext") | nindent 12 }}',
          ).trimEnd(),
          "      initContainers:",
          "        - name: init",
          "          image: busybox:1.36",
          '          securityContext: {{- get .Values.init "security-context" | toYaml | nindent 12 }}',
        ),
      },
      {
        "frr-k8s.securityContext": ["container-context@templates/deploy.yaml:11/app"],
        "init.security-context": ["container-context@templates/deploy.yaml:15/init"],
      },
    ],
    [
      "a variable set at the top of a template",
      {
        "templates/deploy.yaml": lines(
          "{{- $sc := .Values.agent.securityContext }}",
          deployment("{{- toYaml $sc | nindent 12 }}").trimEnd(),
        ),
      },
      { "agent.securityContext": ["container-context@templates/deploy.yaml:12/app"] },
    ],
    [
      "range over a values list: the list's items",
      {
        "templates/deploy.yaml": lines(
          deployment("{{- toYaml .Values.securityContext | nindent 12 }}").trimEnd(),
          "        {{- range .Values.extraContainers }}",
          "        - name: {{ .name }}",
          "          image: {{ .image }}",
          "          securityContext: {{- toYaml .securityContext | nindent 12 }}",
          "        {{- end }}",
          "        {{- range $i, $c := .Values.sidecars }}",
          "        - name: {{ $c.name }}",
          "          securityContext:",
          "            privileged: {{ $c.privileged }}",
          "        {{- end }}",
        ),
      },
      {
        securityContext: ["container-context@templates/deploy.yaml:11/app"],
        "extraContainers[].securityContext": ["container-context@templates/deploy.yaml:15"],
        "sidecars[].privileged": ["privileged@templates/deploy.yaml:20"],
      },
    ],
  ])("%s", (_name, files, expected) => {
    expect(mapOf(files)).toEqual(expected);
  });

  it("a define with YAML of its own where it stands, with the dot of each call", () => {
    const pod = lines(
      '{{- define "app.podTemplate" -}}',
      "spec:",
      "  containers:",
      "    - name: app",
      "      securityContext: {{- toYaml .Values.containerSecurityContext | nindent 8 }}",
      "{{- end -}}",
    );
    const daemonset = lines(
      "apiVersion: apps/v1",
      "kind: DaemonSet",
      "spec:",
      "  template:",
      '    {{- include "app.podTemplate" . | nindent 4 }}',
    );
    expect(mapOf({ "templates/pod.tpl": pod, "templates/ds.yaml": daemonset })).toEqual({
      containerSecurityContext: ["container-context@templates/pod.tpl:5/app"],
    });
    // Called by no template at hand, it renders nowhere: its `.Values` stand for nothing known.
    expect(mapOf({ "templates/pod.tpl": pod })).toEqual({});
  });

  it("a subchart's templates, whose values are the parent's under the subchart's name", () => {
    const daemonset = deployment("{{- toYaml .Values.securityContext | nindent 12 }}").replace(
      "image: example/app:1.0",
      "image: {{ .Values.global.registry }}/frr",
    );
    const files = { "charts/frr-k8s/templates/ds.yaml": daemonset };
    expect(mapOf(files, { "charts/frr-k8s/templates/ds.yaml": "frr-k8s" })).toEqual({
      "frr-k8s.securityContext": ["container-context@charts/frr-k8s/templates/ds.yaml:11/app"],
    });
    const found = chartTemplates("lb", [
      { path: "lb/templates/a.yaml" },
      { path: "lb/charts/frr-k8s/templates/ds.yaml" },
      { path: "lb/charts/a/charts/b/templates/_helpers.tpl" },
      { path: "lb/charts/frr-k8s/values.yaml" },
      { path: "lb/charts/frr-k8s-0.0.25.tgz" },
    ]);
    expect(found.map((f) => [f.path, f.valuesPrefix])).toEqual([
      ["lb/templates/a.yaml", ""],
      ["lb/charts/frr-k8s/templates/ds.yaml", "frr-k8s"],
      ["lb/charts/a/charts/b/templates/_helpers.tpl", "a.b"],
    ]);
  });

  it("a subchart declared with an alias, whose values are under the alias (once per alias)", () => {
    const dependencies = (...deps: string[]) =>
      lines("apiVersion: v2", "name: x", "version: 1.0.0", "dependencies:", ...deps);
    const found = chartTemplates("lb", [
      {
        path: "lb/Chart.yaml",
        text: dependencies(
          "  - name: frr-k8s",
          "    alias: frr",
          "  - name: a",
          "  - name: a",
          "    alias: a2",
        ),
      },
      { path: "lb/charts/a/Chart.yaml", text: dependencies("  - {name: b, alias: bee}") },
      { path: "lb/charts/frr-k8s/templates/ds.yaml" },
      { path: "lb/charts/a/charts/b/templates/_helpers.tpl" },
      // An undeclared subchart, and one under a Chart.yaml that does not read, keep their names.
      { path: "lb/charts/c/templates/x.yaml" },
      { path: "lb/charts/a/charts/d/Chart.yaml", text: "dependencies: [" },
      { path: "lb/charts/a/charts/d/charts/e/templates/x.yaml" },
    ]);
    expect(found.map((f) => [f.path, f.valuesPrefix])).toEqual([
      ["lb/charts/frr-k8s/templates/ds.yaml", "frr"],
      ["lb/charts/a/charts/b/templates/_helpers.tpl", "a.bee"],
      ["lb/charts/a/charts/b/templates/_helpers.tpl", "a2.bee"],
      ["lb/charts/c/templates/x.yaml", "c"],
      ["lb/charts/a/charts/d/charts/e/templates/x.yaml", "a.d.e"],
      ["lb/charts/a/charts/d/charts/e/templates/x.yaml", "a2.d.e"],
    ]);
    const templates = {
      "c/Chart.yaml": dependencies("  - name: agent", "    alias: node-agent"),
      "c/charts/agent/templates/ds.yaml": deployment(
        "{{- toYaml .Values.securityContext | nindent 12 }}",
        "agent",
      ),
    };
    const values = lines(
      "agent:",
      "  securityContext:",
      "    privileged: true",
      "node-agent:",
      "  securityContext:",
      "    privileged: true",
    );
    expect(scanValues(values, templates).map((f) => [f.ruleId, f.line])).toEqual([
      ["privileged", 6],
    ]);
  });

  it.each<[string, Files]>([
    [
      "defines that include each other",
      {
        "templates/_helpers.tpl": lines(
          '{{- define "a" -}}{{ include "b" . }}{{ toYaml .Values.a }}{{- end -}}',
          '{{- define "b" -}}{{ include "a" . }}{{- end -}}',
        ),
        "templates/deploy.yaml": deployment('{{- include "b" . | nindent 12 }}'),
      },
    ],
    [
      `a chain of defines deeper than ${MAX_DEPTH}`,
      {
        "templates/_helpers.tpl": lines(
          ...Array.from({ length: MAX_DEPTH + 2 }, (_, i) =>
            i === MAX_DEPTH + 1
              ? `{{- define "d${i}" -}}{{ toYaml .Values.deep }}{{- end -}}`
              : `{{- define "d${i}" -}}{{ include "d${i + 1}" . }}{{- end -}}`,
          ),
        ),
        "templates/deploy.yaml": deployment('{{- include "d0" . | nindent 12 }}'),
      },
    ],
    [
      "a define that writes YAML of its own, used as a setting's value",
      {
        "templates/_helpers.tpl": lines(
          '{{- define "app.sc" -}}',
          "capabilities: {{ toYaml .Values.caps }}",
          "{{- end -}}",
        ),
        "templates/deploy.yaml": deployment('{{- include "app.sc" . | nindent 12 }}'),
      },
    ],
    [
      "a test of a value, which outputs no value",
      {
        "templates/deploy.yaml": deployment(
          '{{- if not (empty .Values.securityContext) }}{{ "{}" }}{{ end }}',
        ),
      },
    ],
  ])("gives nothing for %s", (_name, files) => {
    const follow = mapOf(files);
    // The cycle's own `a` still names `.Values.a` where it stands: not under a security setting.
    expect(follow).toEqual({});
  });

  it("tells apart a value passed to a define no template holds and no library entry knows", () => {
    const templates = [
      {
        path: "templates/deploy.yaml",
        text: deployment(
          '{{- include "unknown.securityContext" (dict "sc" .Values.securityContext "context" $) | nindent 12 }}',
        ),
      },
    ];
    const uses = valuesMap(templates, DEFAULT_LIMITS).get("securityContext");
    expect(uses?.map((u) => [u.role.kind, u.container, u.through])).toEqual([
      ["container-context", "app", "unknown.securityContext"],
    ]);
  });

  it("reads an action's pipeline as Go's parser groups it", () => {
    expect(parsePipeline('include "x" (dict "a" .Values.b "c" $) | nindent 4')).toEqual({
      declares: [],
      assigns: false,
      pipeline: [
        [
          { kind: "word", name: "include" },
          { kind: "string", value: "x" },
          {
            kind: "group",
            fields: [],
            pipeline: [
              [
                { kind: "word", name: "dict" },
                { kind: "string", value: "a" },
                { kind: "field", on: "dot", fields: ["Values", "b"] },
                { kind: "string", value: "c" },
                { kind: "field", on: "$", fields: [] },
              ],
            ],
          },
        ],
        [
          { kind: "word", name: "nindent" },
          { kind: "constant", text: "4" },
        ],
      ],
    });
    expect(parsePipeline("range $i, $c := .Values.list", "range")?.declares).toEqual(["$i", "$c"]);
    expect(parsePipeline('$x = omit $x "a"')?.assigns).toBe(true);
    expect(parsePipeline("(.Values.a).b")?.pipeline[0]?.[0]).toMatchObject({ fields: ["b"] });
    expect(parsePipeline('include "x')).toBeNull();
    expect(parsePipeline("a )")).toBeNull();
  });
});

describe("values.yaml judged through what the templates do", () => {
  it("a value through a named template: the finding on its line, naming the container", () => {
    const templates = {
      "c/templates/_helpers.tpl": HELPERS_DOT,
      "c/templates/deploy.yaml": deployment('{{- include "app.securityContext" . | nindent 12 }}'),
    };
    const values = lines("securityContext:", "  privileged: true", "  runAsUser: 1000");
    const [finding] = scanValues(values, templates);
    expect(finding?.message).toMatch(
      /^Container `app` \(set by the chart value `securityContext`\) runs privileged/,
    );
    expect(finding?.remediation).not.toContain("Judged by key name");
    expect(fixedAlone(values, templates, "privileged", 2)).toBe(
      lines("securityContext:", "  runAsUser: 1000"),
    );
  });

  it("a value through a dict argument to a library chart's define", () => {
    const templates = {
      "c/charts/lib/templates/_security.tpl": HELPERS_DICT,
      "c/templates/deploy.yaml": deployment(
        '{{- include "lib.renderSecurityContext" (dict "secContext" .Values.agent.containerSecurityContext "context" $) | nindent 12 }}',
      ),
    };
    const values = lines(
      "agent:",
      "  containerSecurityContext:",
      "    enabled: true",
      "    capabilities:",
      "      add: [SYS_ADMIN, NET_BIND_SERVICE]",
    );
    const findings = scanValues(values, templates);
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([["capabilities-baseline", 5]]);
    expect(findings[0]?.message).toMatch(/^Container `app` \(set by the chart value/);
    fixedAlone(values, templates, "capabilities-baseline", 5);
  });

  it("each item of a values list that a range writes as a container", () => {
    const templates = {
      "c/templates/deploy.yaml": lines(
        deployment("{}").trimEnd(),
        "        {{- range .Values.extraContainers }}",
        "        - name: {{ .name }}",
        "          image: {{ .image }}",
        "          securityContext: {{- toYaml .securityContext | nindent 12 }}",
        "        {{- end }}",
      ),
    };
    const values = lines(
      "extraContainers:",
      "  - name: shell",
      "    image: busybox:1.36",
      "    securityContext:",
      "      runAsUser: 1000",
      "  - name: debug",
      "    image: busybox:1.36",
      "    securityContext:",
      "      privileged: true",
    );
    const findings = scanValues(values, templates);
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([["privileged", 9]]);
    expect(findings[0]?.message).toMatch(
      /^Container `debug` \(set by the chart value `extraContainers\[1\]\.securityContext`\) runs privileged/,
    );
    fixedAlone(values, templates, "privileged", 9);
  });

  it("a value passed to a named template not at hand: judged where the call stands, and said so", () => {
    const templates = {
      "c/templates/deploy.yaml": deployment(
        '{{- include "lib.securityContext" (dict "sc" .Values.securityContext "context" $) | nindent 12 }}',
      ),
    };
    const values = lines("securityContext:", "  privileged: true", "  runAsUser: 1000");
    const [finding] = scanValues(values, templates);
    expect([finding?.ruleId, finding?.line]).toEqual(["privileged", 2]);
    expect(finding?.remediation).toContain(
      "Judged as written where `c/templates/deploy.yaml` (line 11) calls `lib.securityContext`: no template at hand defines that named template",
    );
    fixedAlone(values, templates, "privileged", 2);
  });

  it("a subchart's value, set in the parent's values under the subchart's name", () => {
    const templates = {
      "c/charts/agent/templates/ds.yaml": deployment(
        "{{- toYaml .Values.securityContext | nindent 12 }}",
        "agent",
      ),
    };
    const values = lines(
      "agent:",
      "  securityContext:",
      "    privileged: true",
      "securityContext:",
      "  privileged: true",
    );
    const findings = scanValues(values, templates);
    // The parent's own `securityContext` is rendered by no template at hand.
    expect(findings.map((f) => [f.ruleId, f.line])).toEqual([["privileged", 3]]);
    expect(findings[0]?.message).toMatch(
      /^Container `agent` \(set by the chart value `agent.securityContext`\)/,
    );
    fixedAlone(values, templates, "privileged", 3);
  });
});
