/**
 * YAML read the way kubectl reads it (go-yaml v2: YAML 1.1, merge keys, one document per `---`),
 * observed through the `privileged` rule: where each setting is found, and where nothing is.
 */
import { describe, expect, it } from "@jest/globals";
import { applyLineFix, scan } from "../../src/catalogue/index.js";
import type { FileResult } from "../../src/core/types.js";
import { LineIndex } from "../../src/yaml/line-index.js";

function scanOne(text: string, path = "manifest.yaml"): FileResult {
  const [result] = scan([{ path, text }]);
  if (!result) throw new Error("no result");
  return result;
}

/** `line:column-endLine:endColumn container` of each privileged finding. */
function privilegedSpans(text: string, path?: string): string[] {
  const result = scanOne(text, path);
  expect(result.problems).toEqual([]);
  return result.findings
    .filter((f) => f.ruleId === "privileged")
    .map((f) => `${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.container}`);
}

const pod = (name: string, value: string, container = "app") =>
  `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
    - name: ${container}
      image: nginx
      securityContext:
        privileged: ${value}
`;

describe("documents", () => {
  it("finds settings in every document of a stream, at their own lines", () => {
    const text = `${pod("a", "true")}---\n${pod("b", "false")}---\n${pod("c", "true")}`;
    // Each pod is 10 lines; the markers are lines 11 and 22.
    expect(privilegedSpans(text)).toEqual(["10:9-10:24 app", "32:9-32:24 app"]);
    const ids = scanOne(text).findings.map((f) => f.identity);
    expect(ids).toEqual([
      "Pod:/a>spec.containers[app].securityContext.privileged>privileged",
      "Pod:/c>spec.containers[app].securityContext.privileged>privileged",
    ]);
  });

  it("offers a fix that appends to the end of a document followed by another", () => {
    const text = `${pod("a", "false")}---\n${pod("b", "false")}`;
    const [result] = scan([{ path: "m.yaml", text }], { level: "restricted" });
    const finding = result?.findings.find((f) => f.ruleId === "allow-privilege-escalation");
    if (!finding?.fix) throw new Error("expected a fix");
    // A pure insertion after the document's last line: the fix is that line, not the `---`.
    expect([finding.line, finding.fix.line, finding.fix.endLine]).toEqual([9, 10, 10]);
    const fixed = applyLineFix(text, new LineIndex(text), finding.fix);
    expect(fixed).toBe(
      text.replace(
        "        privileged: false\n---",
        "        privileged: false\n        allowPrivilegeEscalation: false\n---",
      ),
    );
  });

  it("reads a document that starts with `--- # comment` (as helm template writes)", () => {
    const text = `--- # Source: chart/templates/pod.yaml\n${pod("a", "true")}`;
    expect(privilegedSpans(text)).toEqual(["11:9-11:24 app"]);
  });

  it("reads a document after a `...` end marker and keeps directives with their document", () => {
    const text = `${pod("a", "false")}...\n%YAML 1.1\n---\n${pod("b", "true")}`;
    expect(privilegedSpans(text)).toEqual(["23:9-23:24 app"]);
  });

  it("reads a leading byte-order mark as nothing", () => {
    expect(privilegedSpans(`\uFEFF${pod("a", "true")}`)).toEqual(["10:9-10:24 app"]);
    expect(privilegedSpans(`\uFEFF---\n${pod("a", "true")}`)).toEqual(["11:9-11:24 app"]);
  });
});

describe("YAML 1.1 scalars", () => {
  it.each([
    ["true", 24],
    ["True", 24],
    ["TRUE", 24],
    ["yes", 23],
    ["Yes", 23],
    ["on", 22],
    ["ON", 22],
    ["y", 21],
    ["Y", 21],
  ])("`privileged: %s` is true", (value, endColumn) => {
    expect(privilegedSpans(pod("a", value))).toEqual([`10:9-10:${endColumn} app`]);
  });

  it.each(["false", "no", "off", "n", '"true"', "'yes'", "!!str true", "~", "1"])(
    "`privileged: %s` is not true",
    (value) => {
      expect(privilegedSpans(pod("a", value))).toEqual([]);
    },
  );

  it("reads 1.1 even under a `%YAML 1.2` directive (go-yaml v2 knows no other version)", () => {
    expect(privilegedSpans(`%YAML 1.2\n---\n${pod("a", "yes")}`)).toEqual(["12:9-12:23 app"]);
  });

  it("does not take a commented-out setting", () => {
    const text = pod("a", "false # was: true").replace(
      "        privileged",
      "        # privileged: true\n        privileged",
    );
    expect(privilegedSpans(text)).toEqual([]);
  });
});

