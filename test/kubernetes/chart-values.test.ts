/**
 * A chart's values judged through its templates: a value that flows into a security setting is a
 * finding on the values.yaml line that sets it, with a fix there; values no template renders into
 * a setting are not judged by their key names.
 */
import { describe, expect, it } from "@jest/globals";
import { applyLineFix, diff, scan } from "../../src/catalogue/index.js";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import { valuesChangedOutside } from "../../src/kubernetes/value-fix.js";
import { valuesMap } from "../../src/kubernetes/values-map.js";
import { LineIndex } from "../../src/yaml/line-index.js";

const daemonset = [
  "apiVersion: apps/v1",
  "kind: DaemonSet",
  "metadata:",
  "  name: {{ .Release.Name }}-agent",
  "spec:",
  "  template:",
  "    spec:",
  "      hostNetwork: {{ .Values.hostNetwork }}",
  "      {{- with .Values.podSecurityContext }}",
  "      securityContext:",
  "        {{- toYaml . | nindent 8 }}",
  "      {{- end }}",
  "      containers:",
  "        - name: agent",
  '          image: "{{ .Values.image.repository }}:{{ .Values.image.tag }}"',
  "          securityContext:",
  "            privileged: {{ .Values.agent.privileged }}",
  "            allowPrivilegeEscalation: {{ .Values.agent.escalate }}",
  "        - name: sidecar",
  "          image: busybox:1.36",
  "          securityContext: {{- toYaml .Values.sidecar.securityContext | nindent 12 }}",
  "",
].join("\n");

const values = [
  "image:",
  "  repository: example/agent",
  "  tag: 1.0.0",
  "hostNetwork: true",
  "agent:",
  "  privileged: true",
  "  escalate: false",
  "podSecurityContext:",
  "  runAsUser: 0",
  "sidecar:",
  "  securityContext:",
  "    capabilities:",
  "      add: [SYS_ADMIN]",
  "# Not rendered into any setting: not judged.",
  "debug:",
  "  securityContext:",
  "    privileged: true",
  "",
].join("\n");

const files = [
  { path: "charts/agent/values.yaml", text: values },
  { path: "charts/agent/templates/daemonset.yaml", text: daemonset },
];
const charts = ["charts/agent"];

describe("the values map", () => {
  it("ties each value to the setting its template writes it as", () => {
    const map = valuesMap([{ path: "t.yaml", text: daemonset }], DEFAULT_LIMITS);
    const roles = Object.fromEntries(
      [...map].map(([k, uses]) => [
        k,
        uses.map((u) => ("key" in u.role ? `${u.role.kind}:${u.role.key}` : u.role.kind)),
      ]),
    );
    expect(roles).toEqual({
      hostNetwork: ["pod-setting:hostNetwork"],
      podSecurityContext: ["pod-context"],
      "agent.privileged": ["container-setting:privileged"],
      "agent.escalate": ["container-setting:allowPrivilegeEscalation"],
      "sidecar.securityContext": ["container-context"],
    });
  });
});

describe("a fix's locality in a values file", () => {
  const map = valuesMap([{ path: "t.yaml", text: daemonset }], DEFAULT_LIMITS);
  const original = {
    agent: { privileged: true, escalate: false },
    sidecar: { securityContext: { capabilities: { add: ["SYS_ADMIN"] } } },
    debug: { securityContext: { privileged: true } },
  };

  it.each([
    ["a value the templates write as a setting", { agent: { escalate: false } }, []],
    [
      "within a block the templates render as a security context",
      { sidecar: { securityContext: { capabilities: { add: [] } } } },
      [],
    ],
    [
      "a key added beside a value the templates write alone",
      { agent: { privileged: true, escalate: false, capabilities: { drop: ["ALL"] } } },
      ["agent.capabilities"],
    ],
    [
      "a value no template renders into a setting",
      { debug: { securityContext: { privileged: false } } },
      ["debug.securityContext.privileged"],
    ],
  ])("%s", (_name, change, outside) => {
    const fixed = { ...original, ...change };
    expect(valuesChangedOutside([original], [fixed], map)).toEqual(outside);
  });
});

