import { parse } from "yaml";

/**
 * Where a path stands in a Helm chart, from the chart directories an adapter found (each the
 * directory of a `Chart.yaml`, `""` for the root). Paths use `/`.
 */

/** A file Helm renders as a Go template: under a chart's `templates/`, or any `templates/…/*.tpl`. */
export function isChartTemplate(path: string, charts: readonly string[]): boolean {
  if (TPL.test(path)) return true;
  return charts.some((root) => path.startsWith(`${prefix(root)}templates/`));
}

/** A named template file (`_helpers.tpl`, Falco's `pod-template.tpl`) in a `templates/` folder. */
export const TPL = /(?:^|\/)templates\/(?:[^/]+\/)*[^/]+\.tpl$/;

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
 * The files among `files` that Helm renders as YAML for the chart at `root`: those under its
 * `templates/`, and those of the subcharts unpacked under its `charts/` (at any depth), each with
 * the path under the chart's values that its `.Values` stands for (`""` for the chart's own; `sub`
 * for `charts/sub/templates/`, `a.b` for `charts/a/charts/b/templates/`). A subchart's values are
 * those under its folder's name (an `alias` in `Chart.yaml` is not read); packed subcharts
 * (`charts/*.tgz`) are not read.
 */
export function chartTemplates<F extends { readonly path: string }>(
  root: string,
  files: readonly F[],
): (F & { readonly valuesPrefix: string })[] {
  const dir = prefix(root);
  return files.flatMap((f) => {
    if (!f.path.startsWith(dir)) return [];
    const m = CHART_TEMPLATE.exec(f.path.slice(dir.length));
    if (!m) return [];
    const subcharts = (m[1] ?? "").split("/").filter((_, i) => i % 2 === 1);
    return [{ ...f, valuesPrefix: subcharts.filter((s) => s !== "").join(".") }];
  });
}

/** A template of a chart or of a subchart unpacked under it, relative to the chart. */
const CHART_TEMPLATE = /^((?:charts\/[^/]+\/)*)templates\/.+\.(?:ya?ml|tpl)$/i;

/**
 * Whether a `Chart.yaml` declares dependencies (`dependencies:` with at least one entry), the
 * charts `helm dependency build` unpacks or packs under `charts/`; false for a file that does not
 * read.
 */
export function declaresDependencies(chartYaml: string): boolean {
  try {
    const chart: unknown = parse(chartYaml, { maxAliasCount: 0 });
    if (typeof chart !== "object" || chart === null || !("dependencies" in chart)) return false;
    const { dependencies } = chart as { dependencies: unknown };
    return Array.isArray(dependencies) && dependencies.length > 0;
  } catch {
    return false;
  }
}
