import { parse } from "yaml";

/**
 * Where a path stands in a Helm chart, from the chart directories an adapter found (each the
 * directory of a `Chart.yaml`, `""` for the root). Paths use `/`.
 */

/** A file Helm renders as a Go template: under a chart's `templates/`, or any `templates/…/*.tpl`. */
export function isChartTemplate(path: string, charts: readonly string[]): boolean {
  return TPL.test(path) || inChartTemplates(path, charts);
}

/** A file under the `templates/` folder of one of the charts. */
export function inChartTemplates(path: string, charts: readonly string[]): boolean {
  return charts.some((root) => path.startsWith(`${prefix(root)}templates/`));
}

/** A named template file (`_helpers.tpl`, Falco's `pod-template.tpl`) in a `templates/` folder. */
export const TPL = /(?:^|\/)templates\/(?:[^/]+\/)*[^/]+\.tpl$/;

/**
 * A partial: a template file whose name starts with `_` (`_helpers.tpl`). Helm parses it for its
 * named templates but never outputs its own text ("Don't render partials", `renderWithReferences`
 * in https://github.com/helm/helm/blob/main/pkg/engine/engine.go): only its `define` bodies
 * render, where other templates include them.
 */
export function isPartialTemplate(path: string): boolean {
  return /(?:^|\/)_[^/]*$/.test(path);
}

function prefix(root: string): string {
  const r = root.replace(/^\.\/|\/+$/g, "");
  return r === "" || r === "." ? "" : `${r}/`;
}

/** The chart whose values file `path` is (`<chart>/values.yaml` or `.yml`), or null. */
export function valuesFileChart(path: string, charts: readonly string[]): string | null {
  for (const root of charts) {
    const p = prefix(root);
    if (path === `${p}values.yaml` || path === `${p}values.yml`) return root;
  }
  return null;
}

/**
 * The chart a template belongs to: the nearest chart folder whose `templates/` holds it (a
 * subchart unpacked under `charts/` with a `Chart.yaml` of its own is that chart); null for none.
 */
export function templateChart(path: string, charts: readonly string[]): string | null {
  let found: string | null = null;
  for (const root of charts) {
    const p = prefix(root);
    if (path.startsWith(`${p}templates/`) && (found === null || p.length > prefix(found).length))
      found = root;
  }
  return found;
}

/**
 * The folder of each subchart whose templates are among `templates` (as `chartTemplates` gives
 * them), by the values key they read: the folder that holds the subchart's `templates/`.
 */
export function subchartFolders(
  templates: readonly { readonly path: string; readonly valuesPrefix: string }[],
): Map<string, string> {
  const folders = new Map<string, string>();
  for (const t of templates) {
    const at = t.path.lastIndexOf("/templates/");
    if (t.valuesPrefix !== "" && at > 0 && !folders.has(t.valuesPrefix))
      folders.set(t.valuesPrefix, t.path.slice(0, at));
  }
  return folders;
}

/**
 * The files among `files` that Helm renders as YAML for the chart at `root`: those under its
 * `templates/`, and those of the subcharts unpacked under its `charts/` (at any depth), each with
 * the path under the chart's values that its `.Values` stands for (`""` for the chart's own; `sub`
 * for `charts/sub/templates/`, `a.b` for `charts/a/charts/b/templates/`). A subchart declared in
 * its parent's `Chart.yaml` (when that file is among `files`) with an `alias` takes its values
 * under the alias instead, and one declared under several aliases renders once for each, as Helm
 * renders it (https://helm.sh/docs/topics/charts/#alias-field-in-dependencies); packed subcharts
 * (`charts/*.tgz`) are not read.
 */
export function chartTemplates<F extends { readonly path: string; readonly text?: string }>(
  root: string,
  files: readonly F[],
): (F & { readonly valuesPrefix: string })[] {
  const dir = prefix(root);
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const declared = new Map<string, ReadonlyMap<string, readonly string[]>>();
  // The values keys of subchart `name` unpacked under the chart in folder `chart` (`a/` form).
  const keysOf = (chart: string, name: string): readonly string[] => {
    let keys = declared.get(chart);
    if (!keys) {
      keys = valuesKeys(texts.get(`${chart}Chart.yaml`));
      declared.set(chart, keys);
    }
    return keys.get(name) ?? [name];
  };
  return files.flatMap((f) => {
    if (!f.path.startsWith(dir)) return [];
    const m = CHART_TEMPLATE.exec(f.path.slice(dir.length));
    if (!m) return [];
    const subcharts = (m[1] ?? "").split("/").filter((s, i) => i % 2 === 1 && s !== "");
    let prefixes = [""];
    let chart = dir;
    for (const sub of subcharts) {
      const keys = keysOf(chart, sub);
      prefixes = prefixes
        .flatMap((p) => keys.map((k) => (p === "" ? k : `${p}.${k}`)))
        .slice(0, MAX_ALIASED_PREFIXES);
      chart = `${chart}charts/${sub}/`;
    }
    return prefixes.map((valuesPrefix) => ({ ...f, valuesPrefix }));
  });
}

/** One template is read under at most this many values prefixes (aliases of aliases). */
const MAX_ALIASED_PREFIXES = 16;

/**
 * For each dependency a `Chart.yaml` declares by name, the keys of the parent's values it takes
 * its values under: its `alias`, or its name; empty for a file that is absent or does not read.
 */
function valuesKeys(chartYaml: string | undefined): Map<string, string[]> {
  const keys = new Map<string, string[]>();
  for (const d of dependencies(chartYaml)) {
    const key = typeof d.alias === "string" && d.alias !== "" ? d.alias : d.name;
    keys.set(d.name, [...new Set([...(keys.get(d.name) ?? []), key])]);
  }
  return keys;
}

/** The entries of a `Chart.yaml`'s `dependencies` that name a chart; none where it does not read. */
function dependencies(chartYaml: string | undefined): { name: string; alias?: unknown }[] {
  if (chartYaml === undefined) return [];
  try {
    const chart: unknown = parse(chartYaml, { maxAliasCount: 0 });
    if (typeof chart !== "object" || chart === null || !("dependencies" in chart)) return [];
    const { dependencies: list } = chart as { dependencies: unknown };
    if (!Array.isArray(list)) return [];
    return list.flatMap((d: unknown) =>
      typeof d === "object" && d !== null && "name" in d && typeof d.name === "string"
        ? [{ name: d.name, alias: "alias" in d ? d.alias : undefined }]
        : [],
    );
  } catch {
    return [];
  }
}

/** A template of a chart or of a subchart unpacked under it, relative to the chart. */
const CHART_TEMPLATE = /^((?:charts\/[^/]+\/)*)templates\/.+\.(?:ya?ml|tpl)$/i;

/**
 * Whether a `Chart.yaml` declares dependencies (`dependencies:` with at least one entry naming a
 * chart), the charts `helm dependency build` unpacks or packs under `charts/`; false for a file
 * that does not read.
 */
export function declaresDependencies(chartYaml: string): boolean {
  return dependencies(chartYaml).length > 0;
}
