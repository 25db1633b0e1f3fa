/** The repository's test fixtures as files: where they are, and the manifest-like files under a folder. */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** `test/fixtures/`, as an absolute path ending in a separator. */
export const FIXTURES = fileURLToPath(new URL("../fixtures/", import.meta.url));

/** The YAML, JSON and template files under `dir`, at any depth, in directory order. */
export function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return filesUnder(path);
    return /\.(?:ya?ml|json|tpl)$/.test(e.name) ? [path] : [];
  });
}
