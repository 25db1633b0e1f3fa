/**
 * The engine: the pipeline that runs a list of file kinds over texts. `scanFiles` finds every
 * finding in each file; `diffChanges` matches the findings of a change's two sides by semantic
 * identity (introduced, existing, resolved). It knows no particular kind or rule: the catalogue
 * (`src/catalogue/`) lists those and is what adapters import.
 */
export { diffChanges } from "./diff.js";
export { referencesOf, scanFiles } from "./scan.js";
