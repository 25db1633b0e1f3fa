/**
 * PSA conformance for the baseline group A rules (host namespaces, host ports, hostPath volumes,
 * capabilities, seccomp, AppArmor) against Kubernetes' own fixtures in test/fixtures/psa.
 *
 * - Every fail fixture of one of these controls gets a finding from these rules whose `pss` is in
 *   its `accept` list, at the fixture's level.
 * - Skipped: restricted-level fail fixtures of `capabilities_baseline`, `seccompProfile_baseline`
 *   and `hostPathVolumes`. At restricted PSA replaces those checks by `capabilities_restricted`,
 *   `seccompProfile_restricted` and `restrictedVolumes` (their `accept` lists name both), so the
 *   engine does not run these rules there and the restricted rules are the ones to catch them.
 *   For those fixtures this test asserts the opposite: these rules stay silent.
 * - No pass fixture, of any control or level, gets a finding from these rules.
 */
import { describe, expect, it } from "@jest/globals";
import type { Finding } from "../../src/catalogue/index.js";
import { psaLabels as labels, type PsaLabel, scanFixture } from "../support/psa-fixtures.js";

/** The controls of this group and the rule implementing each. */
const RULE_OF: Readonly<Record<string, string>> = {
  hostNamespaces: "host-namespaces",
  hostPorts: "host-ports",
  hostPathVolumes: "host-path-volumes",
  capabilities_baseline: "capabilities-baseline",
  seccompProfile_baseline: "seccomp-profile-baseline",
  appArmorProfile: "app-armor-profile",
};
const OUR_RULES = new Set(Object.values(RULE_OF));
/** Controls PSA replaces by a stricter check at the restricted level. */
const OVERRIDDEN_AT_RESTRICTED = new Set([
  "capabilities_baseline",
  "seccompProfile_baseline",
  "hostPathVolumes",
]);

function ourFindings(label: PsaLabel): Finding[] {
  return scanFixture(label).filter((f) => OUR_RULES.has(f.ruleId));
}

const ours = labels.filter(
  (l) => l.expect === "fail" && l.control !== null && l.control in RULE_OF,
);
const skipped = ours.filter(
  (l) => l.level === "restricted" && OVERRIDDEN_AT_RESTRICTED.has(l.control ?? ""),
);
const checked = ours.filter((l) => !skipped.includes(l));
const pass = labels.filter((l) => l.expect === "pass");

describe("PSA conformance: baseline group A", () => {
  it("covers the expected fixtures", () => {
    expect(checked).toHaveLength(25);
    expect(skipped).toHaveLength(9);
    expect(pass).toHaveLength(38);
  });

  describe("fail fixtures get a finding for their control", () => {
    it.each(checked.map((l) => [l.file, l] as const))("%s", (_, label) => {
      const found = ourFindings(label);
      const hits = found.filter((f) => f.pss !== null && label.accept?.includes(f.pss));
      expect(hits.map((f) => f.ruleId)).toContain(RULE_OF[label.control ?? ""]);
    });
  });

  describe("overridden at restricted: these rules stay silent", () => {
    it.each(skipped.map((l) => [l.file, l] as const))("%s", (_, label) => {
      const overridden = RULE_OF[label.control ?? ""];
      expect(ourFindings(label).filter((f) => f.ruleId === overridden)).toEqual([]);
    });
  });

  describe("pass fixtures get no finding from these rules", () => {
    it.each(pass.map((l) => [l.file, l] as const))("%s", (_, label) => {
      expect(ourFindings(label).map((f) => `${f.ruleId}: ${f.message}`)).toEqual([]);
    });
  });
});
