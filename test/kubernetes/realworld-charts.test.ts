/**
 * Real Helm charts from public projects (see test/fixtures/realworld/charts/SOURCES.md), read as
 * they are written: every template parses, literal settings are found on their own lines, and
 * every fix offered keeps every template action.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { applyLineFix, type Level, scan } from "../../src/catalogue/index.js";
import { keepsTemplateActions } from "../../src/kubernetes/template-fix.js";
import { lexTemplate } from "../../src/yaml/go-template-lexer.js";
import { LineIndex } from "../../src/yaml/line-index.js";
import { fixedAlone, scanValues } from "../support/chart-values.js";

const ROOT = "test/fixtures/realworld/charts";
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
const files = walk(ROOT)
  .filter((p) => /\.(ya?ml|tpl)$/.test(p))
  .map((p) => ({ path: relative(ROOT, p), text: readFileSync(p, "utf8") }));
const charts = files
  .filter((f) => f.path.endsWith("/Chart.yaml"))
  .map((f) => f.path.slice(0, -"/Chart.yaml".length));
const templates = files.filter((f) => f.path.includes("/templates/"));
const valuesFiles = files.filter((f) => f.path.endsWith("/values.yaml"));
const scanned = [...templates, ...valuesFiles];

/**
 * Findings expected in each template and values file, as `rule@line`; every other one has none.
 * Values files are judged through what the chart's templates render each value into.
 */
