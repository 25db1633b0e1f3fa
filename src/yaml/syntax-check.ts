import jsyaml from "js-yaml";

const OPTIONS = { schema: jsyaml.FAILSAFE_SCHEMA, json: true } as const;

/**
 * A fast syntax-only check of a document the screen would skip, so that a broken file is reported
 * even when it holds nothing the rules look at. js-yaml with the failsafe schema (no type
 * resolution; duplicate keys allowed, as the full reading reports them itself) reads several
 * times faster than the `yaml` package composes. A document it rejects is read again in full,
 * whose parser has the final word on what the problem is and where.
 */
export function isWellFormed(text: string): boolean {
  try {
    jsyaml.loadAll(text, undefined, OPTIONS);
    return true;
  } catch {
    return false;
  }
}
