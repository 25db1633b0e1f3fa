import { describe, expect, it } from "@jest/globals";
import { renderCompact } from "../../src/report/compact.js";
import { terminalSafeLine } from "../../src/report/terminal-safe.js";
import { summaryLine } from "../../src/report/text.js";
import { evaluateFiles } from "../support/evaluation.js";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  hostPID: true
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

describe("renderCompact", () => {
  it("prints path:line:col: severity rule: message per finding in file order, then problems, then the count line", () => {
    const evaluation = evaluateFiles({
      "k8s/z.yaml": POD,
      "k8s/a.yaml": POD,
      "k8s/broken.yaml": "spec:\n  containers:\n    - name: a\n      x: [\n",
    });
    const lines = renderCompact({ evaluation }).trimEnd().split("\n");
    const findings = [...evaluation.reported].sort(
      (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line,
    );
    const problem = evaluation.problems[0];
    expect(lines).toEqual([
      ...findings.map(
        (f) => `${f.path}:${f.line}:${f.column}: ${f.severity} ${f.ruleId}: ${f.message}`,
      ),
      `k8s/broken.yaml:${problem?.line}:${problem?.column}: error parse-error: ${problem?.message}`,
      summaryLine({ evaluation }),
    ]);
    expect(lines[0]).toMatch(
      /^k8s\/a\.yaml:6:3: critical host-namespaces: Pod shares the node.s PID namespace/,
    );
    expect(lines[1]).toMatch(
      /^k8s\/a\.yaml:11:9: critical privileged: Container `shell` runs privileged/,
    );
    expect(lines.join("\n")).not.toContain("\u001b[");
  });

  it("keeps each entry on one line and shows control characters from the files as escapes", () => {
    const evaluation = evaluateFiles({
      "k8s/evil\u001b[2J\nname.yaml": POD.replace("name: shell", 'name: "a\\nb\\u001b]0;x\\u0007"'),
    });
    const lines = renderCompact({ evaluation }).trimEnd().split("\n");
    expect(lines).toHaveLength(evaluation.reported.length + 1);
    const privileged = evaluation.reported.find((f) => f.ruleId === "privileged");
    expect(privileged?.message).toContain("\u001b]0;x\u0007");
    expect(lines).toContain(
      `k8s/evil\\x1b[2J\\nname.yaml:11:9: critical privileged: ${terminalSafeLine(privileged?.message ?? "-")}`,
    );
    expect(lines.join("\n")).toContain("\\x1b]0;x\\x07");
    const controls = [...lines.join("")].filter((ch) => ch.charCodeAt(0) < 0x20 && ch !== "\t");
    expect(controls).toEqual([]);
  });
});
