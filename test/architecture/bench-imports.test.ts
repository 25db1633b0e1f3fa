/**
 * The benchmark scripts (`bench/*.js`, run by `npm run bench`, `bench:app` and `bench:workers`)
 * import the build (`lib/`), which type-checking and the unit tests never load: a module moved or
 * renamed in `src/` would break a benchmark unseen. Every `../lib/<path>.js` they import must be
 * built from a `src/<path>.ts` that exists.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "@jest/globals";
import { specifiers } from "../support/module-imports.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BENCH = join(ROOT, "bench");
const scripts = readdirSync(BENCH).filter((name) => name.endsWith(".js"));

describe("the benchmark scripts' imports of the build", () => {
  it.each(scripts)("%s", (name) => {
    const text = readFileSync(join(BENCH, name), "utf8");
    const missing = specifiers(text)
      .filter((s) => s.startsWith("../lib/"))
      .map((s) => `src/${s.slice("../lib/".length).replace(/\.js$/, ".ts")}`)
      .filter((source) => !existsSync(join(ROOT, source)));
    expect(missing).toEqual([]);
  });

  it("found the scripts and their imports of the build", () => {
    const imported = scripts.flatMap((name) =>
      specifiers(readFileSync(join(BENCH, name), "utf8")).filter((s) => s.startsWith("../lib/")),
    );
    expect(scripts).toContain("scan-workers.js");
    expect(imported).toContain("../lib/app/read-change.js");
  });
});
