/**
 * A chart's default values, as Helm starts from them when nothing is overridden: the chart's own
 * `values.yaml` (the one name Helm's chart loader takes them from, `pkg/chart/loader/load.go`), and for a subchart unpacked under its `charts/`, the subchart's
 * own values file under the key its templates read (`ChartTemplate.valuesPrefix`), the parent's
 * values under that key taking precedence (https://helm.sh/docs/chart_template_guide/subcharts_and_globals/).
 * Read from the files at hand; a values file that does not read (or reads as no mapping) gives
 * nothing. Only looked up, never changed.
 */
import { parse } from "yaml";
import type { SourceFile } from "../core/types.js";
import { isObject } from "./validity/pod-data.js";

/** Aliases a values file may expand: a real one uses a few, an alias bomb is not expanded. */
const MAX_ALIASES = 100;

export class ChartDefaults {
  readonly #root: unknown;
  /** A subchart's own values, by the key its templates read them under (`sub`, `a.b`). */
  readonly #own = new Map<string, unknown>();

  private constructor(root: unknown) {
    this.#root = root;
  }

  /**
   * The default values of the chart in folder `chart` (`""` for the repository root), with those
   * of subcharts at `subcharts` (the values prefix of each subchart's templates → its folder),
   * from `files`; null when the chart's values file is not among them or does not read.
   */
  static of(
    chart: string,
    files: readonly SourceFile[],
    subcharts: ReadonlyMap<string, string> = new Map(),
  ): ChartDefaults | null {
    const byPath = new Map(files.map((f) => [f.path, f.text]));
    const root = valuesIn(chart, byPath);
    if (root === undefined) return null;
    const defaults = new ChartDefaults(root);
    for (const [prefix, folder] of subcharts) {
      const own = valuesIn(folder, byPath);
      if (own !== undefined) defaults.#own.set(prefix, own);
    }
    return defaults;
  }

  /**
   * The default at values path `path` (dotted; a path through a list's items, `a[].b`, has none):
   * the chart's, else that of the subchart whose prefix the path starts with.
   */
  get(path: string): unknown {
    if (path.includes("[]")) return undefined;
    const found = at(this.#root, path);
    if (found !== undefined) return found;
    for (const [prefix, own] of this.#own) {
      if (path.startsWith(`${prefix}.`)) return at(own, path.slice(prefix.length + 1));
    }
    return undefined;
  }
}

function valuesIn(folder: string, files: ReadonlyMap<string, string>): unknown {
  const dir = folder === "" ? "" : `${folder}/`;
  const text = files.get(`${dir}values.yaml`);
  return text === undefined ? undefined : read(text);
}

function read(text: string): unknown {
  try {
    const value: unknown = parse(text, { maxAliasCount: MAX_ALIASES, uniqueKeys: false });
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function at(root: unknown, path: string): unknown {
  let node = root;
  for (const key of path === "" ? [] : path.split(".")) {
    if (!isObject(node) || !Object.hasOwn(node, key)) return undefined;
    node = node[key];
  }
  return node;
}
