import { describe, expect, it } from "@jest/globals";
import type { ChangedFileEntry } from "../../src/app/github-port.js";
import { assembleChanges, blobRequests, planChanges } from "../../src/app/plan-changes.js";

const yamlOnly = (path: string) => path.endsWith(".yaml") && !path.startsWith("vendor/");

describe("planChanges", () => {
  const entries: ChangedFileEntry[] = [
    { filename: "k8s/new.yaml", status: "added", patch: "@@ -0,0 +1 @@\n+a" },
    { filename: "k8s/gone.yaml", status: "removed" },
    { filename: "k8s/edit.yaml", status: "modified", patch: "@@ -1 +1 @@\n-a\n+b" },
    { filename: "k8s/moved.yaml", previousFilename: "old/moved.yaml", status: "renamed" },
    { filename: "vendor/into.yaml", previousFilename: "k8s/out.yaml", status: "renamed" },
    { filename: "k8s/in.yaml", previousFilename: "vendor/in.yaml", status: "renamed" },
    { filename: "k8s/copy.yaml", previousFilename: "k8s/edit.yaml", status: "copied" },
    { filename: "k8s/mode.yaml", status: "changed" },
    { filename: "k8s/same.yaml", status: "unchanged" },
    { filename: "README.md", status: "modified" },
  ];
  const plan = planChanges(entries, yamlOnly);

  it("reads each side that exists and is included, judging a rename's base by its old path", () => {
    expect(plan.files).toEqual([
      { path: "k8s/new.yaml", basePath: null, headPath: "k8s/new.yaml" },
      { path: "k8s/gone.yaml", basePath: "k8s/gone.yaml", headPath: null },
      { path: "k8s/edit.yaml", basePath: "k8s/edit.yaml", headPath: "k8s/edit.yaml" },
      {
        path: "k8s/moved.yaml",
        previousPath: "old/moved.yaml",
        basePath: "old/moved.yaml",
        headPath: "k8s/moved.yaml",
      },
      // Moved into an excluded folder: only its base side counts (its findings leave the scan).
      { path: "k8s/out.yaml", basePath: "k8s/out.yaml", headPath: null },
      // Moved out of an excluded folder: read as a new file.
      { path: "k8s/in.yaml", basePath: null, headPath: "k8s/in.yaml" },
      { path: "k8s/copy.yaml", basePath: null, headPath: "k8s/copy.yaml" },
      { path: "k8s/mode.yaml", basePath: "k8s/mode.yaml", headPath: "k8s/mode.yaml" },
    ]);
  });

  it("keeps GitHub's patch per head path, undefined when GitHub sent none", () => {
    expect([...plan.patches.entries()]).toEqual([
      ["k8s/new.yaml", "@@ -0,0 +1 @@\n+a"],
      ["k8s/edit.yaml", "@@ -1 +1 @@\n-a\n+b"],
      ["k8s/moved.yaml", undefined],
      ["k8s/in.yaml", undefined],
      ["k8s/copy.yaml", undefined],
      ["k8s/mode.yaml", undefined],
    ]);
  });

  it("asks for bases at the merge base and heads at the head commit", () => {
    const requests = blobRequests(plan, { base: "B", head: "H" });
    expect(requests.slice(0, 5)).toEqual([
      { sha: "H", path: "k8s/new.yaml" },
      { sha: "B", path: "k8s/gone.yaml" },
      { sha: "B", path: "k8s/edit.yaml" },
      { sha: "H", path: "k8s/edit.yaml" },
      { sha: "B", path: "old/moved.yaml" },
    ]);
    expect(requests).toHaveLength(11);
  });
});

describe("assembleChanges", () => {
  it("gives the engine texts, and turns unreadable head files the engine reads into problems", () => {
    const plan = planChanges(
      [
        { filename: "a.yaml", status: "modified" },
        { filename: "bin.yaml", status: "added" },
        { filename: "huge.yaml", status: "added" },
        { filename: "lost.yaml", status: "modified" },
        { filename: "logo.png", status: "added" },
      ],
      () => true,
    );
    const { changes, problems } = assembleChanges(plan, [
      { kind: "text", text: "base-a" },
      { kind: "text", text: "head-a" },
      { kind: "binary" },
      { kind: "too-large", byteSize: 20_000_000 },
      { kind: "text", text: "base-lost" },
      { kind: "missing" },
      { kind: "binary" },
    ]);
    expect(changes).toEqual([
      { path: "a.yaml", base: "base-a", head: "head-a" },
      { path: "bin.yaml", base: null, head: null },
      { path: "huge.yaml", base: null, head: null },
      { path: "lost.yaml", base: "base-lost", head: null },
      { path: "logo.png", base: null, head: null },
    ]);
    expect(problems).toEqual([
      { path: "bin.yaml", code: "binary", message: "binary file, not scanned", line: 1, column: 1 },
      {
        path: "huge.yaml",
        code: "too-large",
        message: "file of 20000000 bytes is too large to scan",
        line: 1,
        column: 1,
      },
      // GraphQL's null object, and the contents API had nothing either: never a silent skip.
      {
        path: "lost.yaml",
        code: "contents-missing",
        message: "contents not returned by GitHub",
        line: 1,
        column: 1,
      },
      // logo.png is no file the engine reads, so it stops nothing from being read.
    ]);
  });

  it("a binary file without an extension is no script (read only for a shebang): no problem", () => {
    const plan = planChanges(
      [
        { filename: "bin/tool", status: "added" },
        { filename: "run.sh", status: "added" },
      ],
      () => true,
    );
    const { problems } = assembleChanges(plan, [{ kind: "binary" }, { kind: "binary" }]);
    expect(problems).toEqual([
      { path: "run.sh", code: "binary", message: "binary file, not scanned", line: 1, column: 1 },
    ]);
  });
});
