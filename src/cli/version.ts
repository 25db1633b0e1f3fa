import { readFileSync } from "node:fs";

/** Where to read about the tool (SARIF `informationUri`) when package.json names no homepage. */
export const DEFAULT_INFORMATION_URI = "https://github.com/privilege-guard/privilege-guard";

export interface ToolInfo {
  readonly name: string;
  readonly version: string;
  readonly informationUri: string;
}

/** Name, version and homepage from the package's own package.json (beside `lib/` and `src/`). */
export function readToolInfo(): ToolInfo {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    name?: string;
    version?: string;
    homepage?: string;
  };
  return {
    name: pkg.name ?? "privilege-guard",
    version: pkg.version ?? "0.0.0",
    informationUri: pkg.homepage ?? DEFAULT_INFORMATION_URI,
  };
}
