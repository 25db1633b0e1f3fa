/**
 * Imported for its effect: importers are evaluated once the shell parser is loaded (a top-level
 * await; see `bash-language.ts`).
 */
import { loadBashParser } from "./bash-language.js";

await loadBashParser();
