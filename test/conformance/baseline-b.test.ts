/**
 * PSA conformance for the baseline group B rules (SELinux options, procMount, sysctls, Windows
 * HostProcess, probe and lifecycle hosts) against Kubernetes' own fixtures in
 * test/fixtures/psa.
 *
 * - Every fail fixture of one of these controls gets a finding from these rules whose `pss` is in
 *   its `accept` list, at the fixture's level.
 * - Skipped: the restricted-level fail fixtures of `procMount`. At restricted PSA replaces that
 *   check by `procMount_restricted` (their `accept` lists name both), which another rule
 *   implements; the engine does not run `proc-mount` there, so no finding of these rules can
 *   satisfy them. For those fixtures this test asserts the opposite: `proc-mount` stays silent.
 * - No pass fixture, of any control or level (all 38), gets a finding from these rules.
 */
import { describe, expect, it } from "@jest/globals";
import type { Finding } from "../../src/catalogue/index.js";
import { psaLabels as labels, type PsaLabel, scanFixture } from "../support/psa-fixtures.js";

/** The controls of this group and the rule implementing each. */
const RULE_OF: Readonly<Record<string, string>> = {
  seLinuxOptions: "se-linux-options",
  procMount: "proc-mount",
  sysctls: "sysctls",
  windowsHostProcess: "windows-host-process",
  hostProbesAndHostLifecycle: "host-probes-and-host-lifecycle",
};
const OUR_RULES = new Set(Object.values(RULE_OF));
/** Controls of this group that PSA replaces by a stricter check at the restricted level. */
const OVERRIDDEN_AT_RESTRICTED = new Set(["procMount"]);

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

describe("PSA conformance: baseline group B", () => {
  it("covers the expected fixtures", () => {
    // 15 fail fixtures per level (5 seLinuxOptions, 2 procMount, 1 sysctls, 2 windowsHostProcess,
    // 5 hostProbesAndHostLifecycle); the 2 restricted procMount ones are skipped.
    expect(checked).toHaveLength(28);
    expect(skipped.map((l) => l.file)).toEqual([
      "restricted/v1.37/fail/procmount0.yaml",
      "restricted/v1.37/fail/procmount1.yaml",
    ]);
    expect(pass).toHaveLength(38);
  });

  describe("fail fixtures get a finding for their control", () => {
    it.each(checked.map((l) => [l.file, l] as const))("%s", (_, label) => {
      const found = ourFindings(label);
      const hits = found.filter((f) => f.pss !== null && label.accept?.includes(f.pss));
      expect(hits.map((f) => f.ruleId)).toContain(RULE_OF[label.control ?? ""]);
      for (const f of hits) {
        expect(f.field).toMatch(/^spec\./);
        expect(f.message).not.toMatch(/\{\{/);
      }
    });
  });

  describe("overridden at restricted: proc-mount stays silent", () => {
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
