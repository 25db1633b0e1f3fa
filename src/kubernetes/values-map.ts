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
import { type TemplateAction, trimsLeftAt } from "../yaml/go-template-lexer.js";
import { templateView } from "../yaml/go-template.js";
import { LineIndex } from "../yaml/line-index.js";
import { parseChunk } from "../yaml/parse-stream.js";
import type { ChartImages } from "./chart-images.js";
import { type ChartReading, readChart } from "./chart-reading.js";
import type { PodContext } from "./container-facts.js";
import { containerFactsOf, type ContainerSpan, containersCalling } from "./template-containers.js";
import { IncludedContainers } from "./included-containers.js";
import type { OutputIndent } from "../yaml/go-template-expr.js";
import { type ChartTemplate, withinPath } from "./values-flow.js";
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
  | { readonly kind: "volumes" }
  /**
   * Containers written whole from the value into the pod's `group` list: the value is that list
   * or entries of it (`form` "list": `{{ toYaml .Values.extraContainers | nindent 8 }}` under
   * `containers:`), or one entry (`form` "item": `- {{ toYaml . | nindent 10 }}` in a `range`).
   */
  | { readonly kind: "containers"; readonly group: ContainerList; readonly form: "list" | "item" };

/** The lists of a pod spec that hold containers. */
export type ContainerList = "containers" | "initContainers" | "ephemeralContainers";
const CONTAINER_LISTS: ReadonlySet<string> = new Set<ContainerList>([
  "containers",
  "initContainers",
  "ephemeralContainers",
]);

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
  /** For containers written whole from the value: what the template's pod gives them. */
  readonly pod?: PodContext;
  /**
   * For a setting of the pod (`hostNetwork`, its security context, its volumes): what the
   * containers the template writes in that pod run.
   */
  readonly podWorkloads?: readonly WorkloadFacts[];
  /**
   * For a container's setting in a named template with no container of its own: what the
   * containers run whose call of it passes the value.
   */
  readonly callers?: readonly WorkloadFacts[];
}

/** Values path (`agent.securityContext`, dotted from the values root) → where templates use it. */
export type ValuesMap = ReadonlyMap<string, readonly ValueUse[]>;

const HOST_KEYS = new Set(["hostNetwork", "hostPID", "hostIPC", "hostUsers"]);
const POD_MARKERS = ["containers", "initContainers"];

/**
 * Reads every template for the values it feeds into security settings. With `images`, a
 * container whose template writes its image with actions runs the image the chart's default
 * values give it (see `chart-images.ts`).
 */
