import type { YAMLMap } from "yaml";
import type { Entry, Ref, YamlDoc } from "../../../yaml/yaml-doc.js";
import { isFalse, isTrue } from "./values.js";

/**
 * A boolean setting as the API server decodes it: `true`, `false`, or unset (left out, or written
 * as null, which leaves the pointer nil). `entry` is the pair when it is written at all.
 */
export interface BooleanSetting {
  readonly value: boolean | undefined;
  readonly entry: Entry | undefined;
}

/** Reads `key` of `map` as a boolean setting. */
export function booleanSetting(
  doc: YamlDoc,
  map: Ref<YAMLMap> | null | undefined,
  key: string,
): BooleanSetting {
  const entry = doc.get(map, key);
  const value = isTrue(entry?.value) ? true : isFalse(entry?.value) ? false : undefined;
  return { value, entry };
}

/** The entry for `key` when it holds a value, i.e. is neither left out nor null. */
export function presentEntry(
  doc: YamlDoc,
  map: Ref<YAMLMap> | null | undefined,
  key: string,
): Entry | undefined {
  const entry = doc.get(map, key);
  if (!entry?.value) return undefined;
  return doc.getScalarOf(entry.value) === null ? undefined : entry;
}
