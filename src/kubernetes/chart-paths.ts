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

/** The files among `files` under the chart's `templates/` that Helm renders as YAML. */
export function chartTemplates<F extends { readonly path: string }>(
  root: string,
  files: readonly F[],
): F[] {
  const dir = `${prefix(root)}templates/`;
  return files.filter((f) => f.path.startsWith(dir) && /\.(?:ya?ml|tpl)$/i.test(f.path));
}
