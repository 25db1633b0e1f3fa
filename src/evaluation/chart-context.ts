/**
 * The Helm charts a change touches, found through the side-reading port: a folder is a chart when
 * it holds a `Chart.yaml` at the head. Files under a chart's `templates/` are then read as Go
 * templates, and when a chart's `values.yaml` or one of its templates changes, the chart's
 * templates at the head (those the change does not hold itself) are read as context, with those
 * of the subcharts unpacked under its `charts/` (and their own values files) when its Chart.yaml
 * declares dependencies, so that its values are judged by the settings the templates render them
 * into rather than by key names; and for a changed template, the chart's values file, whose
 * defaults give the images its containers run (`kubernetes/chart-images.ts`).
 */
import type { SourceFile } from "../core/types.js";
import { declaresDependencies } from "../kubernetes/chart-paths.js";
import type { SideReader } from "./change-entry.js";
import type { PlannedFile } from "./plan-reads.js";

export interface ChartContext {
  /** Chart folders (`""` for the repository root). */
  readonly charts: readonly string[];
  /**
   * Templates of charts whose values file changed, and the `Chart.yaml` files that declare their
   * subcharts, read at the head; never reported.
   */
  readonly context: readonly SourceFile[];
}

/** At most this many templates of one chart are read as context (Bitnami's largest have ~60). */
export const MAX_CONTEXT_TEMPLATES = 500;

const VALUES = /^(?:(.*)\/)?values\.ya?ml$/;
const TEMPLATE = /\.(?:ya?ml|tpl)$/i;
const SUBCHART_TEMPLATE = /(?:^|\/)charts\/[^/]+\/(?:charts\/[^/]+\/)*templates\//;
/** A subchart's own `Chart.yaml`, which names the aliases of the subcharts under it. */
const SUBCHART_MANIFEST = /(?:^|\/)charts\/[^/]+\/(?:charts\/[^/]+\/)*Chart\.yaml$/;
/** A subchart's own values file, its defaults under the key the parent gives it. */
const SUBCHART_VALUES = /(?:^|\/)charts\/[^/]+\/(?:charts\/[^/]+\/)*values\.yaml$/;

/** The folders that would be charts for these paths: of a `values.yaml`, above a `templates/`. */
export function chartCandidates(paths: readonly string[]): string[] {
  const found = new Set<string>();
  for (const path of paths) {
    const values = VALUES.exec(path);
    if (values) found.add(values[1] ?? "");
    const segments = path.split("/");
    segments.forEach((segment, i) => {
      if (segment === "templates" && i < segments.length - 1) {
        found.add(segments.slice(0, i).join("/"));
      }
    });
  }
  return [...found];
}

function under(folder: string, name: string): string {
  return folder === "" ? name : `${folder}/${name}`;
}

/**
 * Finds the charts among the folders the changed files could belong to (a `Chart.yaml` at the
 * head) and reads, for each chart whose `values.yaml` or `values.yml` or one of whose templates is
 * changed at the head, its templates at the head that the change does not hold (with the
 * `Chart.yaml` files that declare its subcharts, for their aliases, and the subcharts' values
 * files), and its values file when the change does not hold it. A reader that cannot list
 * folders, or a listing that fails, gives no templates: such values are judged by key name, and
 * the findings say so.
 */
export async function readChartContext(
  files: readonly PlannedFile[],
  reader: SideReader,
): Promise<ChartContext> {
  const changed = new Set<string>();
  for (const f of files) {
    if (f.headPath !== null) changed.add(f.headPath);
    if (f.basePath !== null) changed.add(f.basePath);
  }
  const candidates = chartCandidates([...changed]);
  if (candidates.length === 0) return { charts: [], context: [] };
  const manifests = await reader.read(
    candidates.map((c) => ({ side: "head", path: under(c, "Chart.yaml") })),
  );
  const charts = candidates.filter((_, i) => manifests[i]?.kind === "text");
  const withDependencies = new Set(
    candidates.filter((_, i) => {
      const m = manifests[i];
      return m?.kind === "text" && declaresDependencies(m.text);
    }),
  );
  const heads = new Set(files.flatMap((f) => (f.headPath === null ? [] : [f.headPath])));
  const changedValues = (c: string) =>
    heads.has(under(c, "values.yaml")) || heads.has(under(c, "values.yml"));
  const changedTemplate = (c: string) =>
    [...heads].some((p) => p.startsWith(under(c, "templates/")));
  const read = charts.filter((c) => changedValues(c) || changedTemplate(c));
  const wanted: string[] = [];
  const context: SourceFile[] = [];
  for (const chart of read) {
    // A changed template's containers run the images the chart's default values give them
    // (Helm takes them from `values.yaml` alone).
    const values = under(chart, "values.yaml");
    if (!changedValues(chart) && !changed.has(values)) wanted.push(values);
    // The chart's own templates, then those of the subcharts unpacked under its `charts/` (looked
    // for when its Chart.yaml declares dependencies), whose values the chart's values file sets
    // under each subchart's name.
    const own = await listFolder(reader, under(chart, "templates"));
    const subcharts = withDependencies.has(chart)
      ? await listFolder(reader, under(chart, "charts"))
      : [];
    const templates = [...own, ...subcharts.filter((p) => SUBCHART_TEMPLATE.test(p))].filter(
      (p) => TEMPLATE.test(p) && !changed.has(p),
    );
    wanted.push(...templates.slice(0, MAX_CONTEXT_TEMPLATES));
    // The Chart.yaml files that declare the subcharts, for the aliases their values go under.
    const manifest = manifests[candidates.indexOf(chart)];
    const path = under(chart, "Chart.yaml");
    if (withDependencies.has(chart) && manifest?.kind === "text" && !changed.has(path))
      context.push({ path, text: manifest.text });
    wanted.push(
      ...subcharts.filter(
        (p) => (SUBCHART_MANIFEST.test(p) || SUBCHART_VALUES.test(p)) && !changed.has(p),
      ),
    );
  }
  const contents = await reader.read(wanted.map((path) => ({ side: "head", path })));
  contents.forEach((content, i) => {
    const path = wanted[i];
    if (path !== undefined && content?.kind === "text") context.push({ path, text: content.text });
  });
  return { charts, context };
}

/** The files under a folder at the head; none when the reader cannot list or the listing fails. */
export async function listFolder(reader: SideReader, folder: string): Promise<readonly string[]> {
  if (!reader.list) return [];
  try {
    const paths = await reader.list("head", folder);
    return paths.filter((p) => p.startsWith(`${folder}/`));
  } catch {
    return [];
  }
}