const EXPECTED: Record<Level, Record<string, string>> = {
  baseline: {
    "aws-ebs-csi-driver/templates/_node-windows.tpl":
      "host-namespaces@59 host-path-volumes@286 host-path-volumes@290 host-path-volumes@294 host-path-volumes@299 host-path-volumes@303 host-path-volumes@307 windows-host-process@57",
    "aws-ebs-csi-driver/templates/_node.tpl":
      "host-path-volumes@293 host-path-volumes@297 host-path-volumes@301 host-path-volumes@305 host-path-volumes@310 host-path-volumes@314",
    "aws-ebs-csi-driver/values.yaml": "privileged@481",
    "falco/templates/pod-template.tpl":
      "host-path-volumes@238 host-path-volumes@241 host-path-volumes@244 host-path-volumes@247 host-path-volumes@252 host-path-volumes@255 host-path-volumes@260 host-path-volumes@265 app-armor-profile@18 privileged@331",
    "flannel/templates/daemonset.yaml":
      "privileged@146 host-namespaces@28 host-path-volumes@153 host-path-volumes@157 host-path-volumes@160 host-path-volumes@163 host-path-volumes@169 capabilities-baseline@103 capabilities-baseline@103 capabilities-baseline@148",
    "istio-cni/templates/daemonset.yaml":
      "host-namespaces@70 host-path-volumes@231 host-path-volumes@235 host-path-volumes@241 host-path-volumes@246 host-path-volumes@250 host-path-volumes@253 capabilities-baseline@130 capabilities-baseline@132 capabilities-baseline@135 capabilities-baseline@139 app-armor-profile@116 app-armor-profile@62",
    "longhorn/templates/daemonset-sa.yaml":
      "privileged@28 host-path-volumes@130 host-path-volumes@133 host-path-volumes@136 host-path-volumes@139 host-path-volumes@142 host-path-volumes@146 host-path-volumes@152",
    "longhorn/templates/deployment-driver.yaml": "host-path-volumes@149",
    "longhorn/templates/preupgrade-job.yaml": "privileged@24 host-path-volumes@43",
    "metallb/templates/speaker/daemonset.yaml": "host-namespaces@57",
    "metallb-upstream/charts/frr-k8s/templates/controller.yaml":
      "host-namespaces@141 capabilities-baseline@283 capabilities-baseline@298 capabilities-baseline@299 capabilities-baseline@300 host-probes-and-host-lifecycle@253 host-probes-and-host-lifecycle@265",
    "metallb-upstream/charts/frr-k8s/templates/status-cleaner.yaml": "host-namespaces@129",
    "metallb-upstream/templates/speaker.yaml":
      "host-namespaces@176 capabilities-baseline@396 capabilities-baseline@427 capabilities-baseline@428 capabilities-baseline@429 host-probes-and-host-lifecycle@366 host-probes-and-host-lifecycle@378",
    "metallb/values.yaml":
      "capabilities-baseline@788 capabilities-baseline@789 capabilities-baseline@790 capabilities-baseline@984 capabilities-baseline@985 capabilities-baseline@986",
    "prometheus-node-exporter/values.yaml": "host-namespaces@382 host-namespaces@390",
    "prometheus-node-exporter/templates/daemonset.yaml":
      "host-path-volumes@343 host-path-volumes@346 host-path-volumes@350 host-path-volumes@355 host-path-volumes@368 host-probes-and-host-lifecycle@145 host-probes-and-host-lifecycle@163",
    "ztunnel/templates/daemonset.yaml":
      "host-path-volumes@236 capabilities-baseline@91 capabilities-baseline@92 capabilities-baseline@93",
    "tetragon/templates/daemonset.yaml":
      "host-path-volumes@82 host-path-volumes@86 host-path-volumes@90 host-path-volumes@97 host-path-volumes@101 host-path-volumes@106 host-path-volumes@121",
    "tetragon/templates/rthooks-daemonset.yaml":
      "host-path-volumes@69 host-path-volumes@74 host-path-volumes@80",
    "tetragon/values.yaml": "privileged@57 host-namespaces@39",
    "tracee/templates/daemonset.yaml":
      "host-path-volumes@103 host-path-volumes@106 host-path-volumes@109 host-path-volumes@112 host-path-volumes@115 host-path-volumes@118",
    "tracee/values.yaml": "privileged@33 host-namespaces@30",
  },
  restricted: {
    "aws-ebs-csi-driver/templates/_node-windows.tpl":
      "host-namespaces@59 windows-host-process@57 restricted-volumes@286 restricted-volumes@290 restricted-volumes@294 restricted-volumes@299 restricted-volumes@303 restricted-volumes@307",
    "aws-ebs-csi-driver/templates/_node.tpl":
      "restricted-volumes@293 restricted-volumes@297 restricted-volumes@301 restricted-volumes@305 restricted-volumes@310 restricted-volumes@314",
    "aws-ebs-csi-driver/values.yaml": "run-as-non-root@459 run-as-user@460 privileged@481",
    "falco/templates/pod-template.tpl":
      "app-armor-profile@18 restricted-volumes@238 restricted-volumes@241 restricted-volumes@244 restricted-volumes@247 restricted-volumes@252 restricted-volumes@255 restricted-volumes@260 restricted-volumes@265 privileged@331",
    "flannel/templates/daemonset.yaml":
      "privileged@146 host-namespaces@28 capabilities-restricted@103 capabilities-restricted@103 capabilities-restricted@148 restricted-volumes@153 restricted-volumes@157 restricted-volumes@160 restricted-volumes@163 restricted-volumes@169",
    "istio-cni/templates/daemonset.yaml":
      "host-namespaces@70 app-armor-profile@116 app-armor-profile@62 run-as-non-root@121 run-as-user@120 capabilities-restricted@130 capabilities-restricted@132 capabilities-restricted@135 capabilities-restricted@139 capabilities-restricted@144 restricted-volumes@231 restricted-volumes@235 restricted-volumes@241 restricted-volumes@246 restricted-volumes@250 restricted-volumes@253",
    "longhorn/templates/daemonset-sa.yaml":
      "privileged@28 restricted-volumes@130 restricted-volumes@133 restricted-volumes@136 restricted-volumes@139 restricted-volumes@142 restricted-volumes@146 restricted-volumes@152",
    "longhorn/templates/deployment-driver.yaml": "run-as-user@145 restricted-volumes@149",
    "longhorn/templates/preupgrade-job.yaml": "privileged@24 restricted-volumes@43",
    "metallb/templates/speaker/daemonset.yaml": "host-namespaces@57",
    "metallb-upstream/charts/frr-k8s/templates/controller.yaml":
      "host-namespaces@141 host-probes-and-host-lifecycle@253 host-probes-and-host-lifecycle@265 capabilities-restricted@283 capabilities-restricted@298 capabilities-restricted@299 capabilities-restricted@300",
    "metallb-upstream/charts/frr-k8s/templates/status-cleaner.yaml": "host-namespaces@129",
    "metallb-upstream/templates/speaker.yaml":
      "host-namespaces@176 host-probes-and-host-lifecycle@366 host-probes-and-host-lifecycle@378 capabilities-restricted@396 capabilities-restricted@427 capabilities-restricted@428 capabilities-restricted@429",
    "metallb/values.yaml":
      "run-as-user@779 capabilities-restricted@788 capabilities-restricted@789 capabilities-restricted@790 run-as-user@980 capabilities-restricted@984 capabilities-restricted@985 capabilities-restricted@986",
    "prometheus-node-exporter/values.yaml":
      "run-as-non-root@560 run-as-user@558 host-namespaces@382 host-namespaces@390",
    "prometheus-node-exporter/templates/daemonset.yaml":
      "host-probes-and-host-lifecycle@145 host-probes-and-host-lifecycle@163 restricted-volumes@343 restricted-volumes@346 restricted-volumes@350 restricted-volumes@355 restricted-volumes@368",
    "ztunnel/templates/daemonset.yaml":
      "allow-privilege-escalation@85 run-as-non-root@96 run-as-user@97 capabilities-restricted@91 capabilities-restricted@92 capabilities-restricted@93 restricted-volumes@236",
    "tetragon/templates/daemonset.yaml":
      "restricted-volumes@82 restricted-volumes@86 restricted-volumes@90 restricted-volumes@97 restricted-volumes@101 restricted-volumes@106 restricted-volumes@121",
    "tetragon/templates/rthooks-daemonset.yaml":
      "restricted-volumes@69 restricted-volumes@74 restricted-volumes@80",
    "tetragon/values.yaml": "privileged@57 host-namespaces@39",
    "tracee/templates/daemonset.yaml":
      "restricted-volumes@103 restricted-volumes@106 restricted-volumes@109 restricted-volumes@112 restricted-volumes@115 restricted-volumes@118",
    "tracee/values.yaml": "privileged@33 host-namespaces@30",
  },
};