describe("anchors, aliases and merge keys", () => {
  it("reports a setting reached through an alias where the alias is used", () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: a}
x-defaults:
  context: &priv
    privileged: true
spec:
  containers:
    - name: one
      image: x
      securityContext: *priv
    - name: two
      image: x
      securityContext:
        <<: *priv
        runAsUser: 1000
    - name: three
      image: x
      securityContext:
        <<: [{runAsUser: 1}, *priv]
`;
    // The anchor itself sits outside any container: no finding on line 6.
    expect(privilegedSpans(text)).toEqual([
      "11:24-11:28 one",
      "15:9-15:17 two",
      "20:9-20:35 three",
    ]);
    // A value shared through an alias is not edited in place.
    expect(scanOne(text).findings.every((f) => f.fix === undefined)).toBe(true);
  });

  it("lets an own key override a merged one, and the first merge source win", () => {
    const text = `apiVersion: v1
kind: Pod
metadata: {name: a}
base: &base {privileged: true}
safe: &safe {privileged: false}
spec:
  containers:
    - name: own
      image: x
      securityContext:
        <<: *base
        privileged: false
    - name: first
      image: x
      securityContext:
        <<: [*safe, *base]
    - name: second
      image: x
      securityContext:
        <<: [*base, *safe]
`;
    expect(privilegedSpans(text)).toEqual(["20:9-20:26 second"]);
  });

  it("follows an aliased container list", () => {
    const text = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Pod
    metadata: {name: a}
    spec:
      containers: &list
        - name: c
          image: x
          securityContext: {privileged: true}
  - apiVersion: v1
    kind: Pod
    metadata: {name: b}
    spec:
      containers: *list
`;
    expect(privilegedSpans(text)).toEqual(["11:29-11:44 c", "16:19-16:23 c"]);
  });
});

describe("JSON manifests", () => {
  const object = (name: string) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name },
    spec: { containers: [{ name: "c", image: "x", securityContext: { privileged: true } }] },
  });

  it("reads a single object, pretty-printed", () => {
    const text = `${JSON.stringify(object("a"), null, 2)}\n`;
    expect(privilegedSpans(text, "pod.json")).toEqual(["13:11-13:28 c"]);
  });

  it("reads a kind: List", () => {
    const text = JSON.stringify({ apiVersion: "v1", kind: "List", items: [object("a")] }, null, 2);
    expect(privilegedSpans(text, "list.json")).toEqual(["17:15-17:32 c"]);
  });

  it("reads a stream of objects, as kubectl does", () => {
    const text = `${JSON.stringify(object("a"))}\n${JSON.stringify(object("b"))}\n`;
    expect(privilegedSpans(text, "pods.json")).toEqual(["1:122-1:138 c", "2:122-2:138 c"]);
    expect(scanOne(text, "pods.json").findings.map((f) => f.resource?.name)).toEqual(["a", "b"]);
  });

  it("offers a fix written as JSON", () => {
    const text = `${JSON.stringify(object("a"), null, 2)}\n`;
    const [finding] = scanOne(text, "pod.json").findings;
    if (!finding?.fix) throw new Error("expected a fix");
    const fixed = applyLineFix(text, new LineIndex(text), finding.fix);
    // Still JSON, in the file's layout, with the setting gone (and its emptied context with it).
    expect(JSON.parse(fixed).spec.containers[0]).toEqual({ name: "c", image: "x" });
    expect(fixed).toContain('\n      {\n        "name": "c",\n        "image": "x"\n      }\n');
    expect(privilegedSpans(fixed, "pod.json")).toEqual([]);
  });
});

describe("CRLF line endings", () => {
  const crlf = pod("a", "true").replace(/\n/g, "\r\n");

  it("gives the same positions as LF (the span ends before the \\r)", () => {
    expect(privilegedSpans(crlf)).toEqual(["10:9-10:24 app"]);
  });

  it("applies a fix in the file's own line endings", () => {
    const text = crlf.replace(
      "        privileged: true\r\n",
      "        privileged: true\r\n        runAsUser: 1000\r\n",
    );
    const [finding] = scanOne(text).findings.filter((f) => f.ruleId === "privileged");
    if (!finding?.fix) throw new Error("expected a fix");
    expect(finding.fix.text).not.toContain("\r");
    const fixed = applyLineFix(text, new LineIndex(text), finding.fix);
    expect(fixed).toBe(text.replace("        privileged: true\r\n", ""));
    expect(fixed.replace(/\r\n/g, "")).not.toContain("\n");
    expect(privilegedSpans(fixed)).toEqual([]);
  });
});

