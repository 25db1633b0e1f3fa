import type { YAMLMap } from "yaml";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import type { ContainerView } from "./pod-view.js";

/** A pod spec: a mapping whose `containers` is a sequence of mappings. */
export function looksLikePodSpec(doc: YamlDoc, map: Ref<YAMLMap>): boolean {
  const containers = doc.getSeq(map, "containers");
  return containers !== null && doc.mapItems(containers).length > 0;
}

/** A security context mapping found on its own, as charts write them. */
export function looseContext(ref: Ref<YAMLMap>, path: string, subject?: string): ContainerView {
  return {
    ref: null,
    group: "embedded",
    name: null,
    label: path,
    path,
    securityContext: ref,
    securityContextPath: path,
    ...(subject ? { subject } : {}),
  };
}

export function itemLabel(doc: YamlDoc, item: Ref<YAMLMap>, i: number): string {
  const name = doc.getScalar(item, "name");
  return typeof name === "string" && name !== "" ? name : `#${i}`;
}

export function join(path: string, key: string): string {
  if (key === "") return path;
  return path === "" ? key : `${path}.${key}`;
}
