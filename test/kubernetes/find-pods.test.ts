/**
 * Where pod specs are found: the pod template of every pod-bearing kind, the items of a List, and
 * pod specs, containers and security contexts embedded in custom resources, Helm values and
 * Kustomize patches. Observed through the `privileged` rule's findings (line and field path).
 */
import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/catalogue/index.js";
import type { Finding } from "../../src/core/types.js";

function privileged(text: string, path = "manifest.yaml", level?: "restricted"): Finding[] {
  const [result] = scan([{ path, text }], level ? { level } : undefined);
  expect(result?.problems).toEqual([]);
  return (result?.findings ?? []).filter((f) => f.ruleId === "privileged");
}

const fieldsAndLines = (text: string, path?: string) =>
  privileged(text, path).map((f) => `${f.line} ${f.field}`);

/** A container list at `indent`, with one privileged container per group. */
function podSpec(indent: string): string {
  return ["containers", "initContainers", "ephemeralContainers"]
    .map(
      (group) =>
        `${indent}${group}:\n${indent}  - name: ${group.slice(0, 4)}\n${indent}    image: x\n${indent}    securityContext: {privileged: true}\n`,
    )
    .join("");
}

const header = (apiVersion: string, kind: string) =>
  `apiVersion: ${apiVersion}\nkind: ${kind}\nmetadata:\n  name: w\n  namespace: ns\n`;

