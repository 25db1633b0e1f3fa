/**
 * What the other files of a chart tell of the pods a template of it writes, for recognising what
 * they run: the image a container's `image:` written with actions renders with the chart's
 * default values (`chart-images.ts`), and the containers named templates of the chart write into
 * a pod's container lists (`included-containers.ts`), which the template itself shows only as
 * `{{- include "container.tetragon" . | nindent 6 }}`. Worked out from the chart as the scan
 * reads it (`scanned-chart.ts`), when first asked.
 */
import type { WorkloadFacts } from "../capabilities/index.js";
import type { KindOptions } from "../core/file-kind.js";
import type { YamlDoc } from "../yaml/yaml-doc.js";
import { podContext } from "./container-facts.js";
import type { PodView } from "./pod-view.js";
import { scannedChart } from "./scanned-chart.js";
import { CALL } from "./values-flow.js";

export interface TemplateFacts {
  /** The image a container's `image:` renders, by that scalar as written; null when not known. */
  image(written: string): string | null;
  /** What the containers run that named templates write into the pod's container lists. */
  included(doc: YamlDoc, pod: PodView): readonly WorkloadFacts[];
}

const LISTS = ["containers", "initContainers"];

/** The facts for template `path` of the chart in folder `root`. */
export function templateFacts(path: string, root: string, options: KindOptions): TemplateFacts {
  const chart = () => scannedChart(root, options);
  return {
    image: (written) => chart().images?.byWritten(path, options.limits).get(written) ?? null,
    included: (doc, pod) => {
      if (!pod.spec) return [];
      const entries = doc.entries(pod.spec);
      const found: WorkloadFacts[] = [];
      entries.forEach((e, i) => {
        if (!LISTS.includes(e.key)) return;
        // The list's text runs to the next key of the pod spec.
        const [start] = e.range;
        const end = entries[i + 1]?.range[0] ?? pod.spec?.range[1] ?? start;
        const written = doc.source(start, end);
        // Read the chart only for a list that includes a named template.
        if (written === null || !CALL.test(written)) return;
        const { reading, included } = chart();
        const ti = reading?.templates.findIndex((r) => r.path === path) ?? -1;
        const t = reading?.templates[ti];
        // Offsets are the template's only in the document read from it (not in a fixed copy).
        if (!t || !included || written !== t.text.slice(start, end)) return;
        const context = podContext(doc, pod);
        t.actions.forEach((a, i) => {
          if (a.start < start || a.end > end || (a.role !== "value" && a.role !== "block")) return;
          found.push(...included.containers(ti, i, context));
        });
      });
      return found;
    },
  };
}
