import { levelIncludes, overriddenAt } from "../core/pss.js";
import type { Level, Limits } from "../core/types.js";
import { type ParsedChunk, parseChunk, type ParseProblem } from "../yaml/parse-stream.js";
import { TEMPLATE_READING } from "./screen-triggers.js";
import type { DocumentChunk } from "../yaml/split-documents.js";
import type { YamlDoc } from "../yaml/yaml-doc.js";
import { DepthLimitError, findPods } from "./find-pods.js";
import type { PodView } from "./pod-view.js";
import type { KubernetesRule, Report } from "./rule.js";
import { writtenImage } from "./chart-images.js";
import type { TemplateFacts } from "./template-facts.js";
import { findValuePods } from "./value-pods.js";
import type { ValuesMap } from "./values-map.js";

/** A report with everything needed to become a finding. */
export interface DocumentReport {
  readonly rule: KubernetesRule;
  readonly report: Report<string>;
  readonly pod: PodView;
  readonly doc: YamlDoc;
  /** Identity without the file part: resource, field and rule. */
  readonly identity: string;
}

/**
 * A document chunk as the Kubernetes kind reads it: a chart's values file comes with what the
 * chart's templates do with each value, and is judged through that (see `value-pods.ts`).
 */
export interface ReadChunk extends DocumentChunk {
  readonly values?: ValuesMap;
  /** For a chart template: what the chart's other files tell of its pods. */
  readonly chart?: TemplateFacts;
}

export interface ChunkScan {
  readonly reports: DocumentReport[];
  readonly problems: ParseProblem[];
  /** The documents parsed, for checks on the objects themselves. */
  readonly docs: readonly YamlDoc[];
}

/** The rules that apply at `level`, PSA's overrides taken into account. */
export function rulesFor(rules: readonly KubernetesRule[], level: Level): KubernetesRule[] {
  const overridden = overriddenAt(level);
  return rules.filter((r) => {
    if (!r.pss) return true;
    return levelIncludes(level, r.pss.level) && !overridden.has(r.pss.control);
  });
}

/**
 * Parses one document chunk and runs the rules on every pod in it. A rule that throws is a bug in
 * that rule: it becomes an `internal-error` problem and the other rules still run.
 */
export function scanChunk(
  chunk: ReadChunk,
  rules: readonly KubernetesRule[],
  level: Level,
  limits: Limits,
  identityPath: string,
): ChunkScan {
  return scanParsed(
    parseChunk(chunk, limits, TEMPLATE_READING),
    chunk,
    rules,
    level,
    limits,
    identityPath,
  );
}

/** Runs the rules on every pod of a chunk's parsed documents (see `scanChunk`). */
export function scanParsed(
  parsed: ParsedChunk,
  chunk: ReadChunk,
  rules: readonly KubernetesRule[],
  level: Level,
  limits: Limits,
  identityPath: string,
): ChunkScan {
  const reports: DocumentReport[] = [];
  const problems = [...parsed.problems];
  for (const doc of parsed.docs) {
    const first = reports.length;
    try {
      const found = chunk.values
        ? findValuePods(doc, chunk.values)
        : findPods(doc, limits.maxDepth);
      const chart = chunk.chart;
      const pods = chart ? found.map((p) => withChartFacts(doc, p, chart)) : found;
      for (const pod of pods) {
        const owner = resourceKey(pod, identityPath, doc.index);
        for (const rule of rules) {
          try {
            rule.check(pod, {
              level,
              doc,
              report: (report) => {
                reports.push({
                  rule,
                  report,
                  pod,
                  doc,
                  identity: `${owner}>${report.field}>${rule.id}`,
                });
              },
            });
          } catch (error) {
            if (error instanceof DepthLimitError) throw error;
            problems.push({
              code: "internal-error",
              message: `rule ${rule.id} failed on ${pod.path || "the document"}: ${errorMessage(error)}`,
              offset: doc.base + (pod.spec?.node.range?.[0] ?? 0),
            });
          }
        }
      }
    } catch (error) {
      problems.push(
        error instanceof DepthLimitError
          ? {
              code: "too-deep",
              message: `document nests more than ${limits.maxDepth} levels deep; not scanned`,
              offset: doc.base,
            }
          : {
              code: "internal-error",
              message: `scanner failed on this document: ${errorMessage(error)}`,
              offset: doc.base,
            },
      );
      // A document that could not be read whole yields no findings rather than half of them.
      reports.splice(first);
    }
  }
  return { reports, problems, docs: parsed.docs };
}

/**
 * The pod with, for each container whose `image:` is written with actions, the image the chart
 * gives it (worked out when asked), and what the containers named templates write into its lists
 * run, where the chart tells them.
 */
function withChartFacts(doc: YamlDoc, pod: PodView, chart: TemplateFacts): PodView {
  let changed = false;
  const containers = pod.containers.map((c) => {
    const written = writtenImage(doc, c.ref);
    if (written === null) return c;
    changed = true;
    let image: string | null | undefined;
    const chartImage = () => {
      if (image === undefined) image = chart.image(written.text);
      return image;
    };
    return { ...c, chartImage };
  });
  const workloads = chart.included(doc, pod);
  if (!changed && workloads.length === 0) return pod;
  return { ...pod, containers, ...(workloads.length > 0 ? { workloads } : {}) };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Identity of the object a pod belongs to: kind/namespace/name when named, else file and document. */
export function resourceKey(pod: PodView, identityPath: string, docIndex: number): string {
  const r = pod.resource;
  return r?.name ? `${r.kind}:${r.namespace ?? ""}/${r.name}` : `${identityPath}#${docIndex}`;
}
