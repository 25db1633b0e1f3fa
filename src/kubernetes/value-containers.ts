/**
 * Containers a chart's templates write whole from a value (`{{ toYaml .Values.extraContainers |
 * nindent 8 }}` under `containers:`, `- {{ toYaml . | nindent 10 }}` in a `range`; see
 * `values-map.ts`), read in the values file as containers of their pod: each item is judged by
 * the same container rules as a literal container, on its own lines, with what the template's pod
 * gives it (host namespaces, the host paths behind its volumes) as facts. The pod itself is the
 * template's: its settings (`hostNetwork`, its security context) are not the item's, and a
 * setting the item leaves out may be set by the chart user elsewhere, so the view is not
 * complete, as for a security context block written from a value.
 */
import type { YAMLMap } from "yaml";
import type { WorkloadFacts } from "../capabilities/index.js";
import { codeSpan } from "../core/code-span.js";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";
import { mappingFacts } from "./container-facts.js";
import type { ContainerView, PodView } from "./pod-view.js";
import type { ValueUse } from "./values-map.js";

/** A mapping of the values file that a template writes as a container, with those uses. */
export interface WholeContainer {
  readonly ref: Ref<YAMLMap>;
  /** Its values path as messages show it: `extraContainers[0]`, `sidecar`. */
  readonly path: string;
  readonly uses: readonly ValueUse[];
}

/** One pod view per container written whole from a value, the same mapping taken once. */
export function wholeContainerPods(doc: YamlDoc, found: readonly WholeContainer[]): PodView[] {
  const byPath = new Map<string, WholeContainer>();
  for (const w of found) {
    const known = byPath.get(w.path);
    byPath.set(w.path, known ? { ...known, uses: [...known.uses, ...w.uses] } : w);
  }
  return [...byPath.values()].map((w) => pod(doc, w.path, container(doc, w)));
}

/** Whether values path `path` lies within one of the containers written whole. */
export function withinWhole(found: readonly WholeContainer[], path: string): boolean {
  return found.some((w) => path.startsWith(`${w.path}.`));
}

function container(doc: YamlDoc, w: WholeContainer): ContainerView {
  const name = doc.getScalar(w.ref, "name");
  const named = typeof name === "string" && name !== "" ? name : null;
  const first = w.uses[0];
  const group = first?.role.kind === "containers" ? first.role.group : "containers";
  const workloads = new Map<string, WorkloadFacts>();
  for (const u of w.uses) {
    const facts = mappingFacts(doc, w.ref, u.pod ?? { hostNamespaces: [], hostPaths: new Map() });
    workloads.set(JSON.stringify(facts), facts);
  }
  return {
    ref: w.ref,
    group,
    name: named,
    label: named ?? w.path,
    path: w.path,
    securityContext: doc.getMap(w.ref, "securityContext"),
    securityContextPath: `${w.path}.securityContext`,
    subject: wholeSubject(w.path, named, group, w.uses),
    workloads: [...workloads.values()],
  };
}

const KIND: Readonly<Record<string, string>> = {
  containers: "container",
  initContainers: "init container",
  ephemeralContainers: "ephemeral container",
};

/**
 * How a message names a container written whole from a value: its kind and name, the value, and
 * the template line that writes it (`Init container `sysctl` (the chart value
 * `initContainers[0]`, written whole by `c/templates/deploy.yaml` line 10)`).
 */
export function wholeSubject(
  path: string,
  name: string | null,
  group: string,
  uses: readonly ValueUse[],
): string {
  const kind = KIND[group] ?? "container";
  const first = uses[0];
  const places = new Set(uses.map((u) => `${u.template}:${u.line}`)).size;
  const more = places > 1 ? ` and ${places - 1} other place${places > 2 ? "s" : ""}` : "";
  const where = first
    ? `, written whole by ${codeSpan(first.template)} line ${first.line}${more}`
    : "";
  const value = `the chart value ${codeSpan(path)}`;
  return name !== null
    ? `${kind[0]?.toUpperCase()}${kind.slice(1)} ${codeSpan(name)} (${value}${where})`
    : `The ${kind} set by ${value} (unnamed${where})`;
}

function pod(doc: YamlDoc, path: string, c: ContainerView): PodView {
  return {
    doc,
    resource: null,
    path,
    complete: false,
    spec: null,
    metadata: null,
    securityContext: null,
    securityContextPath: `${path}.podSecurityContext`,
    containers: [c],
    volumes: [],
    windows: false,
    userNamespace: false,
    exceptions: new Map(),
  };
}
