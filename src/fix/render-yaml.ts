/** Writing new YAML values in the form kubectl will read back unchanged. */
import { stringify } from "yaml";
import type { Value } from "./map-ops.js";

/**
 * Written values are read back as kubectl reads them, as YAML 1.1: strings such as `yes`, `on`,
 * `y`, `0777` or `1:30` must be quoted, or they would come back as booleans and numbers.
 */
export const YAML_VERSION = "1.1";

/** A scalar as it would be written after `key: ` (JSON in a JSON document). */
export function renderScalar(value: Value, json: boolean): string {
  if (json) return JSON.stringify(value);
  return stringify(value, { version: YAML_VERSION, lineWidth: 0 }).replace(/\n$/, "");
}

/** A value in flow style (`{a: 1, b: [x]}`), or JSON in a JSON document. */
export function renderFlow(value: Value, json: boolean): string {
  if (json) return JSON.stringify(value);
  return stringify(value, {
    version: YAML_VERSION,
    collectionStyle: "flow",
    lineWidth: 0,
    flowCollectionPadding: false,
  }).replace(/\n$/, "");
}

/** A key as written, without its quotes. */
export function unquote(key: string): string {
  const k = key.trim();
  if ((k.startsWith('"') && k.endsWith('"')) || (k.startsWith("'") && k.endsWith("'")))
    return k.slice(1, -1);
  return k;
}