export function valuesMap(
  chart: readonly ChartTemplate[] | ChartReading,
  limits: Limits,
  images: ChartImages | null = null,
): ValuesMap {
  const map = new Map<string, ValueUse[]>();
  const reading = "flows" in chart ? chart : readChart(chart);
  const { templates: read, flows } = reading;
  const included = new IncludedContainers(reading, limits, images);
  // First every template's slots and container mappings, then what each action writes: a named
  // template's settings are given the containers of the places that include it, in any template.
  const readings = read.map((t, ti) => {
    const { chunks, actions } = t;
    const view = templateView(t.text).text;
    const index = new LineIndex(t.text);
    const slots: Slot[] = [];
    const lists: ListSlot[] = [];
    const containers: ContainerSpan[] = [];
    // A name written with a template action in it is not the container's literal name.
    const literal = (start: number, end: number) =>
      !actions.some((a) => a.start < end && a.end > start);
    const imageAt = (start: number, end: number) => images?.at(ti, start, end) ?? null;
    for (const chunk of chunks) {
      for (const doc of parseChunk(chunk, limits, TEMPLATE_READING).docs) {
        const root = doc.doc.contents as Node | null;
        const tops = root && isSeq(root) ? root.items : [root];
        const found = containerFactsOf(doc, limits, imageAt, chunk.start + chunk.text.length);
        containers.push(...found.spans);
        const at: Walk = {
          base: doc.base,
          template: t.path,
          literal,
          out: slots,
          lists,
          factsOf: found.factsOf,
          contextOf: found.contextOf,
          podFactsOf: found.podFactsOf,
          index,
        };
        const end = chunk.start + chunk.text.length;
        for (const top of tops)
          if (top && isMap(top)) collectSlots(top, null, false, null, end, at);
      }
    }
    return { t, view, index, slots, lists, containers };
  });
  const callers = containersCalling(readings, flows);
  for (const [ti, { t, view, index, slots, lists }] of readings.entries()) {
    t.actions.forEach((a, i) => {
      if (a.role !== "value" && a.role !== "block") return;
      // Worked out only for an action that stands where a slot's value or a list's entries go.
      let placed: number | null | undefined;
      const column = () => {
        if (placed === undefined)
          placed = outputColumn(a, flows.indent(ti, i), t.text, view, index);
        return placed;
      };
      const slot = slotOf(slots, a, view, column) ?? listSlotOf(lists, a, view, index, column);
      if (!slot) return;
      const { written, unfollowed } = flows.outputs(ti, i);
      if ("workloads" in slot && written.length === 0 && unfollowed.size === 0) {
        // Containers a named template of the chart writes into the pod's list (Tetragon's
        // `{{ include "container.tetragon" . | nindent 6 }}`) are among what the pod runs.
        slot.workloads.push(...included.containers(ti, i, slot.pod));
      }
      const line = index.span(a.start, a.end).line;
      const use = {
        role: slot.role,
        container: slot.container,
        facts: slot.facts,
        line,
        ...("pod" in slot ? { pod: slot.pod } : {}),
        ...("podWorkloads" in slot ? { podWorkloads: slot.podWorkloads } : {}),
      };
      // A container's setting in a named template with no container of its own (Datadog's
      // `generate-security-context`) is that of the containers whose call passes the value.
      const inContainer =
        slot.role.kind === "container-context" || slot.role.kind === "container-setting";
      const define = inContainer && slot.facts === null ? flows.defineAt(ti, a.start) : null;
      const withCallers = (path: string) => {
        const calls = define === null ? [] : (callers.get(define) ?? []);
        const facts = calls.flatMap((c) =>
          c.passed.some((q) => withinPath(path, q)) ? [c.facts] : [],
        );
        return facts.length > 0 ? { ...use, callers: facts } : use;
      };
      for (const path of written) {
        map.set(path, [...(map.get(path) ?? []), { ...withCallers(path), template: t.path }]);
      }
      for (const [path, through] of unfollowed) {
        const at = { ...withCallers(path), template: t.path, through };
        map.set(path, [...(map.get(path) ?? []), at]);
      }
    });
  }
  return map;
}

/** A key in a template whose value is a security setting, and where its value is written. */
interface Slot {
  readonly role: ValueRole;
  /** Offset just past the key, and the key's 1-based column. */
  readonly keyEnd: number;
  readonly keyColumn: number;
  /** Where a scalar value stands (an action inside it outputs the value), or null. */
  readonly scalar: readonly [number, number] | null;
  /** Where a collection value starts (actions before it output the block), or null when empty. */
  readonly block: number | null;
  /** The literal name of the container whose security setting this is, or null. */
  readonly container: string | null;
  /** What that container runs, or null. */
  readonly facts: WorkloadFacts | null;
  /** For a setting of the pod: what its containers run (see `podFactsOf`). */
  readonly podWorkloads: readonly WorkloadFacts[];
}

function slot(
  pair: Pair,
  role: ValueRole,
  at: Walk,
  owner: {
    container: string | null;
    facts: WorkloadFacts | null;
    podWorkloads: readonly WorkloadFacts[];
  },
): Slot {
  const { base } = at;
  const key = pair.key as Node;
  const keyStart = base + (key.range?.[0] ?? 0);
  const keyEnd = base + (key.range?.[1] ?? 0);
  const place = { role, keyEnd, keyColumn: at.index.span(keyStart, keyEnd).column, ...owner };
  const v = pair.value as Node | null;
  if (!v?.range || (isScalar(v) && v.value === null && !overlapsText(v))) {
    return { ...place, scalar: null, block: null };
  }
  if (isScalar(v)) return { ...place, scalar: [base + v.range[0], base + v.range[1]], block: null };
  return { ...place, scalar: null, block: base + v.range[0] };
}

