/**
 * A GitLab CI configuration as GitLab assembles it from its files
 * (https://docs.gitlab.com/ci/yaml/includes/#merge-method-for-include): each file's local
 * includes are merged first, in the order listed (a later one over an earlier one, each with its
 * own includes under it), and the including file's keys last, over all of them. Only the files at
 * hand are read (the scanned file and `KindOptions.related`); an include not at hand lends
 * nothing. The scanned file belongs to the configuration of another root file (`.gitlab-ci.yml`
 * first, then `*.gitlab-ci.yml`) at hand whose includes reach it, else to its own.
 */
import { isMap, type YAMLMap } from "yaml";
import type { FileReference } from "../core/file-kind.js";
import { refusal } from "../core/refusal.js";
import type { Limits, SourceFile } from "../core/types.js";
import { LineIndex } from "../yaml/line-index.js";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import { localIncludes, matchInclude } from "./gitlab-includes.js";
import { readYaml } from "./read-yaml.js";

/**
 * GitLab's default limit on the files one configuration includes (`ci_max_includes`, 150:
 * https://docs.gitlab.com/administration/settings/continuous_integration/#maximum-includes).
 */
export const MAX_INCLUDES = 150;

/** A root configuration file: the project's `.gitlab-ci.yml`, or one named `*.gitlab-ci.yml`. */
const ROOT = /(?:^|\/)[^/]*\.gitlab-ci\.ya?ml$/;

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

/** One file of the configuration, parsed. */
export interface CiSource {
  readonly path: string;
  readonly text: string;
  readonly index: LineIndex;
  readonly docs: readonly YamlDoc[];
}

/** A mapping as one file writes it: a job, `default:`, or the top level. */
export interface Definition {
  readonly source: CiSource;
  readonly doc: YamlDoc;
  readonly map: Ref<YAMLMap>;
}

export interface CiConfiguration {
  /** The root file (the scanned file itself when no root at hand includes it). */
  readonly root: CiSource;
  /** Each job's definitions, the one whose keys win first. */
  readonly jobs: ReadonlyMap<string, readonly Definition[]>;
  /** The files' top levels and `default:` mappings, the winning one first. */
  readonly tops: readonly Definition[];
  readonly defaults: readonly Definition[];
  /** Whether a job's `extends` chain is a cycle, as found so far (see `gitlab-ci-sites.ts`). */
  readonly cycles: Map<string, boolean>;
}

/**
 * What is read of the related files, kept per input object: a scan hands every file it scans the
 * same `related` list, so each of them is parsed once for all those files and their fixes'
 * checks rather than once per file. One lives in each scan's `ScanMemo` (`KindOptions.memo`), so
 * nothing outlives the scan; it holds pure functions of its inputs and changes no result.
 */
export class SourceMemo {
  readonly #parsed = new WeakMap<SourceFile, Map<string, CiSource | null>>();
  readonly #indexes = new WeakMap<readonly SourceFile[], RelatedIndex>();

  parse(file: SourceFile, limits: Limits): CiSource | null {
    const key = JSON.stringify(limits);
    let byLimits = this.#parsed.get(file);
    if (!byLimits) {
      byLimits = new Map();
      this.#parsed.set(file, byLimits);
    }
    if (!byLimits.has(key)) byLimits.set(key, parseSource(file, limits));
    return byLimits.get(key) ?? null;
  }

  index(related: readonly SourceFile[]): RelatedIndex {
    let found = this.#indexes.get(related);
    if (!found) {
      const byPath = new Map<string, SourceFile>();
      for (const f of related) if (!byPath.has(f.path)) byPath.set(f.path, f);
      const paths = [...byPath.keys()];
      found = { byPath, paths, roots: paths.filter((p) => ROOT.test(p)).sort(rootOrder) };
      this.#indexes.set(related, found);
    }
    return found;
  }
}

interface RelatedIndex {
  readonly byPath: ReadonlyMap<string, SourceFile>;
  readonly paths: readonly string[];
  /** The paths named like a root, `.gitlab-ci.yml` first. */
  readonly roots: readonly string[];
}

