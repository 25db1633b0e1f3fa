import { isMap, isSeq, type YAMLMap, type YAMLSeq } from "yaml";
import type { ResourceRef } from "../core/types.js";
import type { Entry, Ref, YamlDoc } from "../yaml/yaml-doc.js";
import {
  itemLabel,
  join,
  looksLikeChartTestSuite,
  looksLikeContainer,
  looksLikeUnnamedContainer,
  looksLikeWrittenPodSpec,
  looksLikePodSpec,
  looseContext,
  siblingImage,
} from "./pod-shapes.js";
import type { ContainerGroup, ContainerView, PodView, VolumeView } from "./pod-view.js";
import {
  CONTAINER_KEYS,
  CONTAINER_LIST_KEYS,
  INERT_KEYS,
  isInertKind,
  POD_TEMPLATE_PATHS,
  VOLUME_LIST_KEYS,
} from "./workload-kinds.js";

/** Raised when a document nests deeper than the walk allows. */
export class DepthLimitError extends Error {}

/** Annotation prefix that declares an exception on the object: `privilege-guard.io/allow-<rule-id>`. */
export const EXCEPTION_PREFIX = "privilege-guard.io/allow-";
const POD_GROUPS = ["containers", "initContainers", "ephemeralContainers"] as const;
const HOST_KEYS = ["hostNetwork", "hostPID", "hostIPC", "hostUsers"];
const SECURITY_CONTEXT_KEY = /securitycontext$/i;
const POD_SECURITY_CONTEXT_KEY = /^pod.*securitycontext$/i;

/**
 * Finds every pod spec in a document, structurally: the pod template of each workload kind (and
 * of each item of a `List`), and pod specs, containers, security contexts and volumes embedded
 * anywhere else (custom resources, Helm values, Kustomize patches).
 */
export function findPods(doc: YamlDoc, maxDepth: number): PodView[] {
  const finder = new PodFinder(doc, maxDepth);
  const root = doc.root();
  if (root && isMap(root.node)) finder.visitObject(root as Ref<YAMLMap>, "", 0);
  else if (root && isSeq(root.node)) {
    doc.mapItems(root as Ref<YAMLSeq>).forEach((item, i) => {
      finder.visitObject(item, `[${itemLabel(doc, item, i)}]`, 1);
    });
  }
  return finder.pods;
}

/**
 * Exceptions declared by `privilege-guard.io/allow-<rule>: <reason>` annotations in the given
 * metadata mappings (an object's and its pod template's): rule id → written reason.
 */
export function objectExceptions(
  doc: YamlDoc,
  metadata: readonly (Ref<YAMLMap> | null)[],
): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const meta of metadata) {
    const annotations = doc.getMap(meta, "annotations");
    if (!annotations) continue;
    for (const e of doc.entries(annotations)) {
      if (!e.key.startsWith(EXCEPTION_PREFIX)) continue;
      const reason = e.value ? doc.getScalarOf(e.value) : undefined;
      if (typeof reason === "string" && reason.trim() !== "") {
        out.set(e.key.slice(EXCEPTION_PREFIX.length), reason.trim());
      }
    }
  }
  return out;
}

class PodFinder {
  readonly pods: PodView[] = [];
  readonly #doc: YamlDoc;
  readonly #maxDepth: number;
  /** Metadata of the object being visited, for exception annotations. */
  #objectMetadata: Ref<YAMLMap> | null = null;

  constructor(doc: YamlDoc, maxDepth: number) {
    this.#doc = doc;
    this.#maxDepth = maxDepth;
  }

  visitObject(obj: Ref<YAMLMap>, path: string, depth: number): void {
    const outer = this.#objectMetadata;
    try {
      this.#visitObject(obj, path, depth);
    } finally {
      this.#objectMetadata = outer;
    }
  }

