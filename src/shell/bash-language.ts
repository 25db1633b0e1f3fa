/**
 * The shell parser's WebAssembly runtime: tree-sitter compiled and its Bash grammar loaded, once
 * per process, and the one parser every parse reuses (creating one costs more than parsing a
 * typical script).
 *
 * Loading is asynchronous (WebAssembly is compiled off the main thread) and parsing is not:
 * `bash-language-loaded.ts` awaits the load at the top level, so that any module importing the
 * parser (`bash-parser.ts`) is evaluated only once it is there. The CLI's cached bundle, a
 * CommonJS script that cannot await at its top level, leaves that module out and loads the parser
 * before a command runs the engine (`scripts/bundle-cli.js`, `src/cli/program.ts`).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Language, Parser } from "web-tree-sitter";

let loading: Promise<Parser> | undefined;
let loaded: Parser | undefined;

/** Loads the parser (once; later calls return the same promise). */
export function loadBashParser(): Promise<Parser> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    // Its WebAssembly from its package, wherever its code is (the CLI's bundle holds the code).
    await Parser.init({ locateFile: (file: string) => require.resolve(`web-tree-sitter/${file}`) });
    const bash = await Language.load(
      readFileSync(require.resolve("tree-sitter-bash/tree-sitter-bash.wasm")),
    );
    const parser = new Parser();
    parser.setLanguage(bash);
    loaded = parser;
    return parser;
  })();
  return loading;
}

/** The parser, once `loadBashParser` has resolved. */
export function bashParser(): Parser {
  if (loaded === undefined) throw new Error("the shell parser is used before it was loaded");
  return loaded;
}
