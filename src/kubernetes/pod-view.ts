import type { YAMLMap } from "yaml";
import type { WorkloadFacts } from "../capabilities/index.js";
import type { ResourceRef } from "../core/types.js";
import type { Ref, YamlDoc } from "../yaml/yaml-doc.js";

/**
 * Where a container sits in its pod. The PSA checks treat `containers`, `initContainers` and
 * `ephemeralContainers` alike; `embedded` covers container-like mappings elsewhere (Tekton steps,
 * Argo templates, Helm values).
 */
export type ContainerGroup = "containers" | "initContainers" | "ephemeralContainers" | "embedded";

export interface ContainerView {
  /** The container mapping; null for a security context found on its own (a Helm value). */
  readonly ref: Ref<YAMLMap> | null;
  readonly group: ContainerGroup;
  /** `name` as written, or null. */
  readonly name: string | null;
  /** Identity of the container in its pod: its name, or `#index` when unnamed. */
  readonly label: string;
  /**
   * How a message names a security context found on its own, which is not a container (Markdown
   * built from code spans): a chart value, with the containers the chart's templates give it to.
   */
  readonly subject?: string;
  /**
   * For a security context found on its own (a chart value), what is known of the containers it
   * is given to: the chart templates' containers that render it, with the image the values file
   * names beside it. Absent when nothing is known; a container with `ref` is read from it.
   */
  readonly workloads?: readonly WorkloadFacts[];
  /**
   * Where a chart template writes this container's image with actions: the image the chart's
   * default values give it (see `chart-images.ts`), or null, worked out when first asked (only
   * what a rule recognises needs it).
   */
  readonly chartImage?: () => string | null;
  /** Logical path of the container from the document root, e.g. `spec.containers[app]`. */
  readonly path: string;
  readonly securityContext: Ref<YAMLMap> | null;
  /** Logical path of the security context mapping (where it is or would be). */
  readonly securityContextPath: string;
}

/** A pod spec, or the pod-like part of a fragment (Helm values, a patch, a custom resource). */
export interface PodView {
  readonly doc: YamlDoc;
  readonly resource: ResourceRef | null;
  /** Logical path of the pod spec from the document root (`spec`, `spec.template.spec`, ...). */
  readonly path: string;
  /**
   * True for the full pod spec of a known workload kind: settings left out mean their defaults,
   * so the restricted checks that demand a setting apply. False for fragments, where a left-out
   * setting may well be set elsewhere (a base manifest, a chart template).
   */
  readonly complete: boolean;
  readonly spec: Ref<YAMLMap> | null;
  /** Pod (template) metadata, for annotations. */
  readonly metadata: Ref<YAMLMap> | null;
  /** Pod-level security context. */
  readonly securityContext: Ref<YAMLMap> | null;
  readonly securityContextPath: string;
  readonly containers: readonly ContainerView[];
  /** Volume mappings (items of `volumes` and chart spellings such as `extraVolumes`). */
  readonly volumes: readonly VolumeView[];
  /** `spec.os.name` is `windows`. */
  readonly windows: boolean;
  /** `spec.hostUsers` is false: the pod runs in its own user namespace. */
  readonly userNamespace: boolean;
  /** Exceptions declared on the object by annotation: rule id → written reason. */
  readonly exceptions: ReadonlyMap<string, string>;
  /** Said on every finding of the view (how a chart value was judged), when set. */
  readonly note?: string;
  /**
   * What the containers of the pod run where the view holds none of them (a setting of the pod a
   * chart value gives: the containers the chart's template writes in that pod), for recognising
   * the workload; absent when nothing is known.
   */
  readonly workloads?: readonly WorkloadFacts[];
}

export interface VolumeView {
  readonly ref: Ref<YAMLMap>;
  readonly name: string | null;
  readonly path: string;
}
