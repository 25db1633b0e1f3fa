import { isScalar } from "yaml";
import type { Ref } from "../../../yaml/yaml-doc.js";

/**
 * A scalar as a Go string field reads it: a string as written, null as empty, a number or
 * boolean as its text (the API would refuse those, but they are set and not empty). Undefined
 * for a collection or a missing value.
 */
export function stringField(ref: Ref | null | undefined): string | undefined {
  if (!ref || !isScalar(ref.node)) return undefined;
  const value = ref.node.value;
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint")
    return String(value);
  return undefined;
}
