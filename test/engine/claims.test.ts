/**
 * Which kind reads a file: the first in the list that claims it, by path and by the text's first
 * characters.
 */
import { describe, expect, it } from "@jest/globals";
import { DEFAULT_KINDS, scan } from "../../src/catalogue/index.js";
import { CLAIM_PREFIX_LENGTH, type FileKind } from "../../src/core/file-kind.js";

/** A kind that claims texts starting with a marker and reports nothing. */
function markerKind(marker: string, seen: (string | undefined)[]): FileKind {
  return {
    id: `marker-${marker}`,
    claims: (_path, prefix) => {
      seen.push(prefix);
      return prefix === undefined || prefix.startsWith(marker);
    },
    scan: () => ({ findings: [], problems: [] }),
  };
}

describe("claims", () => {
  it("gives each kind the text's prefix and lets the first claiming kind read the file", () => {
    const seen: (string | undefined)[] = [];
    const kinds = [markerKind("#!/bin/sh", seen), ...DEFAULT_KINDS];
    const results = scan(
      [
        { path: "tools/run", text: "#!/bin/sh\necho hi\n" },
        { path: "deploy/pod.yaml", text: "kind: Pod\n" },
        { path: "notes.txt", text: "hello\n" },
      ],
      undefined,
      kinds,
    );
    expect(results.map((r) => r.kind)).toEqual(["marker-#!/bin/sh", "kubernetes", null]);
    expect(seen).toEqual(["#!/bin/sh\necho hi\n", "kind: Pod\n", "hello\n"]);
  });

  it("hands over at most CLAIM_PREFIX_LENGTH characters", () => {
    const seen: (string | undefined)[] = [];
    scan([{ path: "big", text: "x".repeat(CLAIM_PREFIX_LENGTH * 3) }], undefined, [
      markerKind("#!", seen),
    ]);
    expect(seen.map((s) => s?.length)).toEqual([CLAIM_PREFIX_LENGTH]);
  });

  it("keeps the Kubernetes kind's claim by extension, with or without a prefix", () => {
    const kubernetes = DEFAULT_KINDS.find((k) => k.id === "kubernetes");
    for (const path of ["a.yaml", "b/c.YML", "d.json"]) {
      expect(kubernetes?.claims(path)).toBe(true);
      expect(kubernetes?.claims(path, "#!/bin/sh\n")).toBe(true);
    }
    for (const path of ["run.sh", "Makefile", "yaml"]) {
      expect(kubernetes?.claims(path)).toBe(false);
      expect(kubernetes?.claims(path, "kind: Pod\n")).toBe(false);
    }
  });
});
