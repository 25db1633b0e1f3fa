/**
 * Which values of a chart flow into security settings, read from the chart's templates: a value
 * output where a template sets `privileged: {{ .Values.agent.privileged }}`, `hostNetwork: {{
 * .Values.hostNetwork }}`, or a whole block such as `securityContext: {{- toYaml
 * .Values.securityContext | nindent 12 }}` (also as `toYaml .` inside `{{ with .Values.x }}`).
 * Nothing is rendered: the values each output action writes (followed through `with`, `range`,
 * variables, named templates and subcharts, see `values-flow.ts`) are tied to the key the action
 * stands under in the template read with placeholders.
 */
import { isMap, isPair, isScalar, isSeq, type Node, type Pair, type YAMLMap } from "yaml";
import type { WorkloadFacts } from "../capabilities/index.js";
import type { Limits } from "../core/types.js";
import { lexTemplate, type TemplateAction } from "../yaml/go-template-lexer.js";
import { templateView } from "../yaml/go-template.js";
import { LineIndex } from "../yaml/line-index.js";
import { parseChunk } from "../yaml/parse-stream.js";
import { templateChunks } from "../yaml/template-chunks.js";
import type { YamlDoc } from "../yaml/yaml-doc.js";
import { workloadFacts } from "./container-facts.js";
import { DepthLimitError, findPods } from "./find-pods.js";
import { type ChartTemplate, ValueFlows } from "./values-flow.js";
import { TEMPLATE_READING } from "./screen-triggers.js";

/** What a value feeds in the rendered pod. */
export type ValueRole =
  /** A container's `securityContext` block. */
  | { readonly kind: "container-context" }
  /** The pod's `securityContext` block. */
  | { readonly kind: "pod-context" }
  /** One setting (`key`) of a container's security context; `group` is that context in its template. */
  | { readonly kind: "container-setting"; readonly key: string; readonly group: string }
  /** One setting (`key`) of the pod's security context. */
  | { readonly kind: "pod-context-setting"; readonly key: string; readonly group: string }
  /** A setting of the pod spec itself: `hostNetwork`, `hostPID`, `hostIPC`, `hostUsers`. */
  | { readonly kind: "pod-setting"; readonly key: string; readonly group: string }
  /** The pod's `volumes` list. */
  | { readonly kind: "volumes" };

/** One place a template uses a value. */
export interface ValueUse {
  readonly role: ValueRole;
  /** The container the value is a security setting of, by its literal name in the template. */
  readonly container: string | null;
  /**
   * What that container runs, as the template writes it (its command, environment, mounts, its
   * pod's host namespaces; an image written as an action is unknown), or null.
   */
  readonly facts: WorkloadFacts | null;
  /** The template's path and the 1-based line of the action. */
  readonly template: string;
  readonly line: number;
  /**
   * The named template the action passes the value to where no template at hand defines it (a
   * library or subchart fetched at build time): what it renders is not known, and the value is
   * taken as written where the call stands.
   */
  readonly through?: string;
}

/** Values path (`agent.securityContext`, dotted from the values root) → where templates use it. */
export type ValuesMap = ReadonlyMap<string, readonly ValueUse[]>;

const HOST_KEYS = new Set(["hostNetwork", "hostPID", "hostIPC", "hostUsers"]);
const POD_MARKERS = ["containers", "initContainers"];

/** Reads every template for the values it feeds into security settings. */
export function valuesMap(templates: readonly ChartTemplate[], limits: Limits): ValuesMap {
  const map = new Map<string, ValueUse[]>();
  // A template Go's lexer refuses is reported by its own scan; Helm would render none of it.
  const read = templates.flatMap((t) => {
    const chunks = templateChunks(t.text);
    if (!Array.isArray(chunks)) return [];
    return [
      { ...t, chunks, actions: lexTemplate(t.text).actions, valuesPrefix: t.valuesPrefix ?? "" },
    ];
  });
  const flows = new ValueFlows(read);
  for (const [ti, t] of read.entries()) {
    const { chunks, actions } = t;
    const view = templateView(t.text).text;
    const index = new LineIndex(t.text);
    const slots: Slot[] = [];
    // A name written with a template action in it is not the container's literal name.
    const literal = (start: number, end: number) =>
      !actions.some((a) => a.start < end && a.end > start);
    for (const chunk of chunks) {
      for (const doc of parseChunk(chunk, limits, TEMPLATE_READING).docs) {
        const root = doc.doc.contents as Node | null;
        const tops = root && isSeq(root) ? root.items : [root];
        const factsOf = containerFactsOf(doc, limits);
        const at: Walk = { base: doc.base, template: t.path, literal, out: slots, factsOf };
        for (const top of tops) if (top && isMap(top)) collectSlots(top, null, false, null, at);
      }
    }
    actions.forEach((a, i) => {
      if (a.role !== "value" && a.role !== "block") return;
      const slot = slotOf(slots, a, view);
      if (!slot) return;
      const { written, unfollowed } = flows.outputs(ti, i);
      const line = index.span(a.start, a.end).line;
      const use = { role: slot.role, container: slot.container, facts: slot.facts, line };
      for (const path of written) {
        map.set(path, [...(map.get(path) ?? []), { ...use, template: t.path }]);
      }
      for (const [path, through] of unfollowed) {
        map.set(path, [...(map.get(path) ?? []), { ...use, template: t.path, through }]);
      }
    });
  }
  return map;
}

