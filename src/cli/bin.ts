#!/usr/bin/env node
/**
 * The `privilege-guard` bin (lib/bin/privilege-guard.js, bundled by scripts/bundle-cli.js): runs
 * the command line's bundle beside it (`privilege-guard-cli.cjs`) with the code cache of
 * `code-cache.ts`. A command that runs the engine writes the cache when it found none to use, once
 * it has compiled what a scan compiles; `--version`, `--help` and the rule listings never do, so
 * that a thin cache does not stand in for a full one.
 */
import { fileURLToPath } from "node:url";
import { codeCacheFile, loadBundle } from "./code-cache.js";
import type { runProcess } from "./main.js";

/** The commands that run the engine. */
const ENGINE_COMMANDS: ReadonlySet<string | undefined> = new Set(["scan", "diff", "fix"]);

const bundle = loadBundle(
  fileURLToPath(new URL("./privilege-guard-cli.cjs", import.meta.url)),
  codeCacheFile(process.env),
);
if (!bundle.fromCache && ENGINE_COMMANDS.has(process.argv[2]))
  process.once("exit", bundle.writeCache);
await (bundle.exports as { runProcess: typeof runProcess }).runProcess();
