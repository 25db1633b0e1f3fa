/** The JSON Schema of `.github/privilege-guard.yml`, generated from the zod schema. */
import { z } from "zod";
import { configSchema } from "./schema.js";

/**
 * Where the published schema is served: its stable `$id`, the URL docs/configuration.md gives for
 * editors and the one to register with SchemaStore. It names the file on the default branch, so it
 * changes only if the repository moves.
 */
export const CONFIG_SCHEMA_ID =
  "https://raw.githubusercontent.com/privilege-guard/privilege-guard/main/schema/privilege-guard.schema.json";

/** The schema of the file as users write it (inputs: every key with a default is optional). */
export function configJsonSchema(): Record<string, unknown> {
  const { $schema, ...generated } = z.toJSONSchema(configSchema, {
    io: "input",
    target: "draft-2020-12",
  });
  return {
    $schema,
    $id: CONFIG_SCHEMA_ID,
    title: "Privilege Guard configuration",
    ...generated,
  };
}

/** The published file's text: 2-space JSON and a final newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
