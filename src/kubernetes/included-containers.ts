/**
 * The containers a named template of a chart writes as entries of a pod's container list, as
 * charts split a long pod spec (Tetragon's `{{- include "container.tetragon" . | nindent 6 }}`
 * under `containers:`, its body in `_container_tetragon.tpl`): the body read as the list of
 * container mappings it writes, each with what the including pod gives it (host namespaces, the
 * host paths behind its volumes) and, for an image written with actions, the image the chart's
 * default values give it. Used to recognise what a pod runs from its settings in a values file.
 */
import { isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import type { WorkloadFacts } from "../capabilities/index.js";
import type { Limits } from "../core/types.js";
import { parseChunk } from "../yaml/parse-stream.js";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import type { ChartImages } from "./chart-images.js";
import type { ChartReading } from "./chart-reading.js";
import { mappingFacts, type PodContext } from "./container-facts.js";
import { TEMPLATE_READING } from "./screen-triggers.js";
import { withChartImage } from "./template-containers.js";

interface Body {
  readonly template: number;
  readonly doc: YamlDoc;
  readonly containers: readonly Ref<YAMLMap>[];
}

export class IncludedContainers {
  readonly #reading: ChartReading;
  readonly #limits: Limits;
  readonly #images: ChartImages | null;
  /** Each named template's body, read once, by name; null where it writes no list of mappings. */
  readonly #bodies = new Map<string, Body | null>();

  constructor(reading: ChartReading, limits: Limits, images: ChartImages | null) {
    this.#reading = reading;
    this.#limits = limits;
    this.#images = images;
  }

  /**
   * What the containers run that action `action` of template `template` (indexes in the
   * reading) writes by including a named template of the chart, in a pod that gives them `pod`;
   * none for any other action.
   */
  containers(template: number, action: number, pod: PodContext): WorkloadFacts[] {
    const name = this.#reading.flows.called(template, action);
    const body = name === null ? null : this.#body(name);
    if (!body) return [];
    const images = this.#images;
    const imageAt = images
      ? (start: number, end: number) => images.at(body.template, start, end)
      : null;
    return body.containers.map((ref) =>
      withChartImage(body.doc, ref, mappingFacts(body.doc, ref, pod), imageAt),
    );
  }

  #body(name: string): Body | null {
    const known = this.#bodies.get(name);
    if (known !== undefined) return known;
    this.#bodies.set(name, null);
    const define = this.#reading.flows.defined(name);
    const t = define ? this.#reading.templates[define.template] : undefined;
    const open = define ? t?.actions[define.from] : undefined;
    if (!define || !t || !open) return null;
    const chunk = t.chunks.find(
      (c) => c.start <= open.start && open.start < c.start + c.text.length,
    );
    const doc = chunk ? parseChunk(chunk, this.#limits, TEMPLATE_READING).docs[0] : undefined;
    const root = doc?.root();
    if (!doc || !root || !isSeq(root.node)) return null;
    const containers = doc.mapItems(root as Ref<YAMLSeq>);
    const body = { template: define.template, doc, containers };
    this.#bodies.set(name, body);
    return body;
  }
}