describe("pod-bearing kinds", () => {
  it.each([
    ["v1", "Pod", "spec:\n", "  ", "spec"],
    ["apps/v1", "Deployment", "spec:\n  template:\n    spec:\n", "      ", "spec.template.spec"],
    ["apps/v1", "StatefulSet", "spec:\n  template:\n    spec:\n", "      ", "spec.template.spec"],
    ["apps/v1", "DaemonSet", "spec:\n  template:\n    spec:\n", "      ", "spec.template.spec"],
    ["apps/v1", "ReplicaSet", "spec:\n  template:\n    spec:\n", "      ", "spec.template.spec"],
    [
      "v1",
      "ReplicationController",
      "spec:\n  template:\n    spec:\n",
      "      ",
      "spec.template.spec",
    ],
    ["batch/v1", "Job", "spec:\n  template:\n    spec:\n", "      ", "spec.template.spec"],
    [
      "batch/v1",
      "CronJob",
      "spec:\n  jobTemplate:\n    spec:\n      template:\n        spec:\n",
      "          ",
      "spec.jobTemplate.spec.template.spec",
    ],
    ["v1", "PodTemplate", "template:\n  spec:\n", "    ", "template.spec"],
  ])(
    "%s %s: containers, initContainers and ephemeralContainers",
    (apiVersion, kind, lead, indent, path) => {
      const text = header(apiVersion, kind) + lead + podSpec(indent);
      const first = 6 + lead.split("\n").length - 1 + 3;
      const found = privileged(text);
      expect(found.map((f) => `${f.line} ${f.field}`)).toEqual([
        `${first} ${path}.containers[cont].securityContext.privileged`,
        `${first + 4} ${path}.initContainers[init].securityContext.privileged`,
        `${first + 8} ${path}.ephemeralContainers[ephe].securityContext.privileged`,
      ]);
      expect(found.map((f) => f.resource)).toEqual(
        Array(3).fill({ apiVersion, kind, name: "w", namespace: "ns" }),
      );
      expect(found[0]?.identity).toBe(
        `${kind}:ns/w>${path}.containers[cont].securityContext.privileged>privileged`,
      );
    },
  );

  it("reads every item of a kind: List, named items by their own identity", () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: d}
    spec:
      template:
        spec:
          containers:
            - {name: c, image: x, securityContext: {privileged: true}}
  - apiVersion: v1
    kind: Pod
    spec:
      containers:
        - {name: c, image: x, securityContext: {privileged: true}}
`;
    const found = privileged(text);
    expect(found.map((f) => [f.line, f.identity])).toEqual([
      [11, "Deployment:/d>spec.template.spec.containers[c].securityContext.privileged>privileged"],
      [16, "manifest.yaml#0>items[#1].spec.containers[c].securityContext.privileged>privileged"],
    ]);
  });

  it("labels unnamed containers by their place", () => {
    const text = `${header("v1", "Pod")}spec:\n  containers:\n    - image: x\n    - image: y\n      securityContext: {privileged: true}\n`;
    expect(privileged(text).map((f) => [f.line, f.container])).toEqual([
      [10, "spec.containers[1]"],
    ]);
  });
});

describe("custom resources", () => {
  it("Argo Workflow templates: container, script, containerSet, init containers and sidecars", () => {
    const text = `apiVersion: argoproj.io/v1alpha1
kind: Workflow
metadata: {generateName: build-}
spec:
  entrypoint: main
  templates:
    - name: main
      container:
        image: docker:27
        securityContext: {privileged: true}
    - name: script
      script:
        image: python:3.13
        source: print(1)
        securityContext:
          privileged: true
    - name: set
      containerSet:
        containers:
          - name: a
            image: x
            securityContext: {privileged: true}
    - name: with-sidecar
      initContainers:
        - name: init
          image: x
          securityContext: {privileged: true}
      sidecars:
        - name: dind
          image: docker:dind
          securityContext: {privileged: true}
      container: {image: x}
`;
    expect(fieldsAndLines(text)).toEqual([
      "10 spec.templates[main].container.securityContext.privileged",
      "16 spec.templates[script].script.securityContext.privileged",
      "22 spec.templates[set].containerSet.containers[a].securityContext.privileged",
      "27 spec.templates[with-sidecar].initContainers[init].securityContext.privileged",
      "31 spec.templates[with-sidecar].sidecars[dind].securityContext.privileged",
    ]);
    // An unnamed single container takes its template's name.
    const [result] = scan([{ path: "wf.yaml", text }]);
    expect(result?.findings.map((f) => f.container)).toEqual([
      "main",
      "script",
      "a",
      "init",
      "dind",
    ]);
  });

  it("Tekton Task: steps, sidecars and stepTemplate", () => {
    const text = `apiVersion: tekton.dev/v1
kind: Task
metadata: {name: build}
spec:
  stepTemplate:
    securityContext:
      privileged: true
  steps:
    - name: build
      image: gcr.io/kaniko-project/executor
      securityContext: {privileged: true}
  sidecars:
    - name: docker
      image: docker:dind
      securityContext:
        privileged: true
`;
    expect(fieldsAndLines(text)).toEqual([
      "7 spec.stepTemplate.securityContext.privileged",
      "11 spec.steps[build].securityContext.privileged",
      "16 spec.sidecars[docker].securityContext.privileged",
    ]);
  });

  it("an operator resource with an embedded pod template, its metadata beside it", () => {
    const text = `apiVersion: example.com/v1
kind: NodeAgent
metadata: {name: agent, namespace: ops}
spec:
  podTemplate:
    metadata:
      annotations:
        privilege-guard.io/allow-privileged: "loads eBPF programs"
    spec:
      containers:
        - name: agent
          image: agent:1
          securityContext: {privileged: true}
`;
    const [finding] = privileged(text);
    expect(finding?.line).toBe(13);
    expect(finding?.field).toBe(
      "spec.podTemplate.spec.containers[agent].securityContext.privileged",
    );
    expect(finding?.identity).toBe(
      "NodeAgent:ops/agent>spec.podTemplate.spec.containers[agent].securityContext.privileged>privileged",
    );
    expect(finding?.annotatedException).toBe("loads eBPF programs");
  });
});

describe("fragments", () => {
  it("Helm values: security contexts under any key, nested ones included", () => {
    const text = `replicaCount: 1
securityContext:
  privileged: true
podSecurityContext:
  fsGroup: 2000
controller:
  image: {repository: ingress}
  containerSecurityContext:
    privileged: true
  admissionWebhooks:
    patch:
      securityContext:
        privileged: true
defaultBackend:
  securityContext: {privileged: false}
`;
    const found = privileged(text, "charts/app/values.yaml").map((f) => [
      f.line,
      f.field,
      f.identity,
    ]);
    // Nested pods are found first; the order is not part of the contract, lines are.
    expect(found.sort((x, y) => Number(x[0]) - Number(y[0]))).toEqual([
      [
        3,
        "securityContext.privileged",
        "charts/app/values.yaml#0>securityContext.privileged>privileged",
      ],
      [
        9,
        "controller.containerSecurityContext.privileged",
        "charts/app/values.yaml#0>controller.containerSecurityContext.privileged>privileged",
      ],
      [
        13,
        "controller.admissionWebhooks.patch.securityContext.privileged",
        "charts/app/values.yaml#0>controller.admissionWebhooks.patch.securityContext.privileged>privileged",
      ],
    ]);
  });

  it("a container on its own in a chart's `define` (name, image and securityContext) is a container", () => {
    // As Falco's pod-template.tpl writes its driver-loader init container.
    const text = `{{- define "agent.loader" -}}
- name: {{ .Chart.Name }}-loader
  image: {{ include "agent.image" . }}
  args:
    - kmod
  securityContext:
    privileged: true
  env:
    - name: FALCOCTL_DRIVER_CONFIG_UPDATE_FALCO
      value: "false"
{{- end -}}
`;
    const [result] = scan([{ path: "charts/agent/templates/pod-template.tpl", text }], {
      charts: ["charts/agent"],
    });
    const found = result?.findings.filter((f) => f.ruleId === "privileged") ?? [];
    expect(found.map((f) => [f.line, f.container, f.field])).toEqual([
      [7, "[0]", "[#0].securityContext.privileged"],
    ]);
    // Read as a container, what it runs is known: Falco's driver loader keeps privileged mode.
    expect(found[0]?.fix).toBeUndefined();
    expect(found[0]?.remediation).toContain("This looks like a Falco runtime security sensor");
  });

  it("a define that is a pod spec whose containers other named templates write is a pod", () => {
    // As Kubescape's `node-agent.podSpec` (templates/node-agent/_node-agent.tpl): its
    // `securityContext` is the pod's, not a container's.
    const text = `{{- define "agent.podSpec" -}}
securityContext:
  appArmorProfile:
    type: Unconfined
serviceAccountName: agent
hostPID: true
containers:
{{ include "agent.container" . | trim | nindent 0 }}
{{- end -}}
`;
    const [result] = scan([{ path: "charts/agent/templates/_pod.tpl", text }], {
      charts: ["charts/agent"],
    });
    expect(result?.problems).toEqual([]);
    const found = result?.findings ?? [];
    expect(found.map((f) => [f.ruleId, f.line, f.container ?? null, f.field])).toEqual([
      ["host-namespaces", 6, null, "hostPID"],
      ["app-armor-profile", 4, null, "securityContext.appArmorProfile.type"],
    ]);
    expect(found[1]?.message).toMatch(/^Pod runs without the default AppArmor profile/);
    // Without a key only a pod spec has, a `containers` key written by an action is left alone.
    const config = text.replace("serviceAccountName: agent\nhostPID: true\n", "");
    const [other] = scan([{ path: "charts/agent/templates/_pod.tpl", text: config }], {
      charts: ["charts/agent"],
    });
    expect(other?.findings.map((f) => f.container)).toEqual(["securityContext"]);
  });

  it("a values block with an image mapping is not taken for a container", () => {
    const text =
      "agent:\n  name: agent\n  image: {repository: example/agent, tag: '1'}\n  securityContext:\n    privileged: true\n";
    expect(privileged(text, "charts/app/values.yaml").map((f) => f.container)).toEqual([
      "agent.securityContext",
    ]);
  });

  it("a values file with a `kind:` setting is still read as a fragment", () => {
    const text = "kind: DaemonSet\nsecurityContext:\n  privileged: true\n";
    expect(fieldsAndLines(text, "values.yaml")).toEqual(["3 securityContext.privileged"]);
  });

  it("a Kustomize strategic-merge patch with only the container name and securityContext", () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  template:
    spec:
      containers:
        - name: web
          securityContext:
            privileged: true
`;
    const found = privileged(text, "overlays/prod/patch.yaml");
    expect(found.map((f) => [f.line, f.identity])).toEqual([
      [
        11,
        "Deployment:/web>spec.template.spec.containers[web].securityContext.privileged>privileged",
      ],
    ]);
  });

  it("a patch that leaves out apiVersion still names its kind", () => {
    const text =
      "kind: DaemonSet\nmetadata: {name: agent}\nspec:\n  template:\n    spec:\n      containers:\n        - name: a\n          securityContext: {privileged: true}\n";
    expect(privileged(text).map((f) => f.identity)).toEqual([
      "DaemonSet:/agent>spec.template.spec.containers[a].securityContext.privileged>privileged",
    ]);
  });

  it("a patch is not a complete pod: restricted checks for missing settings stay quiet", () => {
    const text = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
        - name: web
          securityContext: {runAsUser: 1000}
`;
    const [result] = scan([{ path: "patch.yaml", text }], { level: "restricted" });
    expect(result?.findings.map((f) => f.ruleId)).toEqual([]);
  });
});

describe("how a finding names a container", () => {
  it("names an unnamed container by its place (the reports' container column too) and image, a named one by its name", () => {
    const task = `${header("tekton.dev/v1", "Task")}spec:\n  steps:\n    - name: ok\n      image: busybox\n    - image: "alp\`ine"\n      securityContext:\n        privileged: true\n    - securityContext: {privileged: true}\n`;
    expect(privileged(task).map((f) => [f.container, f.message.split(" runs ")[0]])).toEqual([
      ["spec.steps[1]", "The unnamed container `spec.steps[1]` (image ``alp`ine``)"],
      ["spec.steps[2]", "The unnamed container `spec.steps[2]`"],
    ]);
    // An unnamed container of a named template takes the template's name.
    const workflow = `${header("argoproj.io/v1alpha1", "Workflow")}spec:\n  templates:\n    - name: build\n      container:\n        image: docker:dind\n        securityContext: {privileged: true}\n`;
    expect(privileged(workflow)[0]?.message).toMatch(/^Container `build` runs privileged/);
  });
});
