import { isMap, isScalar, isSeq, Pair, Scalar, type YAMLMap, type YAMLSeq } from "yaml";
import type { WorkloadFacts } from "../capabilities/index.js";
import { codeSpan } from "../core/code-span.js";
import { PartialMap } from "../yaml/partial-map.js";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import { join, looseContext, siblingImage } from "./pod-shapes.js";
import type { ContainerView, PodView, VolumeView } from "./pod-view.js";
import { type WholeContainer, wholeContainerPods, withinWhole } from "./value-containers.js";
import { withinPath } from "./values-flow.js";
import type { ValueRole, ValuesMap, ValueUse } from "./values-map.js";

/** A value that feeds a setting, as found in the values file. */
interface Placed {
  readonly path: string;
  readonly role: ValueRole;
  readonly key: Scalar;
  readonly value: Ref;
  /** How many pairs the values mapping holding it has. */
  readonly siblings: number;
  /** The containers the templates give it to, by their literal names there. */
  readonly containers: readonly string[];
  /**
   * What those containers run, as the templates write them, with the image the values file names
   * beside the value (`image.repository`) where a template writes the image as an action.
   */
  readonly workloads: readonly WorkloadFacts[];
  /** The list item (or ranged mapping value) it is set in, by its path; "" outside any. */
  readonly instance: string;
  /** Set when every use passes the value to a named template that is not at hand (see `UNFOLLOWED`). */
  readonly note: string | null;
}

/**
 * The pod-like views of a chart's values file, judged through what its templates do with each
 * value (see `values-map.ts`) rather than by key names: a values block a template renders as a
 * container's `securityContext` is read as one; a value a template writes as `privileged:` is read
 * as that setting of a container security context (grouped as the template groups them); a value
 * written as `hostNetwork:` as that setting of a pod. The views are never complete pods.
 */
export function findValuePods(doc: YamlDoc, map: ValuesMap): PodView[] {
  const found: Found = { placed: [], whole: [] };
  const root = doc.root();
  if (root && isMap(root.node))
    visit(doc, root as Ref<YAMLMap>, "", "", { name: null, at: "" }, map, found);
  const pods: PodView[] = wholeContainerPods(doc, found.whole);
  const groups = new Map<string, Placed[]>();
  // A setting inside a container written whole is judged with that container.
  for (const p of found.placed.filter((q) => !withinWhole(found.whole, q.path))) {
    const role = p.role;
    if (role.kind === "container-context" && isMap(p.value.node)) {
      const context = p.value as Ref<YAMLMap>;
      const subject = valueSubject(p.path, p.containers);
      const container = looseContext(context, p.path, subject, p.workloads);
      pods.push(view(doc, p.path, { containers: [container], note: p.note }));
    } else if (role.kind === "pod-context" && isMap(p.value.node)) {
      const securityContext = p.value as Ref<YAMLMap>;
      pods.push(view(doc, p.path, { securityContext, note: p.note, workloads: p.workloads }));
    } else if (role.kind === "volumes" && isSeq(p.value.node)) {
      const volumes: VolumeView[] = doc.mapItems(p.value as Ref<never>).map((ref, i) => {
        const name = doc.getScalar(ref, "name");
        const label = typeof name === "string" && name !== "" ? name : `#${i}`;
        return { ref, name: typeof name === "string" ? name : null, path: `${p.path}[${label}]` };
      });
      pods.push(view(doc, p.path, { volumes, note: p.note, workloads: p.workloads }));
    } else if ("group" in role) {
      // Settings of one template group set in different items a `range` writes are different pods.
      const id = `${role.kind}|${role.group}|${p.instance}`;
      groups.set(id, [...(groups.get(id) ?? []), p]);
    }
  }
  for (const members of groups.values()) {
    const first = members[0];
    if (!first || !("key" in first.role)) continue;
    const parent = parentPath(first.path);
    const synthetic = settingsMap(doc, members);
    const note = members.every((m) => m.note) ? first.note : null;
    const workloads = [...new Set(members.flatMap((m) => m.workloads))];
    if (first.role.kind === "pod-setting")
      pods.push(view(doc, parent, { spec: synthetic, note, workloads }));
    else if (first.role.kind === "pod-context-setting") {
      pods.push(view(doc, parent, { securityContext: synthetic, note, workloads }));
    } else {
      const names = [...new Set(members.flatMap((m) => m.containers))];
      const subject = valueSubject(parent, names);
      const container = looseContext(synthetic, parent, subject, workloads);
      pods.push(view(doc, parent, { containers: [container], note }));
    }
  }
  return pods;
}