describe("lone CR line endings (YAML's b-break, as kubectl reads them)", () => {
  // What `printf 'apiVersion: v1\rkind: Pod\r...privileged: true\r'` writes.
  const cr = pod("a", "true").replace(/\n/g, "\r");

  it("reads the file and reports each setting at its line", () => {
    expect(privilegedSpans(cr)).toEqual(["10:9-10:24 app"]);
    const index = new LineIndex(cr);
    expect(index.lineCount).toBe(11);
    expect(cr.slice(index.lineStart(10), index.lineEnd(10))).toBe("        privileged: true\r");
  });

  it("reads a stream mixing CR, LF and CRLF, and its document markers", () => {
    const text = `${pod("a", "true").replace(/\n/g, "\r")}---\r\n${pod("b", "true").replace(/\n/g, "\r\n")}`;
    expect(privilegedSpans(text)).toEqual(["10:9-10:24 app", "21:9-21:24 app"]);
  });

  it("applies a fix in the file's own line endings", () => {
    const text = cr.replace(
      "        privileged: true\r",
      "        privileged: true\r        runAsUser: 1000\r",
    );
    const [finding] = scanOne(text).findings.filter((f) => f.ruleId === "privileged");
    if (!finding?.fix) throw new Error("expected a fix");
    expect([finding.line, finding.fix.line]).toEqual([10, 10]);
    expect(finding.fix.text).not.toContain("\r");
    const fixed = applyLineFix(text, new LineIndex(text), finding.fix);
    expect(fixed).toBe(text.replace("        privileged: true\r", ""));
    expect(fixed).not.toContain("\n");
    expect(privilegedSpans(fixed)).toEqual([]);
  });

  it("keeps a CR inside a quoted scalar a line break, folded as YAML folds it", () => {
    const text = 'apiVersion: v1\rkind: ConfigMap\rdata:\r  note: "one\r  two"\r';
    expect(scanOne(text).problems).toEqual([]);
  });
});

describe("not findings", () => {
  it.each([
    [
      "a ConfigMap holding manifest text",
      `apiVersion: v1
kind: ConfigMap
metadata: {name: c}
data:
  pod.yaml: |
    apiVersion: v1
    kind: Pod
    spec:
      containers:
        - name: x
          securityContext:
            privileged: true
`,
    ],
    [
      "a Secret holding a manifest as structured data",
      `apiVersion: v1
kind: Secret
metadata: {name: s}
stringData:
  spec:
    containers:
      - name: x
        securityContext: {privileged: true}
`,
    ],
    [
      "a CRD schema declaring the property",
      `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: agents.example.com}
spec:
  group: example.com
  versions:
    - name: v1
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              properties:
                containers:
                  type: array
                  items:
                    properties:
                      securityContext:
                        properties:
                          privileged: {type: boolean, default: true}
`,
    ],
    [
      "a Kyverno policy pattern",
      `apiVersion: kyverno.io/v1
kind: ClusterPolicy
metadata: {name: disallow-privileged}
spec:
  rules:
    - name: privileged-containers
      match: {any: [{resources: {kinds: [Pod]}}]}
      validate:
        pattern:
          spec:
            =(initContainers):
              - =(securityContext):
                  =(privileged): "false"
            containers:
              - securityContext:
                  privileged: true
`,
    ],
    [
      "a Gatekeeper constraint and template",
      `apiVersion: templates.gatekeeper.sh/v1
kind: ConstraintTemplate
metadata: {name: k8spspprivilegedcontainer}
spec:
  crd:
    spec:
      names: {kind: K8sPSPPrivilegedContainer}
  targets:
    - target: admission.k8s.gatekeeper.sh
      rego: |
        violation[{"msg": msg}] { c.securityContext.privileged }
---
apiVersion: constraints.gatekeeper.sh/v1beta1
kind: K8sPSPPrivilegedContainer
metadata: {name: psp-privileged-container}
spec:
  match:
    kinds: [{apiGroups: [""], kinds: [Pod]}]
  parameters:
    containers:
      - securityContext: {privileged: true}
`,
    ],
    [
      "GKE Autopilot's allowlist of a partner workload (what the pods it admits must match)",
      `apiVersion: auto.gke.io/v1
kind: WorkloadAllowlist
metadata: {name: agent-1.0}
exemptions:
  - autogke-disallow-privilege
matchingCriteria:
  hostPID: true
  containers:
    - name: agent
      image: ^example\\.com/agent$
      securityContext:
        privileged: true
`,
    ],
    [
      // New Relic's charts test the option this way (nr-k8s-otel-collector/tests/notes_test.yaml).
      "a helm-unittest suite that renders the chart with a privileged container",
      `suite: test the daemonset's security context
templates:
  - templates/daemonset.yaml
tests:
  - it: renders privileged when asked
    set:
      daemonset:
        containerSecurityContext:
          privileged: true
    asserts:
      - equal:
          path: spec.template.spec.containers[0].securityContext.privileged
          value: true
`,
    ],
  ])("%s", (_, text) => {
    expect(privilegedSpans(text)).toEqual([]);
  });

  it("reads a document with a `tests` list that is not a helm-unittest suite", () => {
    const text = `tests:
  - name: smoke
    securityContext:
      privileged: true
`;
    expect(privilegedSpans(text, "charts/app/values.yaml")).toHaveLength(1);
  });
});
