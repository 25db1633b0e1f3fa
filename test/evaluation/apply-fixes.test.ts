import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "@jest/globals";
import { parseAllDocuments } from "yaml";
import { defaultConfig } from "../../src/config/schema.js";
import type { Finding } from "../../src/core/types.js";
import { applyFixes, chooseFixes, MAX_FIX_PASSES } from "../../src/evaluation/apply-fixes.js";
import type { Evaluation } from "../../src/evaluation/evaluation.js";
import { evaluateFiles } from "../support/evaluation.js";

const MANIFESTS = resolve(import.meta.dirname, "../fixtures/realworld/manifests");
const read = (name: string) => readFileSync(resolve(MANIFESTS, name), "utf8");

const restricted = { ...defaultConfig(), level: "restricted" as const };

function fixAll(files: Record<string, string>, config = restricted) {
  const evaluations: number[] = [];
  const evaluate = (texts: ReadonlyMap<string, string>): Evaluation => {
    evaluations.push(texts.size);
    return evaluateFiles(Object.fromEntries(texts), config);
  };
  const before = evaluateFiles(files, config);
  const outcome = applyFixes(new Map(Object.entries(files)), before, evaluate);
  const after = evaluateFiles(Object.fromEntries(outcome.texts), config);
  return { before, outcome, after, evaluations };
}

/** Identity of a finding's setting, whatever line it moved to. */
const identity = (f: Finding) => `${f.ruleId} ${f.identity}`;

describe("applyFixes on real manifests", () => {
  it.each([
    "ip-masq-agent.yaml",
    "metallb-frr.yaml",
    "rook-toolbox.yaml",
    "kube-flannel.yml",
    "rook-direct-mount.yaml",
  ])(
    "%s: every fixed setting is gone, the text still parses, and what is left has no fix",
    (name) => {
      const { before, outcome, after } = fixAll({ [name]: read(name) });
      const fixable = before.reported.filter((f) => f.fix);
      expect(fixable.length).toBeGreaterThan(0);
      expect(outcome.applied.length).toBeGreaterThanOrEqual(1);
      const text = outcome.texts.get(name) ?? "";
      expect(text).not.toBe(read(name));
      for (const doc of parseAllDocuments(text)) expect(doc.errors).toEqual([]);
      expect(after.problems).toEqual([]);
      const left = new Set(after.reported.map(identity));
      for (const f of outcome.applied) expect(left.has(identity(f))).toBe(false);
      // Nothing fixable is left but what a fix traded for on purpose (within the pass bound).
      expect(outcome.passes).toBeLessThanOrEqual(MAX_FIX_PASSES);
      const traded = new Set(outcome.applied.flatMap((f) => f.fix?.trades ?? []));
      expect(after.reported.filter((f) => f.fix && !traded.has(f.ruleId))).toEqual([]);
    },
  );

  it("needs several passes where fixes overlap (metallb-frr at restricted) and evaluates only the files it changed", () => {
    const name = "metallb-frr.yaml";
    const untouched = "kind: ConfigMap\napiVersion: v1\nmetadata:\n  name: x\n";
    const { before, outcome, evaluations } = fixAll({ [name]: read(name), "cm.yaml": untouched });
    const lines = before.reported.flatMap((f) => (f.fix ? [[f.fix.line, f.fix.endLine]] : []));
    const overlapping = lines.some(([a0 = 0, a1 = 0], i) =>
      lines.some(([b0 = 0, b1 = 0], j) => i !== j && a0 <= b1 && b0 <= a1),
    );
    expect(overlapping).toBe(true);
    expect(outcome.passes).toBeGreaterThan(1);
    expect(evaluations.every((size) => size === 1)).toBe(true);
    expect(outcome.texts.get("cm.yaml")).toBe(untouched);
  });

  it("leaves accepted exceptions alone", () => {
    const config = {
      ...restricted,
      exceptions: [{ rule: "allow-privilege-escalation", reason: "setuid tool" }],
    };
    const { outcome, after } = fixAll({ "rook-toolbox.yaml": read("rook-toolbox.yaml") }, config);
    expect(outcome.applied.map((f) => f.ruleId)).not.toContain("allow-privilege-escalation");
    expect(after.accepted.map((a) => a.finding.ruleId)).toContain("allow-privilege-escalation");
  });

  it("applies nothing to a text without fixes", () => {
    const { outcome } = fixAll({ "ok.yaml": "apiVersion: v1\nkind: ConfigMap\n" });
    expect(outcome).toMatchObject({ applied: [], passes: 0 });
  });
});

describe("chooseFixes", () => {
  it("takes fixes in line order, skipping those that overlap one taken, whatever the input order", () => {
    const reported = evaluateFiles(
      { "m.yaml": read("metallb-frr.yaml") },
      { level: "restricted" },
    ).reported;
    const chosen = chooseFixes(reported).map((f) => f.fingerprint);
    expect(chooseFixes([...reported].reverse()).map((f) => f.fingerprint)).toEqual(chosen);
    const spans = chooseFixes(reported).map((f) => [f.fix?.line ?? 0, f.fix?.endLine ?? 0]);
    for (let i = 1; i < spans.length; i++)
      expect(spans[i]?.[0]).toBeGreaterThan(spans[i - 1]?.[1] ?? Number.POSITIVE_INFINITY);
    expect(chosen.length).toBeLessThan(reported.filter((f) => f.fix).length);
  });
});
