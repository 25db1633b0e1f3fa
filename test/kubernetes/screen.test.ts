import { describe, expect, it } from "@jest/globals";
import jsyaml from "js-yaml";
import { scan } from "../../src/catalogue/index.js";
import { kubernetesKind } from "../../src/kubernetes/kubernetes-kind.js";
import { needsFullReading } from "../../src/kubernetes/screen.js";
import { linesProveNoFinding, screenLines } from "../../src/kubernetes/screen-lines.js";
import { treeMayHaveFindings } from "../../src/kubernetes/screen-tree.js";
import { KUBERNETES_RULES } from "../../src/rules/index.js";
import { POD_SECURITY_RULES } from "../../src/rules/pod-security/index.js";

const UNSCREENED = [kubernetesKind(KUBERNETES_RULES, { screen: false }, POD_SECURITY_RULES)];

/** The ids of the findings, checking that the screen changes nothing. */
function findings(text: string): string[] {
  const screened = scan([{ path: "m.yaml", text }], { fixes: false });
  const full = scan([{ path: "m.yaml", text }], { fixes: false }, UNSCREENED);
  expect(screened[0]?.findings).toEqual(full[0]?.findings);
  return (screened[0]?.findings ?? []).map((f) => f.ruleId);
}

/**
 * The answer of both judges: the line screen (plain block YAML, no parser) and the tree screen
 * (js-yaml's reading), which must agree wherever the line screen proves anything, and of the
 * whole screen. A "may" is true when the chunk needs the full reading.
 */
function judged(text: string): { lines: boolean; tree: boolean; screen: boolean } {
  const docs = jsyaml.loadAll(text, undefined, { schema: jsyaml.FAILSAFE_SCHEMA });
  return {
    lines: !linesProveNoFinding(text),
    tree: docs.some((d) => treeMayHaveFindings(d, text.length)),
    screen: needsFullReading(text, "baseline"),
  };
}