/** A key in a template whose value is a security setting, and where its value is written. */
interface Slot {
  readonly role: ValueRole;
  /** Offset just past the key. */
  readonly keyEnd: number;
  /** Where a scalar value stands (an action inside it outputs the value), or null. */
  readonly scalar: readonly [number, number] | null;
  /** Where a collection value starts (actions before it output the block), or null when empty. */
  readonly block: number | null;
  /** The literal name of the container whose security setting this is, or null. */
  readonly container: string | null;
  /** What that container runs, or null. */
  readonly facts: WorkloadFacts | null;
}

function slot(
  pair: Pair,
  role: ValueRole,
  base: number,
  owner: { container: string | null; facts: WorkloadFacts | null },
): Slot {
  const key = pair.key as Node;
  const keyEnd = base + (key.range?.[1] ?? 0);
  const v = pair.value as Node | null;
  if (!v?.range || (isScalar(v) && v.value === null && !overlapsText(v))) {
    return { role, keyEnd, scalar: null, block: null, ...owner };
  }
  if (isScalar(v))
    return { role, keyEnd, scalar: [base + v.range[0], base + v.range[1]], block: null, ...owner };
  return { role, keyEnd, scalar: null, block: base + v.range[0], ...owner };
}

/**
 * What each container of a template's document runs, by its mapping: the containers its pods hold
 * as the scan finds them, each with its pod's host namespaces and volumes.
 */
function containerFactsOf(
  doc: YamlDoc,
  limits: Limits,
): (container: YAMLMap | null) => WorkloadFacts | null {
  const facts = new Map<YAMLMap, WorkloadFacts>();
  try {
    for (const pod of findPods(doc, limits.maxDepth))
      for (const c of pod.containers) if (c.ref) facts.set(c.ref.node, workloadFacts(doc, pod, c));
  } catch (error) {
    // A document too deep to walk is reported by its own scan; its containers stay unknown here.
    if (!(error instanceof DepthLimitError)) throw error;
  }
  return (container) => (container ? (facts.get(container) ?? null) : null);
}

/** One template's reading: where its chunk starts, which ranges hold no action, the slots found. */
interface Walk {
  readonly base: number;
  readonly template: string;
  readonly literal: (start: number, end: number) => boolean;
  readonly out: Slot[];
  /** What a container mapping of the document runs. */
  readonly factsOf: (container: YAMLMap | null) => WorkloadFacts | null;
}

/** The container mapping's `name`, when the template writes it without an action. */
function literalName(container: YAMLMap | null, at: Walk): string | null {
  const name = container?.get("name", true);
  if (!isScalar(name) || typeof name.value !== "string" || !name.range) return null;
  return at.literal(at.base + name.range[0], at.base + name.range[1]) ? name.value : null;
}

/** A null scalar that is written (a placeholder the reading took as unknown) rather than empty. */
function overlapsText(v: Node): boolean {
  return !!v.range && v.range[1] > v.range[0];
}

/** The key an action stands under: inside its scalar value, or after `key:` before any block. */
function slotOf(slots: readonly Slot[], a: TemplateAction, view: string): Slot | null {
  for (const s of slots) if (s.scalar && s.scalar[0] <= a.start && a.start < s.scalar[1]) return s;
  let best: Slot | null = null;
  for (const s of slots) {
    if (s.scalar || s.keyEnd > a.start || (s.block !== null && s.block <= a.start)) continue;
    if (!/^[ \t]*:?\s*$/.test(view.slice(s.keyEnd, a.start))) continue;
    if (!best || s.keyEnd > best.keyEnd) best = s;
  }
  return best;
}

/**
 * Keys in `map` (under `ownKey`, inside a pod spec when `parentIsPod`, held by `parent`) that are
 * security slots.
 */
function collectSlots(
  map: YAMLMap,
  ownKey: string | null,
  parentIsPod: boolean,
  parent: YAMLMap | null,
  at: Walk,
): void {
  const isPod = ownKey === "spec" || POD_MARKERS.some((k) => map.has(k));
  for (const item of map.items) {
    if (!isPair(item) || !isScalar(item.key)) continue;
    const key = String(item.key.value);
    const role = roleOf(
      key,
      ownKey,
      isPod,
      parentIsPod,
      `${at.template}@${at.base + (map.range?.[0] ?? 0)}`,
    );
    if (role) {
      // A container's security context is a key of the container; one of its settings, a key of
      // the security context the container holds.
      const owner =
        role.kind === "container-context" ? map : role.kind === "container-setting" ? parent : null;
      at.out.push(
        slot(item, role, at.base, {
          container: literalName(owner, at),
          facts: at.factsOf(owner),
        }),
      );
    }
    const value = item.value as Node | null;
    if (value && isMap(value)) collectSlots(value, key, isPod, map, at);
    else if (value && isSeq(value)) {
      for (const v of value.items) if (isMap(v)) collectSlots(v, key, false, map, at);
    }
  }
}

function roleOf(
  key: string,
  ownKey: string | null,
  isPod: boolean,
  parentIsPod: boolean,
  group: string,
): ValueRole | null {
  if (key === "securityContext") return { kind: isPod ? "pod-context" : "container-context" };
  if (ownKey === "securityContext") {
    return parentIsPod
      ? { kind: "pod-context-setting", key, group }
      : { kind: "container-setting", key, group };
  }
  if (HOST_KEYS.has(key) && isPod) return { kind: "pod-setting", key, group };
  if (key === "volumes" && isPod) return { kind: "volumes" };
  return null;
}
