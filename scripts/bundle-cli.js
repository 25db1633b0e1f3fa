// Bundles the built CLI (lib/cli/) into lib/bin/, the package's `privilege-guard` bin:
// - `privilege-guard-cli.cjs`: the command line (lib/cli/main.js) with everything it loads, one
//   minified CommonJS script, so that the bin can run it with a V8 code cache (src/cli/code-cache.ts;
//   an ES module cannot be given one on Node 20). Its commands' modules are evaluated only when the
//   command runs (esbuild turns their `import()` into lazy `require`s).
// - `privilege-guard.js`: the bin itself (lib/cli/bin.js), which runs that script.
// A process then reads a handful of files instead of some five hundred modules, and with the cache
// compiles next to nothing (`node bench/startup.js`, `node bench/whole-process.js`).
// Kept outside the bundle: tree-sitter-bash (its WebAssembly file is read from its folder) and
// jsonc-parser (its UMD build hides its modules from a bundler); they are dependencies, so Node
// finds them in node_modules. web-tree-sitter is bundled and told where its WebAssembly file is
// (src/shell/bash-language.ts).
// A CommonJS script cannot await at its top level: the module that awaits the shell parser's
// loading (src/shell/bash-language-loaded.ts) is left out, and the commands that run the engine load
// the parser first (src/cli/program.ts).
import { build } from "esbuild";
import { chmodSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const OUT = "lib/bin";
const common = {
  bundle: true,
  minify: true,
  platform: "node",
  target: "node20",
  logLevel: "warning",
};

await build({
  ...common,
  entryPoints: ["lib/cli/main.js"],
  outfile: `${OUT}/privilege-guard-cli.cjs`,
  format: "cjs",
  external: ["tree-sitter-bash", "jsonc-parser"],
  // Strict, as the ES modules it is built from are; `import.meta.url` of every bundled module is
  // the bundle's, as in an ES module bundle.
  define: { "import.meta.url": "__pgModuleUrl" },
  banner: {
    js: '"use strict"; var __pgModuleUrl = require("node:url").pathToFileURL(__filename).href;',
  },
  plugins: [
    {
      name: "shell-parser-loaded-by-the-commands",
      setup(builder) {
        builder.onLoad({ filter: /[\\/]shell[\\/]bash-language-loaded\.js$/ }, () => ({
          contents: "",
          loader: "js",
        }));
        // web-tree-sitter's CommonJS build: its ES module build imports Node's modules with
        // `import()`, which a script run by `vm` cannot do.
        builder.onResolve({ filter: /^web-tree-sitter$/ }, () => ({
          path: createRequire(import.meta.url).resolve("web-tree-sitter"),
        }));
        // The entry's `#!` line: the bundle is a script the bin runs, not a program.
        builder.onLoad({ filter: /[\\/]cli[\\/]main\.js$/ }, async ({ path }) => ({
          contents: (await readFile(path, "utf8")).replace(/^#!.*/, ""),
          loader: "js",
        }));
      },
    },
  ],
});

await build({
  ...common,
  entryPoints: { "privilege-guard": "lib/cli/bin.js" },
  outdir: OUT,
  format: "esm",
  // The bundle is run by the bin, not imported.
  external: ["./privilege-guard-cli.cjs"],
});
chmodSync(`${OUT}/privilege-guard.js`, 0o755);
