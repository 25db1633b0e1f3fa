/**
 * The restricted-level rules against Kubernetes' own Pod Security Admission fixtures
 * (vendored in `test/fixtures/psa`, see its README): every restricted fail fixture of a restricted
 * control, and of a baseline control that a restricted check replaces at that level, is caught by
 * the restricted rule; no restricted pass fixture gets a finding from those rules.
 */
import { describe, expect, it } from "@jest/globals";
import { PSS_CHECKS } from "../../src/core/pss.js";
import type { Finding, PssControl } from "../../src/core/types.js";
import { type PsaLabel, psaLabels as labels, scanFixture } from "../support/psa-fixtures.js";

const RESTRICTED_CONTROLS = new Set(
  PSS_CHECKS.filter((c) => c.level === "restricted").map((c) => c.id),
);
/** Baseline control → the restricted control that replaces it at the restricted level. */
const REPLACED_BY = new Map(
  PSS_CHECKS.flatMap((c) => (c.overrides ? [[c.overrides, c.id] as const] : [])),
);

function restrictedFindings(label: PsaLabel): Finding[] {
  return scanFixture(label, "restricted").filter(
    (f) => f.pss !== null && RESTRICTED_CONTROLS.has(f.pss),
  );
}

const restricted = labels.filter((l) => l.level === "restricted");
const ownFail = restricted.filter(
  (l) => l.expect === "fail" && l.control !== null && RESTRICTED_CONTROLS.has(l.control),
);
const replacedFail = restricted.filter(
  (l) => l.expect === "fail" && l.control !== null && REPLACED_BY.has(l.control),
);
const pass = restricted.filter((l) => l.expect === "pass");

describe("restricted rules on the PSA restricted fixtures", () => {
  it("covers the whole corpus slice", () => {
    expect([ownFail.length, replacedFail.length, pass.length]).toEqual([42, 11, 23]);
  });

  describe.each(ownFail)("fail: $file", (label) => {
    it(`gets a finding for ${label.control}`, () => {
      const pss = restrictedFindings(label).map((f) => f.pss);
      expect(pss.filter((p) => p !== null && label.accept?.includes(p))).not.toEqual([]);
    });
  });

  describe.each(replacedFail)("fail of a replaced baseline check: $file", (label) => {
    it("is caught by the restricted check that replaces it", () => {
      const replacement = REPLACED_BY.get(label.control as PssControl);
      expect(label.accept).toContain(replacement);
      expect(restrictedFindings(label).map((f) => f.pss)).toContain(replacement);
    });
  });

  describe.each(pass)("pass: $file", (label) => {
    it("gets no finding from a restricted rule", () => {
      expect(restrictedFindings(label).map((f) => `${f.line}: ${f.message}`)).toEqual([]);
    });
  });
});
