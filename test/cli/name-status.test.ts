import { describe, expect, it } from "@jest/globals";
import { parseNameStatus } from "../../src/cli/name-status.js";

describe("parseNameStatus", () => {
  it("reads every status git prints with -z, paths verbatim", () => {
    const out = [
      "A",
      "new file.yaml",
      "M",
      "dir/ünïcode.yaml",
      "D",
      "gone.yaml",
      "R087",
      "old/a.yaml",
      "new/a.yaml",
      "C100",
      "src.yaml",
      "copy.yaml",
      "T",
      "link.yaml",
      "U",
      "conflict.yaml",
      "",
    ].join("\0");
    expect(parseNameStatus(out)).toEqual([
      { status: "added", path: "new file.yaml" },
      { status: "modified", path: "dir/ünïcode.yaml" },
      { status: "removed", path: "gone.yaml" },
      { status: "renamed", path: "new/a.yaml", previousPath: "old/a.yaml" },
      { status: "copied", path: "copy.yaml", previousPath: "src.yaml" },
      { status: "modified", path: "link.yaml" },
      { status: "modified", path: "conflict.yaml" },
    ]);
  });

  it("reads empty output as no change", () => {
    expect(parseNameStatus("")).toEqual([]);
  });

  it("rejects truncated or unknown entries", () => {
    expect(() => parseNameStatus("R100\0only-one\0")).toThrow("truncated R100 entry");
    expect(() => parseNameStatus("Z\0x\0")).toThrow('unknown git status "Z"');
  });
});
