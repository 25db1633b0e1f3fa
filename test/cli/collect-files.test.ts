/**
 * The files under a folder as collectFiles lists them: each with its absolute path (what `join`
 * gives) and its path from the project root (what `displayPath` gives), depth first in name order,
 * from a folder at, under or beside the root.
 */
import { type Dirent, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, parse } from "node:path";
import { afterAll, describe, expect, it } from "@jest/globals";
import { collectFiles } from "../../src/cli/collect-files.js";
import { displayPath } from "../../src/cli/paths.js";

const base = mkdtempSync(join(tmpdir(), "pg-collect-"));
afterAll(() => rmSync(base, { recursive: true, force: true }));

const project = join(base, "project");
for (const path of [
  "b.yaml",
  "a/z.yaml",
  "a/b/c.yaml",
  "a/b/d e.yml",
  ".git/x.yaml",
  "n/node_modules/y.yaml",
]) {
  mkdirSync(dirname(join(project, path)), { recursive: true });
  writeFileSync(join(project, path), "a: 1\n");
}
mkdirSync(join(base, "beside"));
writeFileSync(join(base, "beside", "e.yaml"), "a: 1\n");
symlinkSync(join(project, "a"), join(project, "link-to-a"));
symlinkSync(join(project, "b.yaml"), join(project, "link.yaml"));

describe("collectFiles", () => {
  it("gives each file the path join and displayPath give, whichever folder is listed", async () => {
    const { files } = await collectFiles([".", "a/b", "../beside"], project, project, () => true);
    expect(files.map((f) => f.path)).toEqual([
      "a/b/c.yaml",
      "a/b/d e.yml",
      "a/z.yaml",
      "b.yaml",
      "link.yaml",
      "../beside/e.yaml",
    ]);
    for (const f of files) {
      expect(f.absolute).toBe(join(project, f.path));
      expect(f.path).toBe(displayPath(project, f.absolute));
    }
  });

  it("lists the file system's root folder without doubling its separator", async () => {
    const root = parse(base).root;
    const entry = (name: string) =>
      ({ name, isDirectory: () => false, isSymbolicLink: () => false }) as Dirent;
    const list = async (dir: string) => (dir === root ? [entry("x.yaml")] : []);
    const { files } = await collectFiles([root], root, root, () => true, list);
    expect(files).toEqual([{ absolute: join(root, "x.yaml"), path: "x.yaml" }]);
  });
});