/** The configuration `own` belongs to. `related` are the other files of the same side. */
export function gitlabConfiguration(
  own: CiSource,
  related: readonly SourceFile[],
  limits: Limits,
  memo: SourceMemo,
): CiConfiguration {
  const { byPath, paths, roots: rootPaths } = memo.index(related);
  const sourceOf = (path: string): CiSource | null => {
    if (path === own.path) return own;
    const file = byPath.get(path);
    return file ? memo.parse(file, limits) : null;
  };
  // A file named like a root may still be included by another (`.gitlab/ci/build.gitlab-ci.yml`).
  for (const path of rootPaths) {
    if (path === own.path) continue;
    // A root that includes nothing cannot reach the file: not worth parsing.
    if (!byPath.get(path)?.text.includes("include")) continue;
    const root = sourceOf(path);
    if (!root) continue;
    const layers = includeLayers(root, paths, sourceOf);
    if (layers.includes(own)) return assemble(root, layers);
  }
  return assemble(own, includeLayers(own, paths, sourceOf));
}

/** GitLab's default CI configuration path, the root most included files belong to. */
const PROJECT_ROOT = ".gitlab-ci.yml";

/**
 * The files a configuration file refers to: its local includes (a wildcard as the files under
 * the folder before it that it matches), and, for any other file, the project's `.gitlab-ci.yml`,
 * which may include it.
 */
export function gitlabReferences(file: SourceFile, limits: Limits): FileReference[] {
  const source = parseSource(file, limits);
  const refs: FileReference[] = file.path === PROJECT_ROOT ? [] : [{ path: PROJECT_ROOT }];
  for (const doc of source?.docs ?? []) {
    for (const pattern of localIncludes(doc)) {
      const star = pattern.indexOf("*");
      if (star < 0) {
        refs.push({ path: pattern });
        continue;
      }
      const folder = pattern.slice(0, Math.max(0, pattern.lastIndexOf("/", star)));
      refs.push({ folder, matches: (path) => matchInclude(pattern, [path]).length > 0 });
    }
  }
  return refs;
}

/** The project's own `.gitlab-ci.yml` first, then by path. */
function rootOrder(a: string, b: string): number {
  const rank = (p: string) => (p === PROJECT_ROOT ? 0 : 1);
  return rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0);
}

export function parseSource(file: SourceFile, limits: Limits): CiSource | null {
  if (refusal(file.text, limits.maxFileSize)) return null;
  const index = new LineIndex(file.text);
  const { docs } = readYaml(file.path, file.text, index, limits);
  return { path: file.path, text: file.text, index, docs };
}

/**
 * The files of the configuration from the one whose keys lose to all others to the root, each
 * once, to GitLab's include limit; a file including itself again (a cycle) adds nothing.
 */
function includeLayers(
  root: CiSource,
  paths: readonly string[],
  sourceOf: (path: string) => CiSource | null,
): CiSource[] {
  const layers: CiSource[] = [];
  const seen = new Set<string>([root.path]);
  const expand = (source: CiSource) => {
    for (const doc of source.docs) {
      for (const pattern of localIncludes(doc)) {
        for (const path of matchInclude(pattern, paths)) {
          if (seen.has(path) || seen.size > MAX_INCLUDES) continue;
          seen.add(path);
          const included = sourceOf(path);
          if (included) expand(included);
        }
      }
    }
    layers.push(source);
  };
  expand(root);
  return layers;
}

function assemble(root: CiSource, layers: readonly CiSource[]): CiConfiguration {
  const jobs = new Map<string, Definition[]>();
  const tops: Definition[] = [];
  const defaults: Definition[] = [];
  // The last layer wins: walk from it so that each list holds the winning definition first.
  for (const source of [...layers].reverse()) {
    for (const doc of source.docs) {
      const root = doc.root();
      if (!root || !isMap(root.node)) continue;
      const top = root as Ref<YAMLMap>;
      tops.push({ source, doc, map: top });
      const defaultMap = doc.getMap(top, "default");
      if (defaultMap) defaults.push({ source, doc, map: defaultMap });
      for (const entry of doc.entries(top)) {
        if (GLOBAL_KEYWORDS.has(entry.key) || !entry.value || !isMap(entry.value.node)) continue;
        const list = jobs.get(entry.key) ?? [];
        list.push({ source, doc, map: entry.value as Ref<YAMLMap> });
        jobs.set(entry.key, list);
      }
    }
  }
  return { root, jobs, tops, defaults, cycles: new Map() };
}