describe("values.yaml through the chart's templates", () => {
  it("reports each value that flows into a setting on its own line, and nothing by key name alone", () => {
    const [result] = scan(files, { charts });
    expect(result?.problems).toEqual([]);
    expect(result?.findings.map((f) => [f.ruleId, f.line])).toEqual([
      ["capabilities-baseline", 13],
      ["host-namespaces", 4],
      ["privileged", 6],
    ]);
  });

  it("offers fixes on the values lines that the templates render, keeping the rest of the file", () => {
    const [result] = scan(files, { charts });
    const privileged = result?.findings.find((f) => f.ruleId === "privileged");
    expect(privileged?.fix).toBeDefined();
    if (!privileged?.fix) return;
    expect(privileged.fix.line).toBe(6);
    expect(privileged.fix.endLine).toBe(6);
    const fixed = applyLineFix(values, new LineIndex(values), privileged.fix);
    const [again] = scan([{ path: "charts/agent/values.yaml", text: fixed }, files[1] as never], {
      charts,
    });
    expect(again?.findings.map((f) => f.ruleId)).not.toContain("privileged");
    expect(fixed).toContain("debug:\n  securityContext:\n    privileged: true\n");
  });

  it("removes the one rendered value of a values mapping and keeps its others", () => {
    const text = "agent:\n  privileged: true\n  logLevel: info\n";
    const alone = "agent:\n  privileged: true\n";
    const context = [files[1] as never];
    for (const [before, after] of [
      [text, "agent:\n  logLevel: info\n"],
      // The template still reads `.Values.agent.privileged`: `agent` stays a mapping.
      [alone, "agent:\n  {}\n"],
    ] as const) {
      const [result] = scan([{ path: "charts/agent/values.yaml", text: before }], {
        charts,
        context,
      });
      const fix = result?.findings.find((f) => f.ruleId === "privileged")?.fix;
      expect(fix).toBeDefined();
      if (fix) expect(applyLineFix(before, new LineIndex(before), fix)).toBe(after);
    }
  });

  it("offers no fix that adds keys the templates would not render, and says why", () => {
    const [result] = scan(files, { charts, level: "restricted" });
    const privileged = result?.findings.find((f) => f.ruleId === "privileged");
    expect(privileged?.line).toBe(6);
    // At restricted the fix would add `capabilities.drop` under `agent`, which no template reads.
    expect(privileged?.fix).toBeUndefined();
    expect(privileged?.remediation).toContain("adds keys to the values file");
  });

  it("names the containers the templates give a value to, or the value itself", () => {
    const [result] = scan(files, { charts });
    expect(result?.findings.map((f) => f.message.split(" adds ")[0]?.split(" runs ")[0])).toEqual([
      "Container `sidecar` (set by the chart value `sidecar.securityContext`)",
      "Pod shares the node's network namespace (`hostNetwork: true`): it bypasses NetworkPolicy and reaches the node's local services.",
      "Container `agent` (set by the chart value `agent`)",
    ]);
    // A container whose name is a template action is not named; nor is one judged by key name.
    const unnamed = daemonset.replace("- name: sidecar", "- name: {{ .Chart.Name }}-sidecar");
    const [templated] = scan([files[0] as never], {
      charts,
      context: [{ path: "charts/agent/templates/daemonset.yaml", text: unnamed }],
    });
    expect(templated?.findings[0]?.message).toBe(
      "A container set by the chart value `sidecar.securityContext` adds capability `SYS_ADMIN` (`securityContext.capabilities.add`), beyond the runtime defaults the baseline allows.",
    );
    const [byKey] = scan([files[0] as never], { charts });
    expect(byKey?.findings.find((f) => f.ruleId === "capabilities-baseline")?.message).toMatch(
      /^A container set by the chart value `sidecar` adds capability `SYS_ADMIN`/,
    );
    expect(byKey?.findings.find((f) => f.ruleId === "privileged")?.message).toMatch(
      /^A container set by the chart value `debug.securityContext` runs privileged/,
    );
    // A values file outside a known chart is still a file of values, not a container.
    const [named] = scan([{ path: "deploy/values-prod.yaml", text: values }]);
    expect(named?.findings.find((f) => f.ruleId === "privileged")?.message).toMatch(
      /^A container set by the value `debug.securityContext` runs privileged/,
    );
    expect(named?.findings.find((f) => f.ruleId === "privileged")?.container).toBe(
      "debug.securityContext",
    );
  });

  it("reads the templates given as context, and judges by key name (saying so) with no template", () => {
    const [withContext] = scan([files[0] as never], { charts, context: [files[1] as never] });
    expect(withContext?.findings.map((f) => f.line)).toEqual([13, 4, 6]);
    const [alone] = scan([files[0] as never], { charts });
    expect(alone?.findings.map((f) => f.line)).toContain(17);
    expect(alone?.findings[0]?.remediation).toContain("Judged by key name");
  });

  it("in a diff, a change to values.yaml alone introduces the setting it turns on", () => {
    const base = values.replace("  privileged: true", "  privileged: false");
    const result = diff([{ path: "charts/agent/values.yaml", base, head: values }], {
      charts,
      context: [files[1] as never],
    });
    expect(result.introduced.map((f) => [f.ruleId, f.line])).toEqual([["privileged", 6]]);
  });
});

