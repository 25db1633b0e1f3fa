import { describe, expect, it } from "@jest/globals";
import { hunkContaining, hunkShowsRange, parsePatch } from "../../src/diff/parse-patch.js";
import { type Placement, placeFindings } from "../../src/diff/place-findings.js";
import {
  byRule,
  change,
  HOST_NAMESPACES_POD,
  hardenedContext,
  only,
  PRIVILEGED,
  tcpdumpDeployment,
} from "./scenarios.js";

/** The property GitHub enforces: every line of an inline comment is a RIGHT line of one hunk. */
function expectCommentable(p: Placement, patches: ReadonlyMap<string, string | undefined>): void {
  if (p.kind !== "inline") return;
  const hunks = parsePatch(patches.get(p.finding.path) ?? "");
  const hunk = hunkContaining(hunks, p.line);
  expect(hunk).not.toBeNull();
  if (hunk) expect(hunkShowsRange(hunk, p.startLine, p.line)).toBe(true);
  expect(p.startLine).toBeLessThanOrEqual(p.line);
}

describe("placeFindings with real engine findings", () => {
  it("comments on the added privileged line with the fix as a suggestion", () => {
    const path = "k8s/sniffer.yaml";
    const c = change([{ path, base: tcpdumpDeployment(), head: tcpdumpDeployment(PRIVILEGED) }]);
    const finding = byRule(c.result.introduced, "privileged");
    expect(finding.fix).toMatchObject({ line: finding.line, endLine: finding.line });
    const [p] = placeFindings(c.result.introduced, c.patches);
    expect(p).toMatchObject({ kind: "inline", startLine: 26, line: 26, suggestion: true });
    if (p?.kind === "inline") expect(p.currentLines).toEqual(["            privileged: true"]);
    if (p) expectCommentable(p, c.patches);
  });

  it("widens the comment to the fix's lines when the fix covers more and lies in the hunk", () => {
    const path = "k8s/sniffer.yaml";
    const base = tcpdumpDeployment(
      "          securityContext:\n            capabilities:\n              drop: [ALL]\n",
    );
    const head = tcpdumpDeployment(
      "          securityContext:\n            privileged: true\n            capabilities:\n              drop: [ALL]\n",
    );
    const c = change([{ path, base, head }]);
    const finding = byRule(c.result.introduced, "privileged");
    expect(finding.line).toBe(26);
    expect(finding.fix).toMatchObject({ line: 26, endLine: 28 });
    const p = only(placeFindings([finding], c.patches));
    expect(p).toMatchObject({ kind: "inline", startLine: 26, line: 28, suggestion: true });
    expectCommentable(p, c.patches);
  });

  it("keeps the comment on the finding without a suggestion when the fix runs past the hunk", () => {
    const path = "k8s/sniffer.yaml";
    const base = tcpdumpDeployment(hardenedContext());
    const head = tcpdumpDeployment(hardenedContext("            privileged: true\n"));
    const c = change([{ path, base, head }]);
    const finding = byRule(c.result.introduced, "privileged");
    const fix = finding.fix;
    if (!fix) throw new Error("the engine offers a fix");
    expect(fix.endLine).toBeGreaterThan(finding.line + 3);
    const hunk = hunkContaining(parsePatch(c.patches.get(path) ?? ""), finding.line);
    expect(hunk && hunkShowsRange(hunk, fix.line, fix.endLine)).toBe(false);
    const p = only(placeFindings([finding], c.patches));
    expect(p).toMatchObject({ kind: "inline", startLine: 26, line: 26, suggestion: false });
    expectCommentable(p, c.patches);
  });

  it("places a finding outside when its line is not in any hunk", () => {
    // Renaming the Deployment gives its privileged container a new identity: the finding is new,
    // but its line is far from the only hunk (the name).
    const path = "k8s/sniffer.yaml";
    const c = change([
      {
        path,
        base: tcpdumpDeployment(PRIVILEGED),
        head: tcpdumpDeployment(PRIVILEGED, "sniffer-v2"),
      },
    ]);
    const finding = byRule(c.result.introduced, "privileged");
    expect(placeFindings([finding], c.patches)).toEqual([
      { kind: "outside", finding, reason: "not-in-hunk" },
    ]);
  });

  it("places findings of a file without a patch (large or binary diff) outside", () => {
    const path = "k8s/debug.yaml";
    const c = change([{ path, head: HOST_NAMESPACES_POD }]);
    expect(c.result.introduced.length).toBeGreaterThan(0);
    const noPatch = new Map([[path, undefined]]);
    for (const p of placeFindings(c.result.introduced, noPatch)) {
      expect(p).toMatchObject({ kind: "outside", reason: "no-patch" });
    }
    expect(placeFindings(c.result.introduced, new Map())[0]).toMatchObject({ reason: "no-patch" });
  });

  it("places every finding of an added file inline, each on its own line", () => {
    const path = "k8s/debug.yaml";
    const c = change([{ path, head: HOST_NAMESPACES_POD }]);
    const placements = placeFindings(c.result.introduced, c.patches);
    expect(placements.map((p) => p.kind)).toEqual(c.result.introduced.map(() => "inline"));
    for (const p of placements) expectCommentable(p, c.patches);
    expect(placements.map((p) => (p.kind === "inline" ? p.line : 0)).sort()).toEqual([7, 8]);
  });

  it("comments on the finding's own lines when the fix lies elsewhere (restricted level)", () => {
    const path = "k8s/debug.yaml";
    const c = change([{ path, head: HOST_NAMESPACES_POD }], "restricted");
    const placements = placeFindings(c.result.introduced, c.patches);
    for (const p of placements) expectCommentable(p, c.patches);
    const ape = placements.find((p) => p.finding.ruleId === "allow-privilege-escalation");
    if (ape?.kind !== "inline") throw new Error("expected an inline placement");
    const fix = ape.finding.fix;
    expect(fix && fix.line > ape.finding.endLine).toBe(true);
    expect(ape).toMatchObject({ startLine: ape.finding.line, line: ape.finding.endLine });
    expect(ape.suggestion).toBe(false);
  });

  it("spans a multi-line finding with start_line < line, without a suggestion for a partial fix", () => {
    const path = "k8s/sniffer.yaml";
    const head = tcpdumpDeployment(PRIVILEGED);
    const c = change([{ path, head }], "restricted");
    const multi = c.result.introduced.filter((f) => f.endLine > f.line);
    expect(multi.length).toBeGreaterThan(0);
    for (const p of placeFindings(multi, c.patches)) {
      expectCommentable(p, c.patches);
      expect(p).toMatchObject({
        kind: "inline",
        startLine: p.finding.line,
        line: p.finding.endLine,
      });
      if (p.kind === "inline" && p.finding.fix) {
        const fix = p.finding.fix;
        expect(p.suggestion).toBe(fix.line === p.startLine && fix.endLine === p.line);
      }
    }
  });

  it("places a finding outside when its start and end lie in different hunks", () => {
    const context = (user: string, privileged: string) => `          securityContext:
            runAsUser: ${user}
            runAsGroup: 1000
            readOnlyRootFilesystem: true
            seccompProfile:
              type: RuntimeDefault
            capabilities:
              drop: [ALL]
            procMount: Default
            windowsOptions: {}
            privileged: ${privileged}
`;
    const path = "k8s/sniffer.yaml";
    const c = change(
      [
        {
          path,
          base: tcpdumpDeployment(context("1000", "false"), "a"),
          head: tcpdumpDeployment(context("2000", "true"), "b"),
        },
      ],
      "restricted",
    );
    const hunks = parsePatch(c.patches.get(path) ?? "");
    expect(hunks).toHaveLength(3);
    const ape = byRule(c.result.introduced, "allow-privilege-escalation");
    const first = hunkContaining(hunks, ape.line);
    const last = hunkContaining(hunks, ape.endLine);
    expect(first).not.toBeNull();
    expect(last).not.toBeNull();
    expect(first).not.toBe(last);
    expect(placeFindings([ape], c.patches)).toEqual([
      { kind: "outside", finding: ape, reason: "not-in-hunk" },
    ]);
    const privileged = only(placeFindings([byRule(c.result.introduced, "privileged")], c.patches));
    expect(privileged).toMatchObject({ kind: "inline", startLine: 33, line: 35, suggestion: true });
    expectCommentable(privileged, c.patches);
  });

  it("withholds a suggestion whose text equals the current lines", () => {
    const path = "k8s/sniffer.yaml";
    const c = change([{ path, base: tcpdumpDeployment(), head: tcpdumpDeployment(PRIVILEGED) }]);
    const finding = byRule(c.result.introduced, "privileged");
    const unchanged = {
      ...finding,
      fix: finding.fix && { ...finding.fix, text: "            privileged: true\n" },
    };
    expect(placeFindings([unchanged], c.patches)[0]).toMatchObject({
      kind: "inline",
      suggestion: false,
    });
  });

  it("places in input order and per file", () => {
    const c = change([
      { path: "a/debug.yaml", head: HOST_NAMESPACES_POD },
      { path: "b/sniffer.yaml", base: tcpdumpDeployment(), head: tcpdumpDeployment(PRIVILEGED) },
    ]);
    const placements = placeFindings(c.result.introduced, c.patches);
    expect(placements.map((p) => p.finding)).toEqual(c.result.introduced);
    for (const p of placements) expectCommentable(p, c.patches);
  });
});
