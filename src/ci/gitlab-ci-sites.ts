/**
 * The shell code and services of a GitLab CI configuration
 * (https://docs.gitlab.com/ci/yaml/): `before_script`, `script` and `after_script` of every job,
 * of `default:` and at the top level (a string or a list of strings, nested lists as anchors and
 * `!reference` build them), and `services:` entries (a string or a mapping with `name:`), read
 * across the files of the configuration (`gitlab-configuration.ts`), each reported by the one
 * file where it takes effect.
 *
 * `extends:` is resolved as GitLab resolves it (https://docs.gitlab.com/ci/yaml/#extends): a job
 * without its own `script`, `before_script`, `after_script` or `services` (written in any of the
 * configuration's files, the including file's winning) takes the key from the jobs it extends,
 * the last one listed first, each through its own `extends` (up to 11 levels); lists are never
 * merged, the closest one wins. `!reference [job, key, …]`
 * (https://docs.gitlab.com/ci/yaml/yaml_optimization/#reference-tags) stands for that key of
 * that job after its `extends` are resolved, up to 10 levels of nesting. What a job takes from
 * elsewhere is placed where it takes effect in the job (its `extends:` value, the `!reference`
 * tag; no fix there) and identified as the job's own, so moving a key into a template, or a
 * template into an included file, changes nothing. A hidden job (`.name`) that the
 * configuration extends or references is a template and runs only through the jobs that use it;
 * any other job, hidden or not, is read as written.
 */
