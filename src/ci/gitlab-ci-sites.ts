/**
 * The shell code and services of a GitLab CI configuration
 * (https://docs.gitlab.com/ci/yaml/): `before_script`, `script` and `after_script` of every job,
 * of `default:` and at the top level (a string or a list of strings, nested lists as anchors and
 * `!reference` build them), and `services:` entries (a string or a mapping with `name:`).
 */
import { codeSpan } from "../core/code-span.js";
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";

/** Top-level keys that are not jobs (https://docs.gitlab.com/ci/yaml/#global-keywords). */
const GLOBAL_KEYWORDS = new Set([
  "default",
  "include",
  "stages",
  "variables",
  "workflow",
  "image",
  "services",
  "before_script",
  "after_script",
  "cache",
  "spec",
  "types",
]);

const SECTIONS = ["before_script", "script", "after_script"] as const;

export interface GitlabScript {
  readonly scalar: Ref<Scalar>;
  /** `job:build>script`. */
  readonly scope: string;
  /** "job `build`, `script`". */
  readonly where: string;
}

export interface GitlabService {
  /** The image name as written, and where. */
  readonly image: string;
  readonly at: Ref;
  readonly scope: string;
  readonly where: string;
}

export function gitlabScripts(doc: YamlDoc): {
  scripts: GitlabScript[];
  services: GitlabService[];
} {
  const scripts: GitlabScript[] = [];
  const services: GitlabService[] = [];
  const root = doc.root();
  if (!root || !isMap(root.node)) return { scripts, services };
  const top = root as Ref<YAMLMap>;
  const read = (map: Ref<YAMLMap>, scope: string, where: string) => {
    for (const section of SECTIONS) {
      const value = doc.get(map, section)?.value;
      for (const scalar of value ? strings(doc, value, 0) : []) {
        scripts.push({
          scalar,
          scope: `${scope}>${section}`,
          where: `${where}, ${codeSpan(section)}`,
        });
      }
    }
    const list = doc.getSeq(map, "services");
    for (const item of list ? doc.items(list) : []) {
      const name = isMap(item.node) ? doc.get(item as Ref<YAMLMap>, "name")?.value : item;
      if (!name || !isScalar(name.node) || typeof name.node.value !== "string") continue;
      const image = name.node.value;
      services.push({
        image,
        at: name,
        scope: `${scope}>services[${image}]`,
        where: `${where}, service ${codeSpan(image)}`,
      });
    }
  };
  read(top, "global", "top level");
  const defaults = doc.getMap(top, "default");
  if (defaults) read(defaults, "default", "`default:`");
  for (const entry of doc.entries(top)) {
    if (GLOBAL_KEYWORDS.has(entry.key) || !entry.value || !isMap(entry.value.node)) continue;
    read(entry.value as Ref<YAMLMap>, `job:${entry.key}`, `job ${codeSpan(entry.key)}`);
  }
  return { scripts, services };
}

/** The string scalars of a script value: itself, or the items of a (nested) list. */
function strings(doc: YamlDoc, ref: Ref, depth: number): Ref<Scalar>[] {
  if (isScalar(ref.node)) return typeof ref.node.value === "string" ? [ref as Ref<Scalar>] : [];
  if (!isSeq(ref.node) || depth > 8) return [];
  return doc.items(ref as Ref<YAMLSeq>).flatMap((item) => strings(doc, item, depth + 1));
}
