/**
 * Kubernetes' own rules for the fields fixes touch, over plain data (a document as JSON), so that
 * a fix is offered only when the API server would accept the object and the kubelet would start
 * its containers.
 */

/** A pod spec found in a document, with the pod metadata (for annotations) and its path. */
export interface PodSpecAt {
  readonly spec: Readonly<Record<string, unknown>>;
  readonly metadata: Readonly<Record<string, unknown>> | null;
  /** Dotted path from the document root (`spec.template.spec`, `items[0].spec`). */
  readonly path: string;
}

/** One broken constraint: where, and the words Kubernetes uses. */
export interface Violation {
  /** The constraint's id. */
  readonly constraint: string;
  /** Field path as Kubernetes reports it (`spec.containers[0].volumeMounts[1].mountPropagation`). */
  readonly field: string;
  readonly message: string;
}

/** Where a constraint comes from in Kubernetes' source. */
export interface SourceRef {
  /** Path in kubernetes/kubernetes. */
  readonly file: string;
  readonly function: string;
  /** The source line that enforces it, as written there. */
  readonly line: string;
}

export interface Constraint {
  readonly id: string;
  /** Who refuses: the API server at validation, or the kubelet when it starts the container. */
  readonly enforcedBy: "api-server" | "kubelet" | "runtime";
  readonly source: SourceRef;
  check(pod: PodSpecAt): Violation[];
}

/** The Kubernetes version the sources were read at. */
export const KUBERNETES_SOURCE =
  "https://github.com/kubernetes/kubernetes/blob/1f671eec38a8b413ee8e1e3e69a46b0c9689beda";
