import { stripVTControlCharacters } from "node:util";
import { describe, expect, it } from "@jest/globals";
import { fixDiffText } from "../../src/report/fix-diff.js";
import type { RunReport } from "../../src/report/review-data.js";
import { renderText, summaryLine } from "../../src/report/text.js";
import { evaluateFiles, evaluationOf } from "../support/evaluation.js";

const TCPDUMP = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: netdebug
  namespace: payments
spec:
  template:
    spec:
      containers:
        - name: capture
          image: nicolaka/netshoot
          command: ["tcpdump", "-i", "any"]
          securityContext:
            privileged: true
          resources: {}
`;

const BROKEN = "spec:\n  containers:\n    - name: a\n      image: x\n        privileged: true\n";

function review(files: Record<string, string>, diff?: RunReport["diff"]): RunReport {
  return { evaluation: evaluateFiles(files), ...(diff ? { diff } : {}) };
}

describe("renderText", () => {
  it("shows a finding with line, severity, rule, message, resource, remediation and fix diff", () => {
    const files = { "deploy/netdebug.yaml": TCPDUMP };
    const out = renderText(review(files), { color: false });
    const lines = out.split("\n");
    expect(lines.slice(0, 4)).toEqual([
      "deploy/netdebug.yaml",
      "  14:13   critical privileged  Container `capture` runs privileged: all capabilities, no seccomp/AppArmor/SELinux confinement, all host devices.",
      "    in Deployment payments/netdebug",
      "    Remediation: Remove `privileged: true` and grant only the capabilities the workload needs under `capabilities.add`.",
    ]);
    expect(lines[4]).toMatch(
      /^ {4}Fix: Drop privileged mode and grant only NET_RAW and NET_ADMIN, which tcpdump and netshoot need\./,
    );
    const fix = review(files).evaluation.reported[0]?.fix;
    if (!fix) throw new Error("no fix");
    const hunks = fixDiffText(TCPDUMP, fix).trimEnd().split("\n");
    expect(lines.slice(5, 5 + hunks.length)).toEqual(hunks.map((l) => `      ${l}`));
    expect(hunks[0]).toMatch(/^@@ -\d+,\d+ \+\d+,\d+ @@$/);
    expect(hunks).toEqual(
      expect.arrayContaining([
        "-            privileged: true",
        "+                - NET_RAW",
        "+                - NET_ADMIN",
      ]),
    );
    expect(lines.slice(5 + hunks.length)).toEqual([
      "",
      "1 finding (1 critical); 1 file scanned; fails (1 at high or above).",
      "",
    ]);
  });

  it("groups by file in path order, entries by line, problems and accepted exceptions included", () => {
    const files = { "z.yaml": TCPDUMP, "a.yaml": BROKEN };
    const { evaluation } = review(files);
    const [finding] = evaluation.reported;
    if (!finding) throw new Error("no finding");
    const accepted = {
      finding: { ...finding, path: "a.yaml", line: 1 },
      reason: "reviewed by ops",
      source: "annotation" as const,
      requestedInThisPr: false,
    };
    const out = renderText(
      { evaluation: { ...evaluation, accepted: [accepted] } },
      { color: false },
    );
    const a = out.indexOf("a.yaml\n");
    const z = out.indexOf("z.yaml\n");
    expect(a).toBeGreaterThanOrEqual(0);
    expect(z).toBeGreaterThan(a);
    const aBlock = out.slice(a, z);
    expect(aBlock).toMatch(
      /^a\.yaml\n {2}1:13 {4}accepted privileged {2}Container `capture`.*\n {4}exception \(annotation\): reviewed by ops\n {2}4:\d+ +error {4}parse-error {2}.+\n {4}This file could not be checked/,
    );
    expect(out).toMatch(
      /1 finding \(1 critical\), 1 accepted exception, 1 file could not be checked \(1 problem\); 2 files scanned; fails \(1 at high or above, 1 file unchecked\)\.\n$/,
    );
  });

  it("shows a finding without the file's text, only without the diff", () => {
    const { evaluation } = review({ "pod.yaml": TCPDUMP });
    const out = renderText(
      { evaluation: { ...evaluation, headTexts: new Map() } },
      { color: false },
    );
    expect(out).toContain("Fix: Drop privileged mode");
    expect(out).not.toContain("@@");
  });

  it("colours only when asked", () => {
    const files = { "pod.yaml": TCPDUMP };
    const plain = renderText(review(files), { color: false });
    const coloured = renderText(review(files), { color: true });
    expect(plain).not.toContain("\u001b[");
    expect(coloured).toContain("\u001b[31m"); // red
    expect(stripVTControlCharacters(coloured)).toBe(plain);
  });

  it("describes a diff: compared revisions, new, pre-existing and resolved counts", () => {
    const files = { "pod.yaml": TCPDUMP };
    const diff = { base: "origin/main", head: "working tree", mergeBase: "0123456789abcdef0123" };
    const { evaluation } = review(files);
    const [f] = evaluation.reported;
    if (!f) throw new Error("no finding");
    const out = renderText(
      { evaluation: { ...evaluation, existing: [f, f], resolved: [f] }, diff },
      { color: false },
    );
    expect(
      out.startsWith("Changes from origin/main (merge base 0123456789ab) to working tree\n\n"),
    ).toBe(true);
    expect(out).toMatch(
      /1 new finding \(1 critical\), 2 pre-existing findings not reported, 1 resolved; 1 changed file checked; fails \(1 at high or above\)\.\n$/,
    );
  });
});

describe("summaryLine", () => {
  const empty = { evaluation: evaluationOf({ files: 3 }) };

  it("says when there is nothing to report", () => {
    expect(summaryLine(empty)).toBe(
      "No findings; 3 files scanned; passes (fails on high or above).",
    );
    const [f] = review({ "p.yaml": TCPDUMP }).evaluation.reported;
    if (!f) throw new Error("no finding");
    expect(
      summaryLine({
        evaluation: evaluationOf({ files: 1, existing: [f] }),
        diff: { base: "main", head: "HEAD", mergeBase: "x" },
      }),
    ).toBe(
      "No new findings, 1 pre-existing finding not reported, 0 resolved; 1 changed file checked; passes (fails on high or above).",
    );
  });

  it("counts findings by severity, most severe first", () => {
    const [f] = review({ "p.yaml": TCPDUMP }).evaluation.reported;
    if (!f) throw new Error("no finding");
    const findings = [
      { ...f, severity: "low" as const },
      f,
      { ...f, severity: "high" as const },
      f,
    ];
    expect(summaryLine({ evaluation: evaluationOf({ files: 3, reported: findings }) })).toBe(
      "4 findings (2 critical, 1 high, 1 low); 3 files scanned; fails (3 at high or above).",
    );
    expect(
      summaryLine({ evaluation: evaluationOf({ files: 1, reported: [findings[0] ?? f] }) }),
    ).toBe("1 finding (1 low); 1 file scanned; passes (fails on high or above).");
  });
});

describe("fixDiffText", () => {
  it("diffs a fix in the file's line numbers, whatever its line endings", () => {
    const fix = review({ "p.yaml": TCPDUMP }).evaluation.reported[0]?.fix;
    if (!fix) throw new Error("no fix");
    const lf = fixDiffText(TCPDUMP, fix);
    expect(lf.startsWith("@@ -12,4 +12,7 @@\n")).toBe(true);
    expect(fixDiffText(TCPDUMP.replace(/\n/g, "\r\n"), fix)).toBe(lf);
  });

  it("shows a fix of a last line without a newline without inventing one", () => {
    const text = "a: 1\nsecurityContext:\n  privileged: true";
    const fix = { line: 3, endLine: 3, text: "  privileged: false\n", description: "", trades: [] };
    expect(fixDiffText(text, fix, 1)).toBe(
      [
        "@@ -2,2 +2,2 @@",
        " securityContext:",
        "-  privileged: true",
        "\\ No newline at end of file",
        "+  privileged: false",
        "\\ No newline at end of file",
        "",
      ].join("\n"),
    );
  });

  it("shows a fix that deletes lines, or inserts them at the top", () => {
    const text = "a: 1\nb: 2\nc: 3\n";
    expect(
      fixDiffText(text, { line: 2, endLine: 2, text: "", description: "", trades: [] }, 1),
    ).toBe("@@ -1,3 +1,2 @@\n a: 1\n-b: 2\n c: 3\n");
    expect(
      fixDiffText(
        text,
        { line: 1, endLine: 1, text: "z: 0\na: 1\n", description: "", trades: [] },
        0,
      ),
    ).toBe("@@ -0,0 +1,1 @@\n+z: 0\n");
  });
});
