import { describe, expect, it } from "@jest/globals";
import { renderJson, renderJsonPieces } from "../../src/report/json.js";
import type { RunReport } from "../../src/report/review-data.js";
import { evaluateFiles, evaluationOf } from "../support/evaluation.js";
import { PRIVILEGED_POD as POD } from "../support/manifests.js";

function review(): RunReport {
  const evaluation = evaluateFiles({
    "pod.yaml": POD,
    "bad.yaml": "spec:\n  containers:\n    - name: a\n      image: x\n        privileged: true\n",
  });
  return { evaluation };
}

/** A finding of the JSON with its rule's texts taken from `rules` where it leaves them out. */
function withRuleTexts(f: object, rules: Record<string, Record<string, string>>): object {
  const { ruleId } = f as { ruleId: string };
  return { ...rules[ruleId], ...f };
}

describe("renderJson", () => {
  it("prints findings (the engine's, their rule's texts in rules), accepted and problems", () => {
    const data = review();
    const json = JSON.parse(renderJson(data));
    expect(Object.keys(json)).toEqual([
      "findings",
      "accepted",
      "problems",
      "files",
      "level",
      "verdict",
      "rules",
    ]);
    expect(json.findings.map((f: object) => withRuleTexts(f, json.rules))).toEqual(
      JSON.parse(JSON.stringify(data.evaluation.reported)),
    );
    expect(json.verdict).toEqual({
      conclusion: "failure",
      fails: true,
      failOn: "high",
      onUnreadable: "failure",
      failing: 1,
      unreadFiles: ["bad.yaml"],
    });
    const [finding] = json.findings;
    for (const key of ["ruleId", "pss", "severity", "path", "line", "endLine", "message"])
      expect(finding).toHaveProperty(key);
    expect(finding.fix).toEqual(
      expect.objectContaining({
        line: expect.any(Number),
        endLine: expect.any(Number),
        text: expect.any(String),
      }),
    );
    expect(json.problems).toEqual([
      {
        path: "bad.yaml",
        code: "parse-error",
        message: expect.any(String),
        line: 4,
        column: expect.any(Number),
      },
    ]);
  });

  it("gives each rule's texts once, in rules, and a finding's own only where they differ", () => {
    const pods = Array.from({ length: 20 }, (_, i) =>
      POD.replace("name: debug", `name: debug-${i}`),
    );
    const { evaluation } = review();
    const reported = evaluateFiles({ "pods.yaml": pods.join("---\n") }).reported;
    const [first, ...rest] = reported;
    if (!first) throw new Error("no finding");
    const own = { ...first, explanation: "Said of this finding alone." };
    const accepted = {
      finding: rest[0] ?? first,
      reason: "a node agent",
      source: "config" as const,
      requestedInThisPr: false,
    };
    const report = {
      evaluation: { ...evaluation, reported: [own, ...rest], accepted: [accepted] },
    };
    const text = renderJson(report);
    const json = JSON.parse(text);
    expect(Object.keys(json.rules)).toEqual([...new Set(reported.map((f) => f.ruleId))]);
    expect(json.rules[first.ruleId]).toEqual({
      explanation: own.explanation,
      exception: first.exception,
    });
    // The first finding gave its rule's entry; the others differ in explanation and keep theirs.
    expect(json.findings[0]).not.toHaveProperty("explanation");
    expect(json.findings[1].explanation).toBe(first.explanation);
    expect(json.findings[1]).not.toHaveProperty("exception");
    expect(json.accepted[0].finding).not.toHaveProperty("exception");
    expect(text.split(first.exception).length - 1).toBe(1);
    // Nothing is lost: each finding reads back whole with its rule's texts.
    expect(json.findings.map((f: object) => withRuleTexts(f, json.rules))).toEqual(
      JSON.parse(JSON.stringify([own, ...rest])),
    );
    expect(withRuleTexts(json.accepted[0].finding, json.rules)).toEqual(
      JSON.parse(JSON.stringify(accepted.finding)),
    );
  });

  it("adds a diff's counts and revisions", () => {
    const diff = { base: "main", head: "working tree", mergeBase: "abc" };
    const { evaluation } = review();
    const [f] = evaluation.reported;
    if (!f) throw new Error("no finding");
    const json = JSON.parse(
      renderJson({ evaluation: { ...evaluation, existing: [f, f, f], resolved: [f] }, diff }),
    );
    expect(json).toMatchObject({
      existing: 3,
      resolved: 1,
      base: "main",
      head: "working tree",
      mergeBase: "abc",
    });
  });

  it("ends with a newline, pretty-printed", () => {
    const out = renderJson({ evaluation: evaluationOf({}) });
    expect(out.startsWith('{\n  "findings": [],\n  "accepted": [],\n')).toBe(true);
    expect(out.endsWith("\n}\n")).toBe(true);
  });
  it("is handed out in pieces that join to exactly JSON.stringify(report, null, 2)", () => {
    const pods = Array.from({ length: 300 }, (_, i) =>
      POD.replace("name: debug", `name: debug-${i}`),
    );
    const evaluation = evaluateFiles({ "pods.yaml": pods.join("---\n"), "bad.yaml": "a: [\n" });
    const diff = { base: "main", head: "working tree", mergeBase: "abc" };
    for (const report of [{ evaluation }, { evaluation, diff }, { evaluation: evaluationOf({}) }]) {
      const pieces = [...renderJsonPieces(report)];
      const text = pieces.join("");
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(text).toBe(renderJson(report));
      // No piece holds the whole report once it is large: a piece stops after about 64 KiB.
      const longest = Math.max(...pieces.map((p) => p.length));
      expect(longest).toBeLessThan(64 * 1024 + 16 * 1024);
    }
    expect(evaluation.reported.length).toBe(300);
    expect([...renderJsonPieces({ evaluation })].length).toBeGreaterThan(2);
  });
});
