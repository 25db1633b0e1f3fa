/**
 * The scanner's conformance bar: Kubernetes' own Pod Security Admission fixtures
 * (vendored in test/fixtures/psa, see its README). Every fail fixture must get a finding whose `pss` is
 * one of its accepted check ids; no pass fixture may get a finding for a check of its level.
 */
import { describe, expect, it } from "@jest/globals";
import { PSS_CHECKS, type PssControl } from "../../src/catalogue/index.js";
import { psaLabels as labels, type PsaLabel, scanFixture } from "../support/psa-fixtures.js";

const levelOf = new Map(PSS_CHECKS.map((c) => [c.id as string, c.level]));

function pssFindings(label: PsaLabel): string[] {
  return scanFixture(label).flatMap((f) => (f.pss ? [f.pss] : []));
}

/** Findings that count against a pass fixture: checks of its level, and unknown ids. */
function countsAgainst(label: PsaLabel, pss: string): boolean {
  const level = levelOf.get(pss);
  if (!level) return true;
  return label.level === "restricted" || level === "baseline";
}

describe("Pod Security Admission conformance", () => {
  const fail = labels.filter((l) => l.expect === "fail");
  const pass = labels.filter((l) => l.expect === "pass");

  it("has the whole corpus", () => {
    expect(fail).toHaveLength(110);
    expect(pass).toHaveLength(38);
  });

  it("detects every fail fixture (recall 110/110)", () => {
    const missed = fail.filter(
      (l) => !pssFindings(l).some((p) => l.accept?.includes(p as PssControl)),
    );
    expect(missed.map((l) => l.file)).toEqual([]);
  });

  it("flags no pass fixture (0/38 false positives)", () => {
    const flagged = pass
      .map((l) => ({ file: l.file, bad: pssFindings(l).filter((p) => countsAgainst(l, p)) }))
      .filter((r) => r.bad.length > 0);
    expect(flagged).toEqual([]);
  });
});
