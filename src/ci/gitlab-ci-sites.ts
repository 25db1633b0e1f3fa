/**
 * The shell code and services of a GitLab CI configuration
 * (https://docs.gitlab.com/ci/yaml/): `before_script`, `script` and `after_script` of every job,
 * of `default:` and at the top level (a string or a list of strings, nested lists as anchors and
 * `!reference` build them), and `services:` entries (a string or a mapping with `name:`).
 *
 * `extends:` is resolved as GitLab resolves it within the file
 * (https://docs.gitlab.com/ci/yaml/#extends): a job without its own `script`, `before_script`,
 * `after_script` or `services` takes the key from the jobs it extends, the last one listed first,
 * each through its own `extends` (up to 11 levels); lists are never merged, the closest one
 * wins. What a job inherits is placed on its `extends:` value (where it takes effect; no fix
 * there) and identified as the job's own, so moving a key into a template changes nothing. A
 * hidden job (`.name`) that something in the file extends is a template and runs only through
 * the jobs that extend it; any other job, hidden or not, is read as written.
 */
import { codeSpan } from "../core/code-span.js";
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { Range, Ref, YamlDoc } from "../yaml/yaml-doc.js";

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

/** Where a job's inherited key takes effect: its `extends:` value. */
export interface Inherited {
  readonly at: Range;
  /** The job the key is written in. */
  readonly from: string;
}

export interface GitlabScript {
  readonly scalar: Ref<Scalar>;
  /** `job:build>script`. */
  readonly scope: string;
  /** "job `build`, `script`". */
  readonly where: string;
  readonly inherited?: Inherited;
}

export interface GitlabService {
  /** The image name as written, and where. */
  readonly image: string;
  readonly at: Ref;
  readonly scope: string;
  readonly where: string;
  readonly inherited?: Inherited;
}

/** GitLab's limit on `extends` nesting (https://docs.gitlab.com/ci/yaml/#extends). */
const MAX_EXTENDS_DEPTH = 11;

export function gitlabScripts(doc: YamlDoc): {
  scripts: GitlabScript[];
  services: GitlabService[];
} {
  const scripts: GitlabScript[] = [];
  const services: GitlabService[] = [];
  const root = doc.root();
  if (!root || !isMap(root.node)) return { scripts, services };
  const top = root as Ref<YAMLMap>;
  const jobs = new Map<string, Ref<YAMLMap>>();
  for (const entry of doc.entries(top)) {
    if (GLOBAL_KEYWORDS.has(entry.key) || !entry.value || !isMap(entry.value.node)) continue;
    jobs.set(entry.key, entry.value as Ref<YAMLMap>);
  }
  const extended = new Set([...jobs.values()].flatMap((job) => extendsNames(doc, job)));
  const read = (map: Ref<YAMLMap>, scope: string, where: string, name: string | null) => {
    const lookup = (key: string) =>
      name === null ? own(doc, map, key) : resolve(doc, jobs, name, key);
    for (const section of SECTIONS) {
      const found = lookup(section);
      for (const scalar of found ? strings(doc, found.value, 0) : []) {
        scripts.push({
          scalar,
          scope: `${scope}>${section}`,
          where: `${where}, ${codeSpan(section)}${fromText(found)}`,
          ...inheritedOf(doc, map, found),
        });
      }
    }
    const found = lookup("services");
    const list = found && isSeq(found.value.node) ? (found.value as Ref<YAMLSeq>) : null;
    for (const item of list ? doc.items(list) : []) {
      const image = isMap(item.node) ? doc.get(item as Ref<YAMLMap>, "name")?.value : item;
      if (!image || !isScalar(image.node) || typeof image.node.value !== "string") continue;
      const value = image.node.value;
      services.push({
        image: value,
        at: image,
        scope: `${scope}>services[${value}]`,
        where: `${where}, service ${codeSpan(value)}${fromText(found)}`,
        ...inheritedOf(doc, map, found),
      });
    }
  };
  read(top, "global", "top level", null);
  const defaults = doc.getMap(top, "default");
  if (defaults) read(defaults, "default", "`default:`", null);
  for (const [name, job] of jobs) {
    if (name.startsWith(".") && extended.has(name)) continue;
    read(job, `job:${name}`, `job ${codeSpan(name)}`, name);
  }
  return { scripts, services };
}

/** A key's value and the job it is written in. */
interface Found {
  readonly value: Ref;
  readonly from: string | null;
}

function own(doc: YamlDoc, map: Ref<YAMLMap>, key: string): Found | null {
  const value = doc.get(map, key)?.value;
  return value ? { value, from: null } : null;
}

/** The names a job's `extends:` lists (a string or a list of strings). */
function extendsNames(doc: YamlDoc, job: Ref<YAMLMap>): string[] {
  const value = doc.get(job, "extends")?.value;
  if (!value) return [];
  if (isScalar(value.node)) return typeof value.node.value === "string" ? [value.node.value] : [];
  if (!isSeq(value.node)) return [];
  return doc
    .items(value as Ref<YAMLSeq>)
    .flatMap((item) =>
      isScalar(item.node) && typeof item.node.value === "string" ? [item.node.value] : [],
    );
}

/**
 * The job's own value of `key`, else the first found through the jobs it extends, the last listed
 * first, to GitLab's nesting limit; `from` names the job that writes it when it is not `name`.
 */
function resolve(
  doc: YamlDoc,
  jobs: ReadonlyMap<string, Ref<YAMLMap>>,
  name: string,
  key: string,
): Found | null {
  const walk = (current: string, depth: number, seen: ReadonlySet<string>): Found | null => {
    const job = jobs.get(current);
    if (!job || seen.has(current)) return null;
    const value = doc.get(job, key)?.value;
    if (value) return { value, from: current === name ? null : current };
    if (depth >= MAX_EXTENDS_DEPTH) return null;
    const next = new Set([...seen, current]);
    for (const parent of extendsNames(doc, job).reverse()) {
      const found = walk(parent, depth + 1, next);
      if (found) return found;
    }
    return null;
  };
  return walk(name, 0, new Set());
}

function fromText(found: Found | null): string {
  return found?.from ? ` (from ${codeSpan(found.from)} through \`extends\`)` : "";
}

function inheritedOf(
  doc: YamlDoc,
  job: Ref<YAMLMap>,
  found: Found | null,
): { inherited?: Inherited } {
  if (!found?.from) return {};
  const at = doc.get(job, "extends")?.value?.range;
  return at ? { inherited: { at, from: found.from } } : {};
}

/** The string scalars of a script value: itself, or the items of a (nested) list. */
function strings(doc: YamlDoc, ref: Ref, depth: number): Ref<Scalar>[] {
  if (isScalar(ref.node)) return typeof ref.node.value === "string" ? [ref as Ref<Scalar>] : [];
  if (!isSeq(ref.node) || depth > 8) return [];
  return doc.items(ref as Ref<YAMLSeq>).flatMap((item) => strings(doc, item, depth + 1));
}
