/**
 * Findings judged against the base side (`Weakening`): the engine's rule, whatever the kind. A
 * small kind reads lines `<name> <rank> [only]` into findings identified by name, ranked, and
 * counting only as a weakening when `only` is written.
 */
import { describe, expect, it } from "@jest/globals";
import type { FileKind, RawFinding } from "../../src/core/file-kind.js";
import { diff, scan } from "../../src/catalogue/index.js";

const rankKind: FileKind = {
  id: "ranks",
  claims: (path) => path.endsWith(".ranks"),
  scan(file) {
    const findings: RawFinding[] = file.text
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((line, i) => {
        const [name = "", rank = "0", only] = line.split(" ");
        return {
          ruleId: "level",
          pss: null,
          severity: "medium",
          path: file.path,
          line: i + 1,
          endLine: i + 1,
          column: 1,
          endColumn: line.length,
          message: `${name} is at ${rank}.`,
          remediation: "Raise it.",
          removes: [],
          explanation: "",
          exception: "",
          resource: null,
          container: null,
          field: name,
          identity: `${name}>level`,
          annotatedException: null,
          weakening: { rank: Number(rank), value: rank, onlyWhenWeakened: only === "only" },
        };
      });
    return { findings, problems: [] };
  },
};
const KINDS = [rankKind];

function change(base: string | null, head: string | null) {
  const result = diff([{ path: "a.ranks", base, head }], undefined, KINDS);
  const names = (fs: readonly { field: string }[]) => fs.map((f) => f.field);
  return {
    introduced: names(result.introduced),
    existing: names(result.existing),
    resolved: names(result.resolved),
    base: names(result.base),
    messages: result.introduced.map((f) => f.message),
  };
}

describe("weakenings", () => {
  it("a scan drops the findings that are only a weakening, and no finding carries its data", () => {
    const [result] = scan([{ path: "a.ranks", text: "x 1 only\ny 1\n" }], undefined, KINDS);
    expect(result?.findings.map((f) => f.field)).toEqual(["y"]);
    expect(result?.findings.every((f) => !("weakening" in f))).toBe(true);
  });

  it("only when weakened: lowered is introduced and says what the base had", () => {
    expect(change("x 2 only\n", "x 1 only\n")).toEqual({
      introduced: ["x"],
      existing: [],
      resolved: [],
      base: ["x"],
      messages: ["x is at 1. The base side had `2`."],
    });
  });

  it("only when weakened: equal, raised, new or removed is nothing at all", () => {
    const nothing = { introduced: [], existing: [], resolved: [], messages: [] };
    expect(change("x 1 only\n", "x 1 only\n")).toMatchObject(nothing);
    expect(change("x 1 only\n", "x 2 only\n")).toMatchObject(nothing);
    expect(change(null, "x 0 only\n")).toMatchObject(nothing);
    expect(change("x 2 only\n", null)).toMatchObject(nothing);
    expect(change("y 2 only\n", "x 0 only\n")).toMatchObject(nothing);
  });

  it("lists the base's comparisons with the base's findings (for exceptions reviewed there)", () => {
    expect(change("x 2 only\n", "x 2 only\n").base).toEqual(["x"]);
  });

  it("an ordinary finding is matched by identity, and introduced again when its rank is lowered", () => {
    expect(change("x 2\n", "x 2\n")).toMatchObject({ introduced: [], existing: ["x"] });
    expect(change("x 1\n", "x 2\n")).toMatchObject({ introduced: [], existing: ["x"] });
    expect(change("x 2\n", "x 1\n")).toEqual({
      introduced: ["x"],
      existing: [],
      resolved: [],
      base: ["x"],
      messages: ["x is at 1. The base side had `2`."],
    });
    expect(change(null, "x 1\n")).toMatchObject({ introduced: ["x"] });
    expect(change("x 1\n", null)).toMatchObject({ resolved: ["x"] });
  });

  it("the strictest base occurrence is what a head finding is compared with", () => {
    expect(change("x 1 only\nx 3 only\n", "x 2 only\n")).toMatchObject({
      introduced: ["x"],
      messages: ["x is at 2. The base side had `3`."],
    });
  });
});
