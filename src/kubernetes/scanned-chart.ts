/**
 * A chart as one scan reads it, worked out once for the files of the scan that belong to it
 * (`KindOptions.memo`, one chart at a time): its templates among the files at hand read together (`chart-reading.ts`),
 * the images its default values give the containers those templates write with actions
 * (`chart-images.ts`; none when the chart's values file is not at hand), and the containers its
 * named templates write into pods' container lists (`included-containers.ts`).
 */
import type { KindOptions } from "../core/file-kind.js";
import { ChartDefaults } from "./chart-defaults.js";
import { ChartImages } from "./chart-images.js";
import { chartTemplates, subchartFolders } from "./chart-paths.js";
import { type ChartReading, readChart } from "./chart-reading.js";
import { IncludedContainers } from "./included-containers.js";

export interface ScannedChart {
  /** The chart's templates at hand, with their values prefixes; none when no template is. */
  readonly reading: ChartReading | null;
  readonly images: ChartImages | null;
  readonly included: IncludedContainers | null;
}

/** The chart in folder `root` as the files of this scan give it. */
export function scannedChart(root: string, options: KindOptions): ScannedChart {
  // A chart's files are read one after another (they share its folder): one chart is held at a
  // time, so a scan of a repository of charts holds no more than its largest.
  return options.memo.latest("kubernetes/chart", root, () => {
    const templates = chartTemplates(root, options.related);
    if (templates.length === 0) return { reading: null, images: null, included: null };
    const reading = readChart(templates);
    const defaults = ChartDefaults.of(root, options.related, subchartFolders(templates));
    const images = defaults ? new ChartImages(reading, defaults) : null;
    return { reading, images, included: new IncludedContainers(reading, options.limits, images) };
  });
}
