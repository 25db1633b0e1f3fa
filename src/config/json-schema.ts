/** The JSON Schema of `.github/privilege-guard.yml`, generated from the zod schema. */
import { z } from "zod";
import { configSchema } from "./schema.js";

/** The schema of the file as users write it (inputs: every key with a default is optional). */
export function configJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(configSchema, { io: "input", target: "draft-2020-12" });
  return { ...generated, title: "Privilege Guard configuration" };
}

/** The published file's text: 2-space JSON and a final newline. */
export function configJsonSchemaText(): string {
  return `${JSON.stringify(configJsonSchema(), null, 2)}\n`;
}
