import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/engine/index.js";
import { kubernetesKind } from "../../src/kubernetes/kubernetes-kind.js";
import { mayHaveFindings } from "../../src/kubernetes/screen.js";
import { KUBERNETES_RULES } from "../../src/rules/index.js";

const UNSCREENED = [kubernetesKind(KUBERNETES_RULES, { screen: false })];

/** The ids of the findings, checking that the screen changes nothing. */
function findings(text: string): string[] {
  const screened = scan([{ path: "m.yaml", text }], { fixes: false });
  const full = scan([{ path: "m.yaml", text }], { fixes: false }, UNSCREENED);
  expect(screened[0]?.findings).toEqual(full[0]?.findings);
  return (screened[0]?.findings ?? []).map((f) => f.ruleId);
}

const container = (securityContext: string) =>
  `apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n  containers:\n    - name: c\n      image: x\n      securityContext:\n${securityContext}`;

describe("mayHaveFindings", () => {
  it("skips documents without any trigger", () => {
    expect(mayHaveFindings(container("        runAsNonRoot: true\n"), "baseline")).toBe(false);
    expect(mayHaveFindings("a: 1\n", "baseline")).toBe(false);
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
    ];
    for (const s of safe) expect(mayHaveFindings(container(s), "baseline")).toBe(false);
  });

  it("parses everything at restricted, where a left-out setting is a finding", () => {
    expect(mayHaveFindings("a: 1\n", "restricted")).toBe(true);
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
  ])("parses a document with %s", (_, securityContext) => {
    expect(mayHaveFindings(container(securityContext), "baseline")).toBe(true);
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
      mayHaveFindings(`apiVersion: v1\nkind: Pod\nmetadata: {name: a}\nspec:\n${spec}`, "baseline"),
    ).toBe(true);
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