describe.each(["baseline", "restricted"] as const)("real chart templates at %s", (level) => {
  const results = scan(scanned, { level, charts });
  const byPath = new Map(results.map((r) => [r.path, r]));

  it("reads every template and values file of every chart (.yaml and .tpl), with no problem", () => {
    expect(templates.length).toBeGreaterThan(110);
    expect(valuesFiles).toHaveLength(12);
    expect(results.every((r) => r.kind === "kubernetes")).toBe(true);
    expect(results.flatMap((r) => r.problems)).toEqual([]);
  });

  it.each(scanned.map((t) => t.path))("%s: the settings, on their own lines", (path) => {
    const found = byPath
      .get(path)
      ?.findings.map((f) => `${f.ruleId}@${f.line}`)
      .join(" ");
    expect(found).toBe(EXPECTED[level][path] ?? "");
  });

  it("judges a values file the same with its chart's templates given as context only", () => {
    const alone = scan(valuesFiles, { level, charts, context: templates });
    expect(alone.map((r) => r.findings.map((f) => `${f.ruleId}@${f.line}`))).toEqual(
      valuesFiles.map((v) => byPath.get(v.path)?.findings.map((f) => `${f.ruleId}@${f.line}`)),
    );
  });

  it("finds the literal settings in the same place without being told where the charts are", () => {
    const unaided = scan(templates, { level });
    expect(unaided.map((r) => r.findings.map((f) => `${f.ruleId}@${f.line}`))).toEqual(
      results.slice(0, templates.length).map((r) => r.findings.map((f) => `${f.ruleId}@${f.line}`)),
    );
  });

  it("offers only fixes that keep every template action and still read", () => {
    let offered = 0;
    for (const r of results) {
      const text = scanned.find((t) => t.path === r.path)?.text ?? "";
      const index = new LineIndex(text);
      const actions = lexTemplate(text).actions.map((a) => text.slice(a.start, a.end));
      for (const f of r.findings) {
        if (!f.fix) continue;
        offered++;
        expect(keepsTemplateActions(text, index, f.fix)).toBe(true);
        const fixed = applyLineFix(text, index, f.fix);
        const after = lexTemplate(fixed).actions.map((a) => fixed.slice(a.start, a.end));
        expect(after).toEqual(actions);
        const [again] = scan([{ path: r.path, text: fixed }], {
          level,
          charts,
          context: templates,
        });
        expect(again?.problems).toEqual([]);
      }
    }
    // Enough fixes to check (5 at baseline): most of what these charts set, their workloads need.
    expect(offered).toBeGreaterThan(3);
  });

  it("names the containers a values file's settings go to, as the templates name them", () => {
    const subjects = (path: string) =>
      new Set(byPath.get(path)?.findings.flatMap((f) => f.message.match(/^Container .*?\)/) ?? []));
    expect([...subjects("metallb/values.yaml")]).toEqual([
      "Container `metallb-speaker` (set by the chart value `speaker.containerSecurityContext`)",
      "Container `frr` (and `reloader`, `frr-metrics`, set by the chart value `speaker.frr.containerSecurityContext`)",
    ]);
  });

  it("keeps the capabilities of the flannel agent and of its network policy agent, and says why", () => {
    const capabilities = byPath
      .get("flannel/templates/daemonset.yaml")
      ?.findings.filter((f) => f.ruleId.startsWith("capabilities-") || f.ruleId === "privileged");
    expect(capabilities?.map((f) => [f.container, f.field.split(".").pop(), f.fix])).toEqual([
      ["kube-network-policies", "privileged", undefined],
      ["kube-flannel", "add[NET_ADMIN]", undefined],
      ["kube-flannel", "add[NET_RAW]", undefined],
      ["kube-network-policies", "add[NET_ADMIN]", undefined],
    ]);
    for (const f of capabilities ?? [])
      expect(f.remediation).toContain("This looks like a CNI agent");
  });

  it("keeps what Istio's CNI node agent and ztunnel add to run, and says why", () => {
    const kept = (path: string, rules: readonly string[]) =>
      byPath.get(path)?.findings.filter((f) => rules.includes(f.ruleId)) ?? [];
    const capabilityRule = `capabilities-${level}`;
    const cni = kept("istio-cni/templates/daemonset.yaml", [capabilityRule, "app-armor-profile"]);
    const ztunnel = kept("ztunnel/templates/daemonset.yaml", [capabilityRule]);
    // Each capability it adds (DAC_OVERRIDE is among the runtime's defaults the baseline allows),
    // and its AppArmor exception written both ways (annotation and security context).
    expect(cni.map((f) => f.line).sort((a, b) => a - b)).toEqual([
      62,
      116,
      130,
      132,
      135,
      139,
      ...(level === "restricted" ? [144] : []),
    ]);
    expect(ztunnel.map((f) => f.line)).toEqual([91, 92, 93]);
    for (const f of [...cni, ...ztunnel]) {
      expect(f.fix).toBeUndefined();
      expect(f.remediation).toMatch(/Istio (CNI node agent|ztunnel)/);
    }
    const appArmor = cni.filter((f) => f.ruleId === "app-armor-profile");
    for (const f of appArmor)
      expect(f.remediation).toContain("This looks like an Istio CNI node agent");
    // It runs as root: at restricted no fix sets runAsNonRoot over it, and the finding says why.
    const root = byPath
      .get("istio-cni/templates/daemonset.yaml")
      ?.findings.filter((f) => f.ruleId === "run-as-non-root");
    if (level === "restricted") {
      expect(root?.map((f) => f.fix)).toEqual([undefined]);
      expect(root?.[0]?.remediation).toContain(
        "Container `install-cni` looks like an Istio CNI node agent",
      );
    }
  });

  it("recognises Tetragon and Tracee by the images their charts' values give, and keeps what they need", () => {
    const finding = (path: string, rule: string, line: number) =>
      byPath.get(path)?.findings.find((f) => f.ruleId === rule && f.line === line);
    // Values of pod settings: Tetragon's containers are written by named templates of its chart
    // (`include "container.tetragon"` under `containers:`), Tracee's literally, their images
    // from values in both.
    for (const [path, line, workload] of [
      ["tetragon/values.yaml", 39, "Tetragon runtime security agent (image `cilium/tetragon`)"],
      ["tracee/values.yaml", 30, "Tracee runtime security agent"],
    ] as const) {
      const hostNamespace = finding(path, "host-namespaces", line);
      expect([path, hostNamespace?.fix]).toEqual([path, undefined]);
      expect(hostNamespace?.remediation).toContain(`This looks like a ${workload}`);
    }
    // A host path Tracee reads, in its template.
    const osRelease = byPath
      .get("tracee/templates/daemonset.yaml")
      ?.findings.find((f) => f.message.includes("`/etc/os-release`"));
    expect(osRelease?.fix).toBeUndefined();
    expect(osRelease?.remediation).toContain("This looks like a Tracee runtime security agent");
  });

  it("keeps the host network of the MetalLB speaker and of the flannel agent, and says why", () => {
    for (const [path, workload] of [
      ["metallb/templates/speaker/daemonset.yaml", "Load-balancer address announcer"],
      ["flannel/templates/daemonset.yaml", "CNI agent"],
    ] as const) {
      const hostNetwork = byPath.get(path)?.findings.find((f) => f.field.endsWith(".hostNetwork"));
      expect([path, hostNetwork?.fix]).toEqual([path, undefined]);
      expect(hostNetwork?.remediation).toContain(workload);
    }
    // flannel's own host paths, written literally in its template (the others are values).
    const flannelPaths = byPath
      .get("flannel/templates/daemonset.yaml")
      ?.findings.filter((f) => f.ruleId !== "host-namespaces" && /`\/(run|lib)\//.test(f.message));
    expect(flannelPaths?.map((f) => f.remediation.slice(0, 27))).toEqual([
      "This looks like a CNI agent",
      "This looks like a CNI agent",
      "This looks like a CNI agent",
    ]);
  });
  it.each<[string, number, string, string]>([
    // Bitnami's `common.tplvalues.render` of `speaker.sidecars` among the speaker's containers.
    [
      "metallb",
      812,
      "  sidecars: []",
      "Container `your-image-name` (the chart value `speaker.sidecars[0]`, written whole by `metallb/templates/speaker/daemonset.yaml` line 326)",
    ],
    // The same render on the `initContainers:` line of the controller.
    [
      "metallb",
      387,
      "  initContainers: []",
      "Init container `your-image-name` (the chart value `controller.initContainers[0]`, written whole by `metallb/templates/controller/deployment.yaml` line 75)",
    ],
    // `{{- toYaml .Values.speaker.extraContainers | nindent 6 }}` after the literal containers.
    [
      "metallb-upstream",
      362,
      "  extraContainers: []",
      "Container `your-image-name` (the chart value `speaker.extraContainers[0]`, written whole by `metallb-upstream/templates/speaker.yaml` line 544)",
    ],
    // `- {{- toYaml (merge $overwrites . $defaults) | nindent 10 }}` in a `range`.
    [
      "prometheus-node-exporter",
      521,
      "sidecars: []",
      "Container `your-image-name` (the chart value `sidecars[0]`, written whole by `prometheus-node-exporter/templates/daemonset.yaml` line 235)",
    ],
    [
      "prometheus-node-exporter",
      546,
      "extraInitContainers: []",
      "Init container `your-image-name` (the chart value `extraInitContainers[0]`, written whole by `prometheus-node-exporter/templates/daemonset.yaml` line 46)",
    ],
    // `initContainers:` then `{{- toYaml . | nindent 8 }}` inside `with`, in `include "node"`.
    [
      "aws-ebs-csi-driver",
      482,
      "  initContainers: []",
      "Init container `your-image-name` (the chart value `node.initContainers[0]`, written whole by `aws-ebs-csi-driver/templates/_node-windows.tpl` line 62 and 1 other place)",
    ],
    // Falco's pod template, a define: `initContainers:` then the value at `nindent 4`.
    [
      "falco",
      469,
      "  initContainers: []",
      "Init container `your-image-name` (the chart value `extra.initContainers[0]`, written whole by `falco/templates/pod-template.tpl` line 212)",
    ],
  ])(
    "judges the containers %s writes whole from the value on its line %i",
    (chart, line, written, subject) => {
      // The charts' own documented example of an extra container (Bitnami's values.yaml), privileged.
      const values = valuesFiles.find((v) => v.path === `${chart}/values.yaml`)?.text ?? "";
      const all = values.split("\n");
      expect(all[line - 1]).toBe(written);
      const indent = written.slice(0, written.length - written.trimStart().length);
      const item = [
        `${written.trimStart().split(":")[0]}:`,
        "  - name: your-image-name",
        "    image: your-image",
        "    imagePullPolicy: Always",
        `    command: ['sh', '-c', 'echo "hello world"']`,
        "    securityContext:",
        "      privileged: true",
        "      runAsUser: 1000",
      ].map((l) => `${indent}${l}`);
      const text = [...all.slice(0, line - 1), ...item, ...all.slice(line)].join("\n");
      const context = Object.fromEntries(templates.map((t) => [t.path, t.text]));
      const path = `${chart}/values.yaml`;
      const found = scanValues(text, context, level, charts, path).filter(
        (f) => f.field.includes("[0]") && f.line >= line && f.line < line + item.length,
      );
      expect(found.map((f) => [f.ruleId, f.line, f.message.split(" runs")[0]])).toEqual([
        ["privileged", line + 6, subject],
      ]);
      // At restricted the fix also sets what the level asks for, within the item.
      fixedAlone(text, context, "privileged", line + 6, { level, charts, path, upTo: line + 7 });
    },
  );

  it("follows values through named templates, as each chart passes them", () => {
    const valuesOf = (chart: string) => valuesFiles.find((v) => v.path === `${chart}/values.yaml`);
    const rescan = (chart: string, text: string) =>
      scan([{ path: `${chart}/values.yaml`, text }], { level, charts, context: templates })[0];
    // The EBS driver's node.yaml calls `include "node" (deepCopy $ | mustMerge $defaultArgs)`, and
    // once per `range $name, $values := .Values.additionalDaemonSets` with `.Values.node` merged
    // with the item: `_node.tpl` writes `hostNetwork: {{ .Values.node.hostNetwork }}`.
    const ebs = valuesOf("aws-ebs-csi-driver")?.text ?? "";
    const extra = ebs.replace(
      "additionalDaemonSets:\n",
      "additionalDaemonSets:\n  big-nodes:\n    hostNetwork: true\n",
    );
    const line = extra.split("\n").indexOf("    hostNetwork: true") + 1;
    const ebsFound = rescan("aws-ebs-csi-driver", extra)?.findings.filter(
      (f) => f.ruleId === "host-namespaces",
    );
    expect(ebsFound?.map((f) => [f.line, f.field])).toEqual([
      [line, "additionalDaemonSets.big-nodes.hostNetwork"],
    ]);
    // The privileged CSI node plugin: the value through `include "node"`, kept, and why.
    const plugin = byPath.get("aws-ebs-csi-driver/values.yaml")?.findings[
      level === "baseline" ? 0 : 2
    ];
    expect(plugin?.message).toMatch(
      /^Container `ebs-plugin` \(set by the chart value `node.containerSecurityContext`\) runs privileged/,
    );
    expect(plugin?.remediation).toContain("CSI node plugin");
    // Falco's pod template writes `{{- include "falco.securityContext" . | nindent 8 }}`, whose
    // define outputs `toYaml .Values.containerSecurityContext` when it is set.
    const falco = (valuesOf("falco")?.text ?? "").replace(
      "containerSecurityContext: {}",
      "containerSecurityContext:\n  privileged: true",
    );
    const falcoFound = rescan("falco", falco)?.findings.filter((f) => f.ruleId === "privileged");
    expect(falcoFound?.map((f) => [f.line, f.message.split(" runs")[0]])).toEqual([
      [82, "A container set by the chart value `containerSecurityContext`"],
    ]);
  });
});