import { isMap, isScalar, isSeq, type Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import { codeSpan } from "../core/code-span.js";
import type { Range, Ref, YamlDoc } from "../yaml/yaml-doc.js";
import type { CiConfiguration, CiSource, Definition } from "./gitlab-configuration.js";

const SECTIONS = ["before_script", "script", "after_script"] as const;

/** GitLab's limit on `extends` nesting (https://docs.gitlab.com/ci/yaml/#extends). */
const MAX_EXTENDS_DEPTH = 11;
/** GitLab's limit on nested `!reference` tags (https://docs.gitlab.com/ci/yaml/#reference). */
const MAX_REFERENCE_DEPTH = 10;
/** How deep script lists nest (anchors and references build nested lists). */
const MAX_LIST_DEPTH = 8;

export interface GitlabScript {
  readonly scalar: Ref<Scalar>;
  /** The file the scalar is written in, and its document there. */
  readonly source: CiSource;
  readonly doc: YamlDoc;
  /**
   * Where in the reporting file the script takes effect when it is written elsewhere: the job's
   * `extends:` value, or the `!reference` that brings it in.
   */
  readonly via: Range | null;
  /** `job:build>script`. */
  readonly scope: string;
  /** "job `build`, `script`". */
  readonly where: string;
}

export interface GitlabService {
  /** The image name as written, and where. */
  readonly image: string;
  readonly at: Ref;
  readonly source: CiSource;
  readonly via: Range | null;
  readonly scope: string;
  readonly where: string;
}

/** A key's value as the configuration resolves it. */
interface Found {
  readonly value: Ref;
  readonly def: Definition;
  /** The job it is written in, when another than the one asked about. */
  readonly from: string | null;
  /** The `extends:` it comes through, in the job's own definition. */
  readonly via: { readonly source: CiSource; readonly range: Range } | null;
}

/**
 * The scripts and services the file `owner` gives the configuration: those that take effect in
 * it, and, when the file where a key takes effect is only read as context (a change to an
 * included template alone), those written in it, placed where they are written.
 */
export function gitlabScripts(
  config: CiConfiguration,
  owner: CiSource,
  contextOnly: (source: CiSource) => boolean,
): { scripts: GitlabScript[]; services: GitlabService[] } {
  const scripts: GitlabScript[] = [];
  const services: GitlabService[] = [];
  const templates = templateNames(config);
  /** The leaves `owner` reports, and the words naming the job there. */
  const reported = (found: Found, strings: boolean, job: string) => {
    const home = found.via?.source ?? found.def.source;
    const where = `${job}${inFile(home, owner)}`;
    // Another file that is scanned itself reports it.
    if (home !== owner && !contextOnly(home)) return { leaves: [], where };
    const start = { doc: found.def.doc, source: found.def.source, via: found.via?.range ?? null };
    const all = listed(leaves(config, found.value, start, home, walkFrom(strings)));
    if (home === owner) return { leaves: all, where };
    return {
      leaves: all.filter((l) => l.source === owner).map((l) => ({ ...l, via: null })),
      where,
    };
  };
  const read = (scope: string, job: string, lookup: (key: string) => Found | null) => {
    for (const section of SECTIONS) {
      const found = lookup(section);
      if (!found) continue;
      const { leaves: lines, where } = reported(found, true, job);
      for (const s of lines) {
        scripts.push({
          scalar: s.ref as Ref<Scalar>,
          source: s.source,
          doc: s.doc,
          via: s.via,
          scope: `${scope}>${section}`,
          where: `${where}, ${codeSpan(section)}${fromText(found, owner)}${s.through}`,
        });
      }
    }
    const found = lookup("services");
    if (!found) return;
    const { leaves: items, where } = reported(found, false, job);
    for (const item of items) {
      const image = isMap(item.ref.node)
        ? item.doc.get(item.ref as Ref<YAMLMap>, "name")?.value
        : item.ref;
      if (!image || !isScalar(image.node) || typeof image.node.value !== "string") continue;
      const value = image.node.value;
      services.push({
        image: value,
        at: image,
        source: item.source,
        via: item.via,
        scope: `${scope}>services[${value}]`,
        where: `${where}, service ${codeSpan(value)}${fromText(found, owner)}${item.through}`,
      });
    }
  };
  read("global", "top level", (key) => written(config.tops, key));
  read("default", "`default:`", (key) => written(config.defaults, key));
  for (const name of config.jobs.keys()) {
    if (name.startsWith(".") && templates.has(name)) continue;
    read(`job:${name}`, `job ${codeSpan(name)}`, (key) => resolve(config, name, key));
  }
  return { scripts, services };
}

/** The value of `key` in the winning definition that writes it. */
function written(defs: readonly Definition[], key: string): Found | null {
  for (const def of defs) {
    const value = def.doc.get(def.map, key)?.value;
    if (value) return { value, def, from: null, via: null };
  }
  return null;
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
 * first, to GitLab's nesting limit.
 */
function resolve(config: CiConfiguration, name: string, key: string): Found | null {
  if (extendsCycle(config, name)) return null;
  let via: Found["via"] = null;
  const walk = (current: string, depth: number, seen: ReadonlySet<string>): Found | null => {
    const defs = config.jobs.get(current);
    if (!defs || seen.has(current)) return null;
    const own = written(defs, key);
    if (own) return { ...own, from: current === name ? null : current, via };
    if (depth >= MAX_EXTENDS_DEPTH) return null;
    const def = extending(defs);
    if (!def) return null;
    if (current === name) {
      const at = def.doc.get(def.map, "extends")?.value?.range;
      via = at ? { source: def.source, range: at } : null;
    }
    const next = new Set([...seen, current]);
    for (const parent of extendsNames(def.doc, def.map).reverse()) {
      const found = walk(parent, depth + 1, next);
      if (found) return found;
    }
    return null;
  };
  return walk(name, 0, new Set());
}

/** The definition whose `extends:` counts for a job: the winning one that writes it. */
function extending(defs: readonly Definition[]): Definition | undefined {
  return defs.find((d) => d.doc.get(d.map, "extends"));
}

/**
 * Whether a job's `extends` chain comes back to a job on it: GitLab refuses such a configuration
 * (`Extendable::Collection::CircularDependencyError`), so the job runs nothing at all.
 */
function extendsCycle(config: CiConfiguration, name: string): boolean {
  const known = config.cycles.get(name);
  if (known !== undefined) return known;
  const cycle = findCycle(config, name);
  config.cycles.set(name, cycle);
  return cycle;
}

function findCycle(config: CiConfiguration, name: string): boolean {
  const visit = (current: string, path: ReadonlySet<string>, depth: number): boolean => {
    if (path.has(current)) return true;
    if (depth > MAX_EXTENDS_DEPTH) return false;
    const def = extending(config.jobs.get(current) ?? []);
    if (!def) return false;
    const next = new Set([...path, current]);
    return extendsNames(def.doc, def.map).some((parent) => visit(parent, next, depth + 1));
  };
  return visit(name, new Set(), 0);
}

/** A `!reference [job, key, …]` tag's path, or null for anything else. */
function referencePath(doc: YamlDoc, ref: Ref): string[] | null {
  if (!isSeq(ref.node) || ref.node.tag !== "!reference") return null;
  const path = doc.items(ref as Ref<YAMLSeq>).map((item) => item.node);
  if (path.length === 0) return null;
  const names = path.flatMap((n) => (isScalar(n) && typeof n.value === "string" ? [n.value] : []));
  return names.length === path.length ? names : null;
}

/** What a reference path names: the key of the job after `extends`, then keys below it. */
function referenced(config: CiConfiguration, path: readonly string[]): Found | null {
  const [job, key, ...rest] = path;
  if (job === undefined || key === undefined) return null;
  const found = resolve(config, job, key);
  if (!found) return null;
  let value: Ref | undefined = found.value;
  for (const k of rest) {
    value = isMap(value?.node)
      ? (found.def.doc.get(value as Ref<YAMLMap>, k)?.value ?? undefined)
      : undefined;
    if (!value) return null;
  }
  return { ...found, value };
}

interface Leaf {
  readonly ref: Ref;
  readonly doc: YamlDoc;
  readonly source: CiSource;
  readonly via: Range | null;
  /** " (through `!reference […]`)" when it came through one. */
  readonly through: string;
}

interface Place {
  readonly doc: YamlDoc;
  readonly source: CiSource;
  readonly via: Range | null;
}

function walkFrom(strings: boolean): Walk {
  return { lists: 0, refs: [], strings, through: "" };
}

function listed(found: Leaf[] | Cycle): Leaf[] {
  return Array.isArray(found) ? found : [];
}

/** A reference met again while it is being followed. */
interface Cycle {
  readonly cycle: string;
}

/** How far a walk through lists and references has come. */
interface Walk {
  readonly lists: number;
  /** The references being followed, outermost first (`job\0key…`). */
  readonly refs: readonly string[];
  /** Only string scalars (scripts), or every item (services). */
  readonly strings: boolean;
  readonly through: string;
}

/**
 * The items of a (nested) list with `!reference` tags followed; a scalar is itself. A reference
 * that reaches itself again is refused by GitLab (`Tags::Base::CircularReferenceError`) and gives
 * nothing: the cycle is handed up to the reference it comes back to, which then gives nothing.
 */
function leaves(
  config: CiConfiguration,
  ref: Ref,
  at: Place,
  home: CiSource,
  walk: Walk,
): Leaf[] | Cycle {
  const path = referencePath(at.doc, ref);
  if (path) {
    const key = path.join("\u0000");
    if (walk.refs.includes(key)) return { cycle: key };
    if (walk.refs.length >= MAX_REFERENCE_DEPTH) return [];
    const target = referenced(config, path);
    if (!target) return [];
    // The first tag met in the job's own file is where everything below it takes effect.
    const via = at.via ?? (at.source === home ? ref.range : null);
    const place = { doc: target.def.doc, source: target.def.source, via };
    const through = walk.through || referenceText(path, target.def.source, home);
    const inner = leaves(config, target.value, place, home, {
      ...walk,
      refs: [...walk.refs, key],
      through,
    });
    if (!Array.isArray(inner)) return inner.cycle === key ? [] : inner;
    return inner;
  }
  if (isSeq(ref.node)) {
    if (walk.lists > MAX_LIST_DEPTH) return [];
    const out: Leaf[] = [];
    for (const item of at.doc.items(ref as Ref<YAMLSeq>)) {
      const found = leaves(config, item, at, home, { ...walk, lists: walk.lists + 1 });
      if (!Array.isArray(found)) return found;
      out.push(...found);
    }
    return out;
  }
  if (walk.strings && !(isScalar(ref.node) && typeof ref.node.value === "string")) return [];
  return [{ ref, doc: at.doc, source: at.source, via: at.via, through: walk.through }];
}

/** Every job name the configuration extends or references: templates, when hidden. */
function templateNames(config: CiConfiguration): Set<string> {
  const names = new Set<string>();
  const visit = (doc: YamlDoc, ref: Ref, depth: number) => {
    const path = referencePath(doc, ref);
    if (path?.[0] !== undefined) names.add(path[0]);
    else if (isSeq(ref.node) && depth <= MAX_LIST_DEPTH)
      for (const item of doc.items(ref as Ref<YAMLSeq>)) visit(doc, item, depth + 1);
  };
  for (const defs of [...config.jobs.values(), config.tops, config.defaults]) {
    for (const def of defs) {
      for (const name of extendsNames(def.doc, def.map)) names.add(name);
      for (const key of [...SECTIONS, "services"]) {
        const value = def.doc.get(def.map, key)?.value;
        if (value) visit(def.doc, value, 0);
      }
    }
  }
  return names;
}

function inFile(source: CiSource, owner: CiSource): string {
  return source === owner ? "" : ` in ${codeSpan(source.path)}`;
}

function fromText(found: Found, owner: CiSource): string {
  if (!found.from) return "";
  return ` (from ${codeSpan(found.from)}${inFile(found.def.source, owner)} through \`extends\`)`;
}

function referenceText(path: readonly string[], source: CiSource, owner: CiSource): string {
  return ` (through ${codeSpan(`!reference [${path.join(", ")}]`)}${inFile(source, owner)})`;
}