  #visitObject(obj: Ref<YAMLMap>, path: string, depth: number): void {
    const doc = this.#doc;
    const kind = doc.getScalar(obj, "kind");
    const apiVersion = doc.getScalar(obj, "apiVersion");
    this.#objectMetadata = null;
    if (typeof kind !== "string" || kind === "") {
      if (depth === 0 && looksLikeChartTestSuite(doc, obj)) return;
      this.#walk(obj, null, path, depth, null);
      return;
    }
    // A patch may leave out `apiVersion`: the kind still says where its pod template is.
    const metadata = doc.getMap(obj, "metadata");
    this.#objectMetadata = metadata;
    const name = doc.getScalar(metadata, "name");
    const namespace = doc.getScalar(metadata, "namespace");
    const resource: ResourceRef = {
      apiVersion: typeof apiVersion === "string" ? apiVersion : null,
      kind,
      name: typeof name === "string" ? name : null,
      namespace: typeof namespace === "string" ? namespace : null,
    };
    // Only a real object (with its apiVersion) is known to be a schema, a policy or manifest text.
    if (typeof apiVersion === "string" && isInertKind(apiVersion, kind)) return;
    const items = doc.getSeq(obj, "items");
    if (kind.endsWith("List") && items) {
      doc.mapItems(items).forEach((item, i) => {
        const named = typeof doc.getScalar(doc.getMap(item, "metadata"), "name") === "string";
        this.visitObject(item, named ? "" : `${join(path, "items")}[#${i}]`, depth + 2);
      });
      return;
    }
    const templatePath = POD_TEMPLATE_PATHS[kind];
    if (templatePath) {
      let template: Ref<YAMLMap> | null = obj;
      for (const key of templatePath) template = doc.getMap(template, key);
      const spec = doc.getMap(template, "spec");
      if (template && spec) {
        const base = join(path, templatePath.join("."));
        this.pods.push(
          this.#pod(resource, spec, doc.getMap(template, "metadata"), join(base, "spec"), true),
        );
        return;
      }
      // No pod template where the kind keeps it (a values file with a `kind:` setting, a partial
      // patch): read it structurally like any other fragment.
    }
    this.#walk(obj, resource, path, depth, null);
  }

  #pod(
    resource: ResourceRef | null,
    spec: Ref<YAMLMap>,
    metadata: Ref<YAMLMap> | null,
    path: string,
    knownKind: boolean,
  ): PodView {
    const doc = this.#doc;
    const containers: ContainerView[] = [];
    for (const group of POD_GROUPS) {
      doc.mapItems(doc.getSeq(spec, group)).forEach((item, i) => {
        containers.push(
          this.#container(item, group, `${join(path, group)}[${itemLabel(doc, item, i)}]`, i),
        );
      });
    }
    const regular = containers.filter((c) => c.group === "containers");
    const complete =
      knownKind &&
      !doc.templated &&
      regular.length > 0 &&
      containers.every((c) => typeof doc.getScalar(c.ref, "image") === "string");
    return {
      doc,
      resource,
      path,
      complete,
      spec,
      metadata,
      securityContext: doc.getMap(spec, "securityContext"),
      securityContextPath: join(path, "securityContext"),
      containers,
      volumes: this.#volumes(doc.getSeq(spec, "volumes"), join(path, "volumes")),
      windows: doc.getScalar(doc.getMap(spec, "os"), "name") === "windows",
      userNamespace: doc.getScalar(spec, "hostUsers") === false,
      exceptions: this.#exceptions(metadata),
    };
  }

  /** `privilege-guard.io/allow-<rule>: <reason>` annotations of the object and its pod template. */
  #exceptions(podMetadata: Ref<YAMLMap> | null): ReadonlyMap<string, string> {
    return objectExceptions(this.#doc, [this.#objectMetadata, podMetadata]);
  }

  /**
   * A single container under a key (Argo's `container` and `script`, Tekton's `stepTemplate`):
   * unnamed, it takes the name of the template that holds it, so a finding names `build`, not `#0`.
   */
  #embeddedContainer(owner: Ref<YAMLMap>, item: Ref<YAMLMap>, path: string): ContainerView {
    const view = this.#container(item, "embedded", path);
    const ownerName = this.#doc.getScalar(owner, "name");
    if (view.name !== null || typeof ownerName !== "string" || ownerName === "") return view;
    return { ...view, label: ownerName };
  }

  #container(item: Ref<YAMLMap>, group: ContainerGroup, path: string, i = 0): ContainerView {
    const name = this.#doc.getScalar(item, "name");
    const label = itemLabel(this.#doc, item, i);
    return {
      ref: item,
      group,
      name: typeof name === "string" ? name : null,
      label,
      path,
      securityContext: this.#doc.getMap(item, "securityContext"),
      securityContextPath: join(path, "securityContext"),
    };
  }

  #volumes(seq: Ref<YAMLSeq> | null, listPath: string): VolumeView[] {
    const doc = this.#doc;
    return doc.mapItems(seq).map((ref, i) => {
      const name = doc.getScalar(ref, "name");
      const label = typeof name === "string" && name !== "" ? name : `#${i}`;
      return { ref, name: typeof name === "string" ? name : null, path: `${listPath}[${label}]` };
    });
  }

  /**
   * Walks a mapping that is not a known workload, collecting what is pod-like in it. `metadata`
   * is the pod metadata beside it, when the mapping is the `spec` of an embedded pod template.
   */
  #walk(
    map: Ref<YAMLMap>,
    resource: ResourceRef | null,
    path: string,
    depth: number,
    metadata: Ref<YAMLMap> | null,
  ): void {
    if (depth > this.#maxDepth) throw new DepthLimitError(`nesting deeper than ${this.#maxDepth}`);
    const doc = this.#doc;
    const entries = doc.entries(map);
    if (looksLikePodSpec(doc, map) || looksLikeWrittenPodSpec(doc, map)) {
      this.pods.push(this.#pod(resource, map, metadata, path, false));
      return;
    }
    if (looksLikeContainer(doc, map) || (path === "" && looksLikeUnnamedContainer(doc, map))) {
      this.pods.push(this.#fragment(resource, map, path, [this.#container(map, "embedded", path)]));
      return;
    }
    const containers: ContainerView[] = [];
    const volumes: VolumeView[] = [];
    let podContext: { ref: Ref<YAMLMap>; path: string } | null = null;
    let hostKeys = false;
    for (const e of entries) {
      if (INERT_KEYS.has(e.key) || !e.value) continue;
      const childPath = join(path, e.key);
      if (HOST_KEYS.includes(e.key)) hostKeys = true;
      const value = e.value;
      if (isMap(value.node)) {
        const child = value as Ref<YAMLMap>;
        if (POD_SECURITY_CONTEXT_KEY.test(e.key)) podContext = { ref: child, path: childPath };
        else if (SECURITY_CONTEXT_KEY.test(e.key)) {
          // Judged by key name, a values block is known by the image beside it, if any.
          const image = siblingImage(doc, map);
          containers.push(looseContext(child, childPath, undefined, image ? [{ image }] : []));
        } else if (CONTAINER_KEYS.has(e.key) && !looksLikePodSpec(doc, child)) {
          containers.push(this.#embeddedContainer(map, child, childPath));
        } else {
          const beside = e.key === "spec" ? doc.getMap(map, "metadata") : null;
          this.#walk(child, resource, childPath, depth + 1, beside);
        }
        continue;
      }
      if (!isSeq(value.node)) continue;
      const seq = value as Ref<YAMLSeq>;
      const group = CONTAINER_LIST_KEYS[e.key];
      if (group) {
        doc.mapItems(seq).forEach((item, i) => {
          containers.push(
            this.#container(item, group, `${childPath}[${itemLabel(doc, item, i)}]`, i),
          );
        });
      } else if (VOLUME_LIST_KEYS.has(e.key)) {
        for (const v of this.#volumes(seq, childPath)) volumes.push(v);
      } else {
        doc.mapItems(seq).forEach((item, i) => {
          this.#walk(item, resource, `${childPath}[${itemLabel(doc, item, i)}]`, depth + 1, null);
        });
      }
    }
    if (containers.length === 0 && volumes.length === 0 && !podContext && !hostKeys) return;
    this.pods.push(this.#fragment(resource, map, path, containers, volumes, podContext));
  }

  /** The pod-like part of a fragment: never a complete pod. */
  #fragment(
    resource: ResourceRef | null,
    map: Ref<YAMLMap>,
    path: string,
    containers: ContainerView[],
    volumes: VolumeView[] = [],
    podContext: { ref: Ref<YAMLMap>; path: string } | null = null,
  ): PodView {
    const doc = this.#doc;
    return {
      doc,
      resource,
      path,
      complete: false,
      spec: map,
      metadata: null,
      securityContext: podContext?.ref ?? null,
      securityContextPath: podContext?.path ?? join(path, "podSecurityContext"),
      containers,
      volumes,
      windows: doc.getScalar(doc.getMap(map, "os"), "name") === "windows",
      userNamespace: doc.getScalar(map, "hostUsers") === false,
      exceptions: this.#exceptions(null),
    };
  }
}

export type { Entry };