const container = (securityContext: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: c\n      image: x\n      securityContext:\n${securityContext}`;

describe("needsFullReading", () => {
  it("skips documents without any trigger, by either judge", () => {
    expect(judged(container("        runAsNonRoot: true\n"))).toEqual({
      lines: false,
      tree: false,
      screen: false,
    });
    expect(judged("a: 1\n")).toEqual({ lines: false, tree: false, screen: false });
    // The same, written so that only js-yaml can read it (an anchor and an alias).
    expect(judged("a: &x {b: 1}\nc: *x\n")).toEqual({ lines: true, tree: false, screen: false });
  });

  it("skips trigger words that are not keys: values and comments", () => {
    const text = container(
      "        runAsNonRoot: true\n      # was privileged: true\n      env:\n      - {name: MODE, value: hostNetwork}\n",
    );
    expect(judged(text)).toEqual({ lines: false, tree: false, screen: false });
  });

  it("reads in full every object the policy rules read, whatever keys it holds", () => {
    for (const text of [
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n",
      'apiVersion: v1\nkind: "Namespace"\nmetadata: {name: a}\n',
      "apiVersion: v1\nkind: List\nitems:\n- kind: Namespace\n  metadata: {name: a}\n",
      "apiVersion: apiserver.config.k8s.io/v1\nkind: AdmissionConfiguration\nplugins: []\n",
      "kind: PodSecurityConfiguration\nexemptions: {namespaces: [a]}\n",
    ]) {
      expect(judged(text)).toEqual({ lines: true, tree: true, screen: true });
    }
    // A value `Namespace` under another key is no object.
    expect(judged("apiVersion: v1\nkind: ConfigMap\ndata:\n  kind: Namespace2\n")).toEqual({
      lines: false,
      tree: false,
      screen: false,
    });
    const labelled =
      "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    pod-security.kubernetes.io/enforce: privileged\n";
    expect(findings(labelled)).toEqual(["pod-security-enforce-privileged"]);
  });

  it("reads in full every chunk that is not well-formed, whatever it holds", () => {
    for (const text of ["a: b: c\n", "a: [1\n", "a: 1\na: 2\n", "a: {b: 1, b: 2}\n"]) {
      expect(needsFullReading(text, "baseline")).toBe(true);
    }
  });

  it("skips documents whose only triggers are settings written the safe way", () => {
    const safe = [
      "        privileged: false\n",
      "        'privileged': \"false\"\n",
      "        seccompProfile:\n          type: RuntimeDefault\n        runAsNonRoot: true\n",
      "        seccompProfile: {type: RuntimeDefault}\n",
      "        procMount: Default\n",
      "        capabilities:\n          add:\n          - NET_BIND_SERVICE\n          - CHOWN\n          drop: [ALL]\n",
      "        capabilities:\n          add:\n            - 'NET_BIND_SERVICE'\n",
      '        capabilities: {add: [NET_BIND_SERVICE, "SETUID"]}\n',
      "        hostNetwork: false\n        capabilities:\n          add: []\n",
    ];
    for (const s of safe)
      expect(judged(container(s))).toMatchObject({ tree: false, screen: false });
    // The line screen proves the plain forms itself.
    for (const s of [safe[0], safe[2], safe[3], safe[4], safe[5], safe[8]]) {
      expect(judged(container(s ?? "")).lines).toBe(false);
    }
  });

  it("sends a chunk whose lines name a trigger to the full reading without a second judge", () => {
    // A trigger, even with a syntax error after it: the full reading decides and reports it.
    expect(screenLines(container("        privileged: true\n"))).toBe("trigger");
    expect(screenLines(container("        privileged: true\n      a: b: c\n"))).toBe("trigger");
    expect(screenLines("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n")).toBe("trigger");
    // A quoted capability is judged by its value, a quoted bracket is no flow list.
    expect(screenLines(container("        capabilities: {add: ['SYS_ADMIN']}\n"))).toBe("trigger");
    expect(screenLines(container('        capabilities:\n          add: "[]"\n'))).toBe("trigger");
    expect(screenLines(container("        capabilities: {add: ['CHOWN']}\n"))).toBe("clear");
    // Outside the subset (an anchor) before any trigger: not proven either way.
    expect(screenLines(container("        runAsUser: &u 1000\n        privileged: true\n"))).toBe(
      "unproven",
    );
    for (const text of [
      container("        privileged: true\n"),
      container("        privileged: true\n      a: b: c\n"),
    ]) {
      expect(needsFullReading(text, "baseline")).toBe(true);
    }
    expect(
      scan([{ path: "m.yaml", text: container("        privileged: true\n      a: b: c\n") }])[0]
        ?.problems,
    ).toHaveLength(1);
  });

  it("parses everything at restricted, where a left-out setting is a finding", () => {
    expect(needsFullReading("a: 1\n", "restricted")).toBe(true);
  });

  it.each([
    [
      "a repeated seccomp type (the last one wins)",
      "        seccompProfile:\n          type: RuntimeDefault\n          type: Unconfined\n",
    ],
    [
      "a repeated type after a blank and a comment line",
      "        seccompProfile:\n          type: RuntimeDefault\n\n          # later\n          type: Unconfined\n",
    ],
    ["a quoted key", '        "privileged": true\n'],
    ["an escaped key", '        "\\x70rivileged": true\n'],
    ["a \\u escape", '        "privil\\u0065ged": true\n'],
    ["privileged false then true", "        privileged: false\n        privileged: true\n"],
    [
      "a capability beyond the defaults",
      "        capabilities:\n          add:\n          - NET_BIND_SERVICE\n          - SYS_ADMIN\n",
    ],
    ["a capability spelt otherwise", "        capabilities:\n          add: [chown]\n"],
    [
      "a continuation line after a default capability",
      "        capabilities:\n          add:\n          - CHOWN\n            SYS_ADMIN\n",
    ],
    [
      "a second add list (the last one wins)",
      "        capabilities:\n          add:\n          - CHOWN\n          add: [SYS_ADMIN]\n",
    ],
    [
      "an item after a blank and a comment line",
      "        capabilities:\n          add:\n          - CHOWN\n\n          # more\n          - SYS_ADMIN\n",
    ],
    ["odd case, seen as a trigger", "        PRIVILEGED: true\n        privileged: on\n"],
    [
      "a seccomp profile with a second key",
      "        seccompProfile: {type: RuntimeDefault, x: y}\n",
    ],
    ["an empty seccomp profile", "        seccompProfile:\n        runAsNonRoot: true\n"],
    [
      "a capability list in a mapping",
      "        capabilities:\n          add:\n            a: CHOWN\n",
    ],
  ])("parses a document with %s", (_, securityContext) => {
    const text = container(securityContext);
    let docs: unknown[] = [];
    try {
      docs = jsyaml.loadAll(text, undefined, { schema: jsyaml.FAILSAFE_SCHEMA });
    } catch {
      // Not well-formed: only the whole screen is asked.
    }
    expect(needsFullReading(text, "baseline")).toBe(true);
    expect(linesProveNoFinding(text)).toBe(false);
    if (docs.length > 0) expect(docs.some((d) => treeMayHaveFindings(d, text.length))).toBe(true);
  });

  it.each([
    [
      "an explicit key with a comment before its colon",
      "  containers:\n    - name: c\n      image: x\n      readinessProbe:\n        httpGet:\n          ? host # the probe target\n          : 10.0.0.1\n          port: 80\n",
    ],
    [
      "capabilities added in flow style",
      '  containers:\n    - {name: c, image: x, securityContext: {capabilities: {"add" : [SYS_ADMIN]}}}\n',
    ],
    [
      "an escaped line break in a flow key",
      '  containers:\n    - {name: c, image: x, securityContext: {"privi\\\n      leged": true}}\n',
    ],
  ])("parses a document with %s", (_, spec) => {
    expect(
      needsFullReading(
        `apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n${spec}`,
        "baseline",
      ),
    ).toBe(true);
  });

  it("gives up on a walk that aliases make longer than the text", () => {
    const bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\nd: [*c, *c]\n";
    const [doc] = jsyaml.loadAll(bomb, undefined, { schema: jsyaml.FAILSAFE_SCHEMA });
    expect(treeMayHaveFindings(doc, 5)).toBe(true);
    expect(treeMayHaveFindings(doc, bomb.length)).toBe(false);
  });
});

describe("the screen hides no finding", () => {
  it("in the cases that could fool a text test", () => {
    expect(
      findings(
        container(
          "        capabilities:\n          add:\n          - CHOWN\n\n          # more\n          - SYS_ADMIN\n",
        ),
      ),
    ).toEqual(["capabilities-baseline"]);
    expect(
      findings(container("        capabilities:\n          add:\n          - NET_BIND_SERVICE\n")),
    ).toEqual([]);
    expect(
      findings(
        container(
          "        seccompProfile:\n          type: RuntimeDefault\n          type: Unconfined\n",
        ),
      ),
    ).toEqual(["seccomp-profile-baseline"]);
    expect(findings(container('        "\\x70rivileged": true\n'))).toEqual(["privileged"]);
    expect(findings(container("        privileged: false\n        privileged: true\n"))).toEqual([
      "privileged",
    ]);
    expect(
      findings(
        "apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: c\n      image: x\n      readinessProbe:\n        httpGet:\n          ? host # target\n          : 10.0.0.1\n          port: 80\n",
      ),
    ).toEqual(["host-probes-and-host-lifecycle"]);
  });
});