/**
 * Walks a values mapping at `path` (as messages show it: `sidecars[0].securityContext`), looking
 * each value up in the map by `lookup` (a list's items, or a mapping's values, as `[]`:
 * `sidecars[].securityContext`, as a template's `range` reads them). `item` is the list item the
 * mapping is in: its path, and the name it gives itself, for the containers a template's `range`
 * writes without a literal name.
 */
function visit(
  doc: YamlDoc,
  map: Ref<YAMLMap>,
  path: string,
  lookup: string,
  item: { readonly name: string | null; readonly at: string },
  roles: ValuesMap,
  found: Found,
): void {
  const out = found.placed;
  for (const e of doc.entries(map)) {
    if (!e.value || !e.pair || !isScalar(e.pair.key)) continue;
    const here = join(path, e.key);
    const key = join(lookup, e.key);
    // A value several templates (or lines) use the same way is one setting.
    const seen = new Set<string>();
    const all = roles.get(key) ?? [];
    wholeAt(doc, e.value, here, all, found.whole);
    const uses = all.filter((u) => u.role.kind !== "containers");
    const idOf = (role: ValueRole) => ("group" in role ? `${role.kind}|${role.group}` : role.kind);
    for (const use of uses) {
      const id = idOf(use.role);
      if (seen.has(id)) continue;
      seen.add(id);
      const same = uses.filter((u) => idOf(u.role) === id);
      const named = same.flatMap((u) => (u.container ? [u.container] : []));
      const containers = named.length === 0 && item.name ? [item.name] : named;
      const image = siblingImage(doc, map);
      const facts = same.flatMap((u) =>
        u.facts ? [u.facts] : [...(u.podWorkloads ?? []), ...(u.callers ?? [])],
      );
      const workloads = image
        ? facts.length > 0
          ? facts.map((f) => (f.image ? f : { ...f, image }))
          : [{ image }]
        : facts;
      out.push({
        path: here,
        role: use.role,
        key: e.pair.key,
        value: e.value,
        siblings: map.node.items.length,
        containers: [...new Set(containers)],
        workloads,
        instance: item.at,
        note: same.every((u) => u.through) ? unfollowedNote(same[0]) : null,
      });
    }
    if (isMap(e.value.node)) visit(doc, e.value as Ref<YAMLMap>, here, key, item, roles, found);
    if (!hasItemUses(roles, `${key}[]`)) continue;
    // A template's `range` over the value: the items of a list, or the values of a mapping.
    const items = isSeq(e.value.node)
      ? doc.items(e.value as Ref<YAMLSeq>).map((ref, i) => [ref, `${here}[${i}]`] as const)
      : isMap(e.value.node)
        ? doc
            .entries(e.value as Ref<YAMLMap>)
            .flatMap((c) => (c.value ? [[c.value, join(here, c.key)] as const] : []))
        : [];
    const itemUses = roles.get(`${key}[]`) ?? [];
    for (const [ref, at] of items) {
      wholeAt(doc, ref, at, itemUses, found.whole);
      if (!isMap(ref.node)) continue;
      const name = doc.getScalar(ref as Ref<YAMLMap>, "name");
      const own = typeof name === "string" && name !== "" ? name : null;
      visit(doc, ref as Ref<YAMLMap>, at, `${key}[]`, { name: own, at }, roles, found);
    }
  }
}

/** What the walk of a values file finds. */
interface Found {
  readonly placed: Placed[];
  readonly whole: WholeContainer[];
}

/**
 * The containers value `ref` at `path` is where templates write it whole (`uses` of role
 * `containers`): the mapping items of a list, or a mapping written as one entry. Anything else (a
 * list of scalars, an empty list, a string) gives none.
 */
