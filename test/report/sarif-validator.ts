/**
 * Validates SARIF against the official SARIF 2.1.0 JSON schema (draft-04), as shipped by
 * Microsoft's SARIF SDK package @microsoft/jest-sarif. Uri formats are checked too.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import AjvDraft04 from "ajv-draft-04";
import addFormats from "ajv-formats";

const require = createRequire(import.meta.url);
const schema = JSON.parse(
  readFileSync(require.resolve("@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json"), "utf8"),
);

// The schema's language pattern is not valid in Unicode mode; it is matched as the spec wrote it.
// Both packages are CommonJS: their `module.exports` carries the class and plugin as `default`.
const ajv = new AjvDraft04.default({ allErrors: true, strict: false, unicodeRegExp: false });
addFormats.default(ajv);
const validate = ajv.compile(schema);

/** Schema errors as "path: message" lines; empty when the log is valid. */
export function sarifSchemaErrors(log: unknown): string[] {
  if (validate(log)) return [];
  return (validate.errors ?? []).map(
    (e: { instancePath: string; message?: string; keyword: string }) =>
      `${e.instancePath || "/"}: ${e.message ?? e.keyword}`,
  );
}
