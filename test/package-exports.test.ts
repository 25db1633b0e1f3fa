/**
 * The package's published surface: every `exports` target exists in the build (npm test builds
 * before it runs the suite), the engine entry gives the API docs/engine.md describes, and the
 * package ships its licence.
 */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "@jest/globals";

const root = new URL("../", import.meta.url);
const pkg = JSON.parse(readFileSync(new URL("package.json", root), "utf8")) as {
  main: string;
  types: string;
  files: string[];
  exports: Record<string, string | Record<string, string>>;
};

function targets(): string[] {
  return Object.values(pkg.exports).flatMap((t) =>
    typeof t === "string" ? [t] : Object.values(t),
  );
}

describe("package.json", () => {
  it("points every export, main and types at a built file", () => {
    for (const target of [...targets(), pkg.main, pkg.types]) {
      expect([target, existsSync(new URL(target, root))]).toEqual([target, true]);
    }
  });

  it("exposes the engine API from the package root", async () => {
    const entry = pkg.exports["."];
    const file = typeof entry === "string" ? entry : entry?.default;
    const engine = (await import(new URL(file ?? "", root).href)) as Record<string, unknown>;
    expect(typeof engine.scan).toBe("function");
    expect(typeof engine.diff).toBe("function");
    expect(Array.isArray(engine.rules)).toBe(true);
  });

  it("ships the licence and no source maps that point at files it does not ship", () => {
    expect(pkg.files).toContain("LICENSE");
    expect(readFileSync(new URL("LICENSE", root), "utf8")).toContain("Apache License");
    expect(existsSync(new URL("lib/catalogue/index.js.map", root))).toBe(false);
  });
});