describe("the workload a value is given to", () => {
  /** A speaker DaemonSet whose image is an action and whose security context is a values block. */
  const speaker = [
    "apiVersion: apps/v1",
    "kind: DaemonSet",
    "metadata:",
    "  name: {{ .Release.Name }}-speaker",
    "spec:",
    "  template:",
    "    spec:",
    "      hostNetwork: true",
    "      containers:",
    "        - name: speaker",
    '          image: {{ include "common.images.image" (dict "imageRoot" .Values.speaker.image) }}',
    "          securityContext: {{- toYaml .Values.speaker.containerSecurityContext | nindent 12 }}",
    "        - name: frr",
    '          image: {{ include "common.images.image" (dict "imageRoot" .Values.speaker.image) }}',
    '          command: [/bin/bash, -c, "/usr/lib/frr/watchfrr zebra bgpd & tail -f /etc/frr/frr.log"]',
    "          securityContext: {{- toYaml .Values.speaker.frr.containerSecurityContext | nindent 12 }}",
    "",
  ].join("\n");
  const speakerValues = [
    "speaker:",
    "  image:",
    "    registry: docker.io",
    "    repository: bitnami/metallb-speaker",
    "    tag: 0.15.2",
    "  containerSecurityContext:",
    "    capabilities:",
    "      add: [NET_ADMIN, NET_RAW, SYS_ADMIN]",
    "  frr:",
    "    containerSecurityContext:",
    "      capabilities:",
    "        add: [NET_ADMIN, NET_RAW, SYS_ADMIN]",
    "",
  ].join("\n");
  const chart = ["charts/lb"];
  const scanValues = (context: boolean) => {
    const [result] = scan([{ path: "charts/lb/values.yaml", text: speakerValues }], {
      charts: chart,
      context: context ? [{ path: "charts/lb/templates/speaker.yaml", text: speaker }] : [],
    });
    expect(result?.problems).toEqual([]);
    return (result?.findings ?? []).map((f) => [f.line, f.field.split(".").pop(), !!f.fix]);
  };

  it("is known by the image beside the value and by what the template's container runs", () => {
    // The speaker needs NET_RAW alone (the catalogue, by its image beside the value); FRR, which
    // the template's container runs, needs all three.
    expect(scanValues(true)).toEqual([
      [8, "add[NET_ADMIN]", true],
      [8, "add[NET_RAW]", false],
      [8, "add[SYS_ADMIN]", true],
      [12, "add[NET_ADMIN]", false],
      [12, "add[NET_RAW]", false],
      [12, "add[SYS_ADMIN]", false],
    ]);
  });

  it("judged by key name, is still known by the image beside the value", () => {
    // Without the templates only the image beside a value is known: the FRR block names none.
    const byLine = scanValues(false).sort((a, b) => Number(a[0]) - Number(b[0]));
    expect(byLine).toEqual([
      [8, "add[NET_ADMIN]", true],
      [8, "add[NET_RAW]", false],
      [8, "add[SYS_ADMIN]", true],
      [12, "add[NET_ADMIN]", true],
      [12, "add[NET_RAW]", true],
      [12, "add[SYS_ADMIN]", true],
    ]);
  });

  it("records each container's facts in the values map", () => {
    const map = valuesMap([{ path: "t.yaml", text: speaker }], DEFAULT_LIMITS);
    const [frr] = map.get("speaker.frr.containerSecurityContext") ?? [];
    expect(frr?.container).toBe("frr");
    expect(frr?.facts?.hostNamespaces).toEqual(["network"]);
    expect(frr?.facts?.command?.[0]).toBe("/bin/bash");
    expect(frr?.facts?.image).toBeNull();
  });
});
