import { describe, expect, it } from "@jest/globals";
import type { ChangeEntry } from "../../src/evaluation/change-entry.js";
import { defaultConfig } from "../../src/config/schema.js";
import {
  assembleChanges,
  evaluateChange,
  pathSelector,
} from "../../src/evaluation/evaluate-change.js";
import { planReads, sideRequests } from "../../src/evaluation/plan-reads.js";
import { repository } from "../support/side-reader.js";

const yamlOnly = (path: string) => path.endsWith(".yaml") && !path.startsWith("vendor/");

describe("planReads", () => {
  const entries: ChangeEntry[] = [
    { path: "k8s/new.yaml", status: "added" },
    { path: "k8s/gone.yaml", status: "removed" },
    { path: "k8s/edit.yaml", status: "modified" },
    { path: "k8s/moved.yaml", previousPath: "old/moved.yaml", status: "renamed" },
    { path: "vendor/into.yaml", previousPath: "k8s/out.yaml", status: "renamed" },
    { path: "k8s/in.yaml", previousPath: "vendor/in.yaml", status: "renamed" },
    { path: "k8s/copy.yaml", previousPath: "k8s/edit.yaml", status: "copied" },
    { path: "k8s/mode.yaml", status: "changed" },
    { path: "k8s/same.yaml", status: "unchanged" },
    { path: "README.md", status: "modified" },
  ];
  const plan = planReads(entries, yamlOnly);

  it("reads each side that exists and is selected, judging a rename's base by its old path", () => {
    expect(plan).toEqual([
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

  it("asks for each file's base side, then its head side", () => {
    const requests = sideRequests(plan);
    expect(requests.slice(0, 5)).toEqual([
      { side: "head", path: "k8s/new.yaml" },
      { side: "base", path: "k8s/gone.yaml" },
      { side: "base", path: "k8s/edit.yaml" },
      { side: "head", path: "k8s/edit.yaml" },
      { side: "base", path: "old/moved.yaml" },
    ]);
    expect(requests).toHaveLength(11);
  });
});

describe("assembleChanges", () => {
  it("gives the engine texts, and turns unreadable head files into problems", () => {
    const plan = planReads(
      [
        { path: "a.yaml", status: "modified" },
        { path: "bin.yaml", status: "added" },
        { path: "huge.yaml", status: "added" },
        { path: "lost.yaml", status: "modified" },
        { path: "locked.yaml", status: "added" },
        { path: "gone.yaml", status: "removed" },
      ],
      () => true,
    );
    const { changes, problems } = assembleChanges(plan, [
      { kind: "text", text: "base-a" },
      { kind: "text", text: "head-a" },
      { kind: "binary" },
      { kind: "too-large", byteSize: 20_000_000 },
      { kind: "text", text: "base-lost" },
      { kind: "missing", message: "contents not returned by GitHub" },
      { kind: "unreadable", code: "unreadable", message: "could not read the file: EACCES" },
      // A base side that is not there is no problem: the change is not judged on it.
      { kind: "missing" },
    ]);
    expect(changes).toEqual([
      { path: "a.yaml", base: "base-a", head: "head-a" },
      { path: "bin.yaml", base: null, head: null },
      { path: "huge.yaml", base: null, head: null },
      { path: "lost.yaml", base: "base-lost", head: null },
      { path: "locked.yaml", base: null, head: null },
      { path: "gone.yaml", base: null, head: null },
    ]);
    const at = { line: 1, column: 1 };
    expect(problems).toEqual([
      { path: "bin.yaml", code: "binary", message: "binary file, not scanned", ...at },
      {
        path: "huge.yaml",
        code: "too-large",
        message: "file of 20000000 bytes is too large to scan",
        ...at,
      },
      // GraphQL's null object, and the contents API had nothing either: never a silent skip.
      {
        path: "lost.yaml",
        code: "contents-missing",
        message: "contents not returned by GitHub",
        ...at,
      },
      {
        path: "locked.yaml",
        code: "unreadable",
        message: "could not read the file: EACCES",
        ...at,
      },
    ]);
  });

  it("bytes that are not text at a path read only for a shebang (bin/tool) are no problem", () => {
    const plan = planReads(
      [
        { path: "bin/tool", status: "added" },
        { path: "bin/other", status: "added" },
        { path: "run.sh", status: "added" },
        { path: "broken.sh", status: "added" },
      ],
      () => true,
    );
    const { problems } = assembleChanges(plan, [
      { kind: "binary" },
      { kind: "unreadable", code: "encoding", message: "not UTF-8 at byte 4" },
      { kind: "binary" },
      { kind: "unreadable", code: "encoding", message: "not UTF-8 at byte 2" },
    ]);
    // A `.sh` file is a script whatever it holds: not text, it cannot pass unchecked.
    expect(problems).toEqual([
      { path: "run.sh", code: "binary", message: "binary file, not scanned", line: 1, column: 1 },
      { path: "broken.sh", code: "encoding", message: "not UTF-8 at byte 2", line: 1, column: 1 },
    ]);
  });
});

describe("evaluateChange with the adapter's selection", () => {
  const pod =
    "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n    - name: c\n      image: x\n      securityContext: {privileged: true}\n";
  const entries: ChangeEntry[] = [
    { path: "k8s/a.yaml", status: "added" },
    { path: "k8s/b.yaml", status: "added" },
  ];
  const reader = () => repository({ base: {}, head: { "k8s/a.yaml": pod, "k8s/b.yaml": pod } });

  it("plans from it instead of asking the config's globs and the kinds again", async () => {
    const asked: string[] = [];
    const selects = (path: string) => {
      asked.push(path);
      return path === "k8s/a.yaml";
    };
    const side = reader();
    const evaluation = await evaluateChange(entries, side, defaultConfig(), { selects });
    expect(asked).toEqual(["k8s/a.yaml", "k8s/b.yaml"]);
    expect(side.reads.map((r) => r.path)).toEqual(["k8s/a.yaml"]);
    expect(evaluation.reported.map((f) => f.path)).toEqual(["k8s/a.yaml"]);
  });

  it("gives what the config's own selection gives when it is that selection", async () => {
    const config = defaultConfig();
    const own = await evaluateChange(entries, reader(), config);
    const given = await evaluateChange(entries, reader(), config, {
      selects: pathSelector(config),
    });
    expect(given).toEqual(own);
  });
});
