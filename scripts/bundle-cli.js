// Bundles the built CLI (lib/cli/main.js) into lib/bin/, the package's `privilege-guard` bin: one
// minified entry that holds commander and the command line, and chunks that each command imports
// when it runs (`scan`, `diff` and `fix` share the engine's). A process then reads a handful of
// files instead of some five hundred modules, which is most of its start-up (`node bench/startup.js`).
// Kept outside the bundle: web-tree-sitter and tree-sitter-bash (they load their WebAssembly files
// from their own folders) and jsonc-parser (its UMD build hides its modules from a bundler); they
// are dependencies, so Node finds them in node_modules.
import { build } from "esbuild";
import { chmodSync } from "node:fs";

const OUT = "lib/bin";

await build({
  entryPoints: { "privilege-guard": "lib/cli/main.js" },
  outdir: OUT,
  bundle: true,
  splitting: true,
  minify: true,
  format: "esm",
  platform: "node",
  target: "node20",
  external: ["web-tree-sitter", "tree-sitter-bash", "jsonc-parser"],
  // CommonJS packages inside an ES module bundle call `require` for Node's built-in modules.
  banner: {
    js: 'import { createRequire as __pgRequire } from "node:module"; const require = __pgRequire(import.meta.url);',
  },
  logLevel: "warning",
});
chmodSync(`${OUT}/privilege-guard.js`, 0o755);
