import { describe, expect, it } from "@jest/globals";
import type { YAMLMap } from "yaml";
import { DEFAULT_LIMITS } from "../../src/core/limits.js";
import { ScanMemo } from "../../src/core/scan-memo.js";
import { detectLayout } from "../../src/fix/layout.js";
import { MapEditor, type MapOp } from "../../src/fix/map-editor.js";
import { applyEdits } from "../../src/fix/text-edit.js";
import { LineIndex } from "../../src/yaml/line-index.js";
import { parseChunk } from "../../src/yaml/parse-stream.js";
import type { Ref } from "../../src/yaml/yaml-doc.js";

/** Applies `ops` to the mapping at `path` (keys from the root) and returns the new text. */
function edit(
  text: string,
  path: string[],
  ops: MapOp[],
  memo: ScanMemo | null = null,
): string | null {
  const [doc] = parseChunk({ index: 0, start: 0, text }, DEFAULT_LIMITS).docs;
  if (!doc) throw new Error("no document");
  let map = doc.root() as Ref<YAMLMap> | null;
  for (const key of path) map = doc.getMap(map, key);
  if (!map) throw new Error(`no mapping at ${path.join(".")}`);
  const editor = new MapEditor(text, new LineIndex(text), doc, detectLayout(text), memo);
  const edits = editor.edit(map, ops);
  if (!edits) return null;
  const out = applyEdits(text, edits);
  expect(parseChunk({ index: 0, start: 0, text: out }, DEFAULT_LIMITS).problems).toEqual([]);
  return out;
}

describe("MapEditor writes values that read back the same under YAML 1.1", () => {
  it.each(["yes", "on", "y", "no", "off", "0777", "1:30", "1_000", "~"])(
    "the string %s stays a string",
    (value) => {
      const out = edit("sc: {a: 1}\n", ["sc"], [{ op: "set", path: ["label"], value }]);
      expect(out).toBe(`sc: {a: 1, label: "${value}"}\n`);
    },
  );

  it("in block style too, appended in the file's indentation", () => {
    const text = "sc:\n    a: 1\n    b:\n    - x\n";
    const out = edit(text, ["sc"], [{ op: "set", path: ["seLinuxOptions", "level"], value: "on" }]);
    expect(out).toBe(`${text}    seLinuxOptions:\n        level: "on"\n`);
  });

  it("renders through a scan's memo exactly as without it, in each file's own layout", () => {
    const memo = new ScanMemo();
    const ops: MapOp[] = [
      { op: "set", path: ["capabilities", "drop"], value: ["ALL"] },
      { op: "set", path: ["runAsUser"], value: 1000 },
    ];
    for (const text of [
      "sc:\n    a: 1\n    b:\n    - x\n",
      "sc:\n  a: 1\n  b:\n    - x\n",
      "sc:\n    a: 1\n    b:\n    - x\n",
      "top:\n  sc:\n    a: 1\n",
    ]) {
      const path = text.startsWith("top") ? ["top", "sc"] : ["sc"];
      expect(edit(text, path, ops, memo)).toBe(edit(text, path, ops));
    }
    expect(edit("sc:\n  a: 1\n", ["sc"], ops, memo)).toBe(
      "sc:\n  a: 1\n  capabilities:\n    drop:\n      - ALL\n  runAsUser: 1000\n",
    );
  });

  it("a flow mapping that re-renders keeps quoted strings quoted", () => {
    const text = 'sc: {privileged: true, windowsOptions: {gmsaCredentialSpecName: "yes"}}\n';
    const out = edit(text, ["sc"], [{ op: "delete", path: ["privileged"] }]);
    expect(out).toBe('sc: {windowsOptions: {gmsaCredentialSpecName: "yes"}}\n');
  });

  it("gives no edit where a value is shared through an alias", () => {
    const text = "base: &b {privileged: true}\nsc:\n  <<: *b\n  a: 1\n";
    expect(edit(text, ["sc"], [{ op: "delete", path: ["privileged"] }])).toBeNull();
  });
});

describe("detectLayout", () => {
  it("reads the indentation step and the sequence style", () => {
    expect(detectLayout("a:\n  b:\n  - x\n")).toEqual({ step: 2, indentSeq: false, json: false });
    expect(detectLayout("a:\n    b:\n        - x\n")).toEqual({
      step: 4,
      indentSeq: true,
      json: false,
    });
    expect(detectLayout('\uFEFF{\n  "a": 1\n}\n')).toMatchObject({ json: true });
  });
});
