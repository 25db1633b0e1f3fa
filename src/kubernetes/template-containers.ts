/**
 * What the containers of a chart's templates run, as the values map needs it
 * (`values-map.ts`): for each document of a template, the containers its pods hold, each with its
 * pod's host namespaces and volumes and the image the chart's defaults give an image written with
 * actions, and the containers a named template writes as a list (Datadog's
 * `container-host-profiler`); where each container's text stands; and, for each named template of
 * the chart, the containers whose mappings call it with the values they pass.
 */
import { isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import type { WorkloadFacts } from "../capabilities/index.js";
import type { Limits } from "../core/types.js";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import { writtenImage } from "./chart-images.js";
import type { ChartReading, ReadTemplate } from "./chart-reading.js";
import { mappingFacts, type PodContext, podContext, workloadFacts } from "./container-facts.js";
import { DepthLimitError, findPods } from "./find-pods.js";

/** The image the chart's defaults give the scalar at `[start, end)` of a template, or null. */
export type ImageAt = (start: number, end: number) => string | null;

/**
 * `facts` of container mapping `ref` with the image the chart's defaults give it where the
 * template writes its image with actions.
 */
export function withChartImage(
  doc: YamlDoc,
  ref: Ref<YAMLMap>,
  facts: WorkloadFacts,
  imageAt: ImageAt | null,
): WorkloadFacts {
  const written = facts.image || !imageAt ? null : writtenImage(doc, ref);
  const image = written ? imageAt?.(written.start, written.end) : null;
  return image ? { ...facts, image } : facts;
}

/**
 * What each container of a template's document runs, by its mapping: the containers its pods hold
 * as the scan finds them, each with its pod's host namespaces and volumes, and an image written
 * with actions as `imageAt` gives it; and what all the containers of a pod spec mapping run.
 */
export function containerFactsOf(
  doc: YamlDoc,
  limits: Limits,
  imageAt: ImageAt,
  docEnd: number,
): {
  factsOf: (container: YAMLMap | null) => WorkloadFacts | null;
  contextOf: (spec: YAMLMap) => PodContext | null;
  podFactsOf: (spec: YAMLMap) => WorkloadFacts[];
  spans: ContainerSpan[];
} {
  const facts = new Map<YAMLMap, WorkloadFacts>();
  const spans: ContainerSpan[] = [];
  const contexts = new Map<unknown, PodContext>();
  const pods = new Map<unknown, WorkloadFacts[]>();
  try {
    for (const pod of findPods(doc, limits.maxDepth)) {
      if (pod.spec) contexts.set(pod.spec.node, podContext(doc, pod));
      const all: WorkloadFacts[] = [];
      for (const c of pod.containers) {
        if (!c.ref) continue;
        const found = withChartImage(doc, c.ref, workloadFacts(doc, pod, c), imageAt);
        facts.set(c.ref.node, found);
        spans.push({ start: c.ref.range[0], end: c.ref.range[1], facts: found });
        all.push(found);
      }
      if (pod.spec) pods.set(pod.spec.node, all);
    }
    // A named template that writes a list of containers (Datadog's `container-host-profiler`):
    // each mapping of it is a container, in a pod not known here.
    const root = doc.root();
    if (facts.size === 0 && root && isSeq(root.node)) {
      const items = doc.mapItems(root as Ref<YAMLSeq>);
      items.forEach((ref, i) => {
        if (!doc.get(ref, "name") || !(doc.get(ref, "image") || doc.get(ref, "command"))) return;
        const found = withChartImage(doc, ref, mappingFacts(doc, ref, NO_POD), imageAt);
        facts.set(ref.node, found);
        // Its text runs to the next item, or to the end of the named template (actions on the
        // lines after its last key, such as a call writing its security context, are its own).
        spans.push({ start: ref.range[0], end: items[i + 1]?.range[0] ?? docEnd, facts: found });
      });
    }
  } catch (error) {
    // A document too deep to walk is reported by its own scan; its containers stay unknown here.
    if (!(error instanceof DepthLimitError)) throw error;
  }
  return {
    factsOf: (container) => (container ? (facts.get(container) ?? null) : null),
    contextOf: (spec) => contexts.get(spec) ?? null,
    podFactsOf: (spec) => pods.get(spec) ?? [],
    spans,
  };
}

/** A pod that gives its containers nothing known. */
const NO_POD: PodContext = { hostNamespaces: [], hostPaths: new Map() };

/** A container mapping of a template, where its text stands, and what it runs. */
export interface ContainerSpan {
  readonly start: number;
  readonly end: number;
  readonly facts: WorkloadFacts;
}

/**
 * For each named template of the chart, what the containers run whose mappings hold a call of it
 * (the innermost container mapping around the `include` or `template` action).
 */
export function containersCalling(
  readings: readonly { readonly t: ReadTemplate; readonly containers: readonly ContainerSpan[] }[],
  flows: ChartReading["flows"],
): Map<string, { facts: WorkloadFacts; passed: readonly string[] }[]> {
  const callers = new Map<string, { facts: WorkloadFacts; passed: readonly string[] }[]>();
  for (const [ti, { t, containers }] of readings.entries()) {
    if (containers.length === 0) continue;
    t.actions.forEach((a, i) => {
      if (a.role !== "value" && a.role !== "block") return;
      const name = flows.called(ti, i);
      if (name === null || !flows.defined(name)) return;
      let inner: ContainerSpan | null = null;
      for (const c of containers)
        if (c.start <= a.start && a.end <= c.end && (!inner || c.start >= inner.start)) inner = c;
      if (!inner) return;
      const call = { facts: inner.facts, passed: flows.passed(ti, i) };
      callers.set(name, [...(callers.get(name) ?? []), call]);
    });
  }
  return callers;
}
