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
