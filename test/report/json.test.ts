import { describe, expect, it } from "@jest/globals";
import { scan } from "../../src/engine/index.js";
import { renderJson } from "../../src/report/json.js";
import type { ReviewData } from "../../src/report/review-data.js";

const POD = `apiVersion: v1
kind: Pod
metadata:
  name: debug
spec:
  containers:
    - name: shell
      image: busybox:1.36
      securityContext:
        privileged: true
`;

function review(): ReviewData {
  const results = scan([
    { path: "pod.yaml", text: POD },
    {
      path: "bad.yaml",
      text: "spec:\n  containers:\n    - name: a\n      image: x\n        privileged: true\n",
    },
  ]);
  return {
    findings: results.flatMap((r) => r.findings),
    accepted: [],
    problems: results.flatMap((r) => r.problems),
    files: 2,
  };
}

describe("renderJson", () => {
  it("prints findings (the engine's, unchanged), accepted and problems", () => {
    const data = review();
    const json = JSON.parse(renderJson(data));
    expect(Object.keys(json)).toEqual(["findings", "accepted", "problems", "files"]);
    expect(json.findings).toEqual(JSON.parse(JSON.stringify(data.findings)));
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

  it("adds a diff's counts and revisions", () => {
    const diff = { base: "main", head: "working tree", mergeBase: "abc", existing: 3, resolved: 1 };
    const json = JSON.parse(renderJson({ ...review(), diff }));
    expect(json).toMatchObject({
      existing: 3,
      resolved: 1,
      base: "main",
      head: "working tree",
      mergeBase: "abc",
    });
  });

  it("ends with a newline, pretty-printed", () => {
    const out = renderJson({ findings: [], accepted: [], problems: [], files: 0 });
    expect(out).toBe(
      '{\n  "findings": [],\n  "accepted": [],\n  "problems": [],\n  "files": 0\n}\n',
    );
  });
});
