import { isScalar } from "yaml";
import type { Ref } from "../../../yaml/yaml-doc.js";

/** The value is the boolean true (YAML 1.1 spellings included: `yes`, `on`, `True`). */
export function isTrue(ref: Ref | null | undefined): boolean {
  return !!ref && isScalar(ref.node) && ref.node.value === true;
}

/** The value is the boolean false. */
export function isFalse(ref: Ref | null | undefined): boolean {
  return !!ref && isScalar(ref.node) && ref.node.value === false;
}

/** The value as a string when it is a string scalar. */
export function stringValue(ref: Ref | null | undefined): string | undefined {
  return ref && isScalar(ref.node) && typeof ref.node.value === "string"
    ? ref.node.value
    : undefined;
}