/** One template's reading: where its chunk starts, which ranges hold no action, the slots found. */
interface Walk {
  readonly base: number;
  readonly template: string;
  readonly literal: (start: number, end: number) => boolean;
  readonly out: Slot[];
  /** The container lists of pods, found so far. */
  readonly lists: ListSlot[];
  /** What a container mapping of the document runs. */
  readonly factsOf: (container: YAMLMap | null) => WorkloadFacts | null;
  /** What a pod spec mapping of the document gives its containers; null for any other mapping. */
  readonly contextOf: (spec: YAMLMap) => PodContext | null;
  /**
   * What the containers of a pod spec mapping of the document run (one list per pod, to which
   * the containers a named template writes into it are added); none for any other mapping.
   */
  readonly podFactsOf: (spec: YAMLMap) => WorkloadFacts[];
  /** Lines and columns of the template. */
  readonly index: LineIndex;
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

/**
 * The key an action stands under: inside its scalar value, or after `key:` before any block, where
 * its output (at 1-based `column` when known, see `outputColumn`) lands deeper than the key.
 */
function slotOf(
  slots: readonly Slot[],
  a: TemplateAction,
  view: string,
  column: () => number | null,
): Slot | null {
  for (const s of slots) if (s.scalar && s.scalar[0] <= a.start && a.start < s.scalar[1]) return s;
  let best: Slot | null = null;
  for (const s of slots) {
    if (s.scalar || s.keyEnd > a.start || (s.block !== null && s.block <= a.start)) continue;
    if (!/^[ \t]*:?\s*$/.test(view.slice(s.keyEnd, a.start))) continue;
    // Output at or left of the key's column is not its value (entries of a list around it).
    const at = column();
    if (at !== null && at <= s.keyColumn) continue;
    if (!best || s.keyEnd > best.keyEnd) best = s;
  }
  return best;
}

/**
 * Keys in `map` (under `ownKey`, inside a pod spec when `parentIsPod`, held by `parent`) that are
 * security slots, and its container lists; `until` is where the text `map` is part of ends (the
 * next key of a mapping holding it, or the end of its document).
 */
function collectSlots(
  map: YAMLMap,
  ownKey: string | null,
  parentIsPod: boolean,
  parent: YAMLMap | null,
  until: number,
  at: Walk,
): void {
  const isPod = ownKey === "spec" || POD_MARKERS.some((k) => map.has(k));
  for (const [n, item] of map.items.entries()) {
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
      const podLevel = role.kind === "pod-setting" || role.kind === "pod-context";
      at.out.push(
        slot(item, role, at, {
          container: literalName(owner, at),
          facts: at.factsOf(owner),
          // A setting of the pod's security context: what the pod spec holding it runs.
          podWorkloads:
            podLevel || role.kind === "volumes"
              ? at.podFactsOf(map)
              : role.kind === "pod-context-setting" && parent
                ? at.podFactsOf(parent)
                : [],
        }),
      );
    }
    const value = item.value as Node | null;
    // The pair's text runs to the next key of this mapping.
    const nextKey = map.items[n + 1]?.key as Node | undefined;
    const end = nextKey?.range ? at.base + nextKey.range[0] : until;
    const pod = CONTAINER_LISTS.has(key) ? at.contextOf(map) : null;
    if (pod) {
      const workloads = at.podFactsOf(map);
      at.lists.push(listSlot(item, key as ContainerList, end, { context: pod, workloads }, at));
    }
    if (value && isMap(value)) collectSlots(value, key, isPod, map, end, at);
    else if (value && isSeq(value)) {
      value.items.forEach((v, i) => {
        const next = value.items[i + 1] as Node | undefined;
        const itemEnd = next?.range ? at.base + next.range[0] : end;
        if (isMap(v)) collectSlots(v, key, false, map, itemEnd, at);
      });
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

/**
 * A pod's list of containers in a template, where an action may write containers whole from a
 * value: after the key (the list), or among its entries.
 */
interface ListSlot {
  readonly role: ValueRole & { readonly kind: "containers" };
  readonly container: null;
  readonly facts: null;
  readonly pod: PodContext;
  /** What the pod's containers run, shared with its pod settings' slots (see `podFactsOf`). */
  readonly workloads: WorkloadFacts[];
  /** Offset just past the key, and the key's 1-based column. */
  readonly keyEnd: number;
  readonly keyColumn: number;
  /** The 1-based column of the list's `-` markers when it has entries written in the template. */
  readonly itemColumn: number | null;
  /** Where the text of the pair ends (the next key of the pod spec, or of a mapping holding it). */
  readonly end: number;
}

function listSlot(
  pair: Pair,
  group: ContainerList,
  end: number,
  pod: { readonly context: PodContext; readonly workloads: WorkloadFacts[] },
  at: Walk,
): ListSlot {
  const key = pair.key as Node;
  const keyStart = at.base + (key.range?.[0] ?? 0);
  const v = pair.value as Node | null;
  const entries = v && isSeq(v) && !v.flow && v.range ? at.base + v.range[0] : null;
  return {
    role: { kind: "containers", group, form: "list" },
    container: null,
    facts: null,
    pod: pod.context,
    workloads: pod.workloads,
    keyEnd: at.base + (key.range?.[1] ?? 0),
    keyColumn: at.index.span(keyStart, keyStart + 1).column,
    itemColumn: entries === null ? null : at.index.span(entries, entries + 1).column,
    end,
  };
}

/**
 * The 1-based column at which an output action alone on its line puts its text, as its last
 * command places it (`nindent N` at N + 1; `indent N` N columns right of the action, unless the
 * action trims the line break before it and joins the line above; with neither, at 1 for an action
 * at the start of its line); null when it is not alone on its line or its placement is not known.
 */
function outputColumn(
  a: TemplateAction,
  indent: OutputIndent | null,
  text: string,
  view: string,
  index: LineIndex,
): number | null {
  const span = index.span(a.start, a.end);
  if (!/^[ \t]*$/.test(view.slice(index.lineStart(span.line), a.start))) return null;
  if (indent?.fromLineStart) return indent.column;
  if (trimsLeftAt(text, a.start)) return null;
  // Output with no indentation of its own is at the line's start only where the action is.
  if (!indent) return span.column === 1 ? 1 : null;
  return span.column + indent.column - 1;
}

/**
 * The container list an output action writes containers of, and how: one entry where it stands
 * as an entry's whole value (`- {{ toYaml . | nindent 10 }}`); the list or entries of it where it
 * stands right after the key, or alone on its line with its output (at 1-based `column`, see
 * `outputColumn`) below the key before any entry written in the template, or at the column of the
 * entries after one.
 */
function listSlotOf(
  lists: readonly ListSlot[],
  a: TemplateAction,
  view: string,
  index: LineIndex,
  column: () => number | null,
): ListSlot | null {
  const span = index.span(a.start, a.end);
  const before = view.slice(index.lineStart(span.line), a.start);
  for (const s of lists) {
    if (a.start < s.keyEnd || a.start >= s.end) continue;
    const dash = /^([ \t]*)-[ \t]*$/.exec(before);
    if (dash) {
      if ((dash[1]?.length ?? 0) + 1 === s.itemColumn)
        return { ...s, role: { ...s.role, form: "item" } };
      continue;
    }
    const between = view.slice(s.keyEnd, a.start);
    const afterKey = /^[ \t]*:?\s*$/.test(between);
    if (afterKey && !between.includes("\n")) return s;
    const at = column();
    if (at === null) continue;
    // Before the entries written in the template, the list's value starts: output at any column
    // from the key's on (Bitnami's MetalLB renders the speaker's init containers two columns left
    // of its own FRR ones); after them, only output at their column adds entries.
    if (afterKey ? at >= s.keyColumn : at === s.itemColumn) return s;
  }
  return null;
}
