/**
 * Layers only point down. Every module under `src/<folder>/` may import modules of its own folder
 * and of folders in lower layers, never of its own layer's other folders or of a higher layer. The
 * imports (static, re-exports and dynamic `import()`) are read from the syntax tree swc parses, not
 * by pattern.
 * docs/engine.md ("Layers") describes the same order.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { specifiers } from "../support/module-imports.js";

/** Lowest first. A folder not listed here fails the test: say where a new folder belongs. */
const LAYERS: readonly (readonly string[])[] = [
  ["core"],
  ["yaml", "diff"],
  ["fix", "engine", "capabilities"],
  ["container", "kubernetes"],
  ["shell", "compose", "devcontainer", "rules"],
  ["ci", "makefile"],
  ["catalogue"],
  ["config"],
  ["evaluation"],
  ["report"],
  ["cli", "app"],
];

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), "../../src");

function layerOf(folder: string): number {
  return LAYERS.findIndex((layer) => layer.includes(folder));
}

function modules(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return modules(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

/** `src/<folder>/…` of a path under `src/`, or null for a file directly in `src/`. */
function folderOf(path: string): string | null {
  const parts = relative(SRC, path).split(sep);
  return parts.length > 1 ? (parts[0] ?? null) : null;
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly module: string;
}

function crossFolderImports(): Edge[] {
  const edges: Edge[] = [];
  for (const module of modules(SRC)) {
    const from = folderOf(module);
    for (const fileName of specifiers(readFileSync(module, "utf8"))) {
      if (!fileName.startsWith(".")) continue;
      const to = folderOf(resolve(dirname(module), fileName));
      if (from !== null && to !== null && to !== from) {
        edges.push({ from, to, module: relative(SRC, module) });
      }
    }
  }
  return edges;
}

describe("source layers", () => {
  const edges = crossFolderImports();

  it("reads the imports of every module", () => {
    expect(edges.length).toBeGreaterThan(100);
    expect(edges).toContainEqual({
      from: "catalogue",
      to: "engine",
      module: join("catalogue", "index.ts"),
    });
  });

  it("places every source folder in a layer", () => {
    const folders = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(folders.filter((f) => layerOf(f) < 0)).toEqual([]);
  });

  it("has every import point to a lower layer", () => {
    const upward = edges
      .filter((e) => layerOf(e.to) >= layerOf(e.from))
      .map((e) => `${e.module} imports ${e.to}/ (layer ${layerOf(e.to)} from ${layerOf(e.from)})`);
    expect(upward).toEqual([]);
  });

  it("keeps the engine free of any particular file kind or rule", () => {
    const kinds = ["kubernetes", "compose", "ci", "shell", "makefile", "devcontainer", "rules"];
    expect(edges.filter((e) => e.from === "engine" && kinds.includes(e.to))).toEqual([]);
  });
});