function wholeAt(
  doc: YamlDoc,
  ref: Ref,
  path: string,
  uses: readonly ValueUse[],
  out: WholeContainer[],
): void {
  const list = uses.filter((u) => u.role.kind === "containers" && u.role.form === "list");
  const item = uses.filter((u) => u.role.kind === "containers" && u.role.form === "item");
  if (item.length > 0 && isMap(ref.node)) out.push({ ref: ref as Ref<YAMLMap>, path, uses: item });
  if (list.length === 0 || !isSeq(ref.node)) return;
  doc.items(ref as Ref<YAMLSeq>).forEach((entry, i) => {
    if (isMap(entry.node))
      out.push({ ref: entry as Ref<YAMLMap>, path: `${path}[${i}]`, uses: list });
  });
}

/** Whether templates use the items of a list (`lookup` ends in `[]`) or anything under them. */
function hasItemUses(roles: ValuesMap, lookup: string): boolean {
  for (const k of roles.keys()) if (withinPath(k, lookup)) return true;
  return false;
}

/**
 * A mapping that holds, under the setting names the template writes, the values file's own value
 * nodes: `agent.privilegedMode: true` used as `privileged: {{ .Values.agent.privilegedMode }}`
 * reads as `privileged: true`, with the values file's positions.
 */
function settingsMap(doc: YamlDoc, members: readonly Placed[]): Ref<YAMLMap> {
  // Within one values mapping, deleting them all leaves that mapping's other values; members of
  // several mappings never collapse into one `{}`.
  const parents = new Set(members.map((m) => parentPath(m.path)));
  const map = new PartialMap(
    parents.size === 1 ? (members[0]?.siblings ?? 0) : Number.POSITIVE_INFINITY,
  );
  for (const m of members) {
    if (!("key" in m.role)) continue;
    const key = new Scalar(m.role.key);
    key.range = m.key.range;
    map.items.push(new Pair(key, m.value.node));
  }
  const first = members[0]?.key.range?.[0] ?? 0;
  const last = members[members.length - 1]?.value.range[1] ?? doc.base;
  map.range = [first, last - doc.base, last - doc.base];
  return doc.ref(map, true) as Ref<YAMLMap>;
}

/**
 * How a message names the security settings a chart value gives: the containers of the templates
 * that use it, or, where none is named literally, a container set by the value (of a chart, when
 * the values file is known to be one).
 */
export function valueSubject(path: string, containers: readonly string[], chart = true): string {
  const value = `the ${chart ? "chart " : ""}value ${codeSpan(path === "" ? "." : path)}`;
  const [first, ...rest] = containers;
  if (first === undefined) return `A container set by ${value}`;
  const others = rest.length > 0 ? `and ${rest.map(codeSpan).join(", ")}, ` : "";
  return `Container ${codeSpan(first)} (${others}set by ${value})`;
}

function parentPath(path: string): string {
  const i = path.lastIndexOf(".");
  return i === -1 ? "" : path.slice(0, i);
}

function view(
  doc: YamlDoc,
  path: string,
  parts: {
    containers?: ContainerView[];
    securityContext?: Ref<YAMLMap>;
    volumes?: VolumeView[];
    spec?: Ref<YAMLMap>;
    note?: string | null;
    workloads?: readonly WorkloadFacts[];
  },
): PodView {
  return {
    doc,
    resource: null,
    path,
    complete: false,
    spec: parts.spec ?? null,
    metadata: null,
    securityContext: parts.securityContext ?? null,
    securityContextPath: parts.securityContext ? path : join(path, "podSecurityContext"),
    containers: parts.containers ?? [],
    volumes: parts.volumes ?? [],
    windows: false,
    userNamespace: false,
    exceptions: new Map(),
    ...(parts.note ? { note: parts.note } : {}),
    ...(parts.workloads && parts.workloads.length > 0 ? { workloads: parts.workloads } : {}),
  };
}

/**
 * Said on a finding on a value that the chart's template passes to a named template no template
 * at hand defines: it is judged as written where the call stands.
 */
function unfollowedNote(use: ValueUse | undefined): string | null {
  if (!use?.through) return null;
  return `Judged as written where ${codeSpan(use.template)} (line ${use.line}) calls ${codeSpan(use.through)}: no template at hand defines that named template (a library or subchart fetched when the chart is built), so what it renders from this value is not known.`;
}
